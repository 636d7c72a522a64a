package org.zhengce.intake.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Standard Webhooks signature, against vectors made by others: the specification's reference suite and openssl. */
class WebhookSignatureTest {

    @Test
    void signsTheReferenceLibrarysVectorAsTheReferenceLibraryDoes() {
        // standard-webhooks/standard-webhooks, libraries/javascript/src/webhook.test.ts, "sign function works"
        WebhookSecret secret = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "test");

        String signature = WebhookSignature.sign(
                secret,
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    /** The fixture interop's Node test verifies with the reference library: intake's signer must make it. */
    @Test
    void signsTheInteropFixtureAsOpensslDid() throws IOException {
        JsonNode fixture;
        try (InputStream in =
                Objects.requireNonNull(getClass().getResourceAsStream("/webhooks/signed-delivery.json"))) {
            fixture = JsonMapper.builder().build().readTree(in);
        }
        JsonNode headers = fixture.get("headers");

        String signature = WebhookSignature.sign(
                WebhookSecret.parse(fixture.get("secret").asString(), "fixture"),
                headers.get("webhook-id").asString(),
                Long.parseLong(headers.get("webhook-timestamp").asString()),
                fixture.get("body").asString().getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo(headers.get("webhook-signature").asString());
    }

    @Test
    void aSecretIsWhsecAndBase64AndNeverShownByToString() {
        WebhookSecret drawn = WebhookSecret.generate();

        assertThat(drawn.serialised()).startsWith("whsec_");
        assertThat(WebhookSecret.parse(drawn.serialised(), "test")).isEqualTo(drawn);
        assertThat(drawn.bytes()).hasSize(32);
        assertThat(drawn.toString()).doesNotContain(drawn.serialised().substring(6));
        assertThatThrownBy(() -> WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "intake.decisions.webhooks.X"))
                .hasMessageContaining("intake.decisions.webhooks.X must start with whsec_");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_c2hvcnQ=", "s")).hasMessageContaining("24 to 64 bytes");
    }

    @Test
    void anEndpointMustBeHttpsUnlessPlainHttpIsAllowed() {
        assertThat(WebhookEndpoints.check(URI.create("https://yibao.example.gov.cn/hooks"), false))
                .isEmpty();
        assertThat(WebhookEndpoints.check(URI.create("http://localhost:8080/hooks"), false))
                .hasValueSatisfying(problem -> assertThat(problem.rule()).isEqualTo("webhook.https"));
        assertThat(WebhookEndpoints.check(URI.create("http://localhost:8080/hooks"), true))
                .isEmpty();
        assertThat(WebhookEndpoints.check(URI.create("ftp://example.org/x"), true))
                .hasValueSatisfying(problem -> assertThat(problem.rule()).isEqualTo("webhook.https"));
        assertThat(WebhookEndpoints.check(URI.create("/relative"), true))
                .hasValueSatisfying(problem -> assertThat(problem.rule()).isEqualTo("webhook.url"));
        assertThat(WebhookEndpoints.check(URI.create("https://user:pw@example.org/x"), false))
                .hasValueSatisfying(problem -> assertThat(problem.rule()).isEqualTo("webhook.url"));
    }
}
