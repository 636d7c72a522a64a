package org.zhengce.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void hmacSha256MatchesRfc4231TestCase2() {
        byte[] mac = WebhookSignature.hmacSha256(
                "Jefe".getBytes(StandardCharsets.UTF_8),
                "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8));
        assertThat(HexFormat.of().formatHex(mac))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void signatureIsOverTimestampDotBody() {
        // openssl: printf '%s' '1764554400.{"alertId":"a-1","text":"hello"}' | openssl dgst -sha256 -hmac ...
        String signature = WebhookSignature.sign(
                "sms-gateway-secret",
                "1764554400",
                "{\"alertId\":\"a-1\",\"text\":\"hello\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(signature).isEqualTo("sha256=1678f54133ace32efa872cfa60aeb1301d388571e3f3d998fc15e87880fe740c");
    }

    @Test
    void anotherTimestampGivesAnotherSignature() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.sign("secret", "1", body)).isNotEqualTo(WebhookSignature.sign("secret", "2", body));
    }
}
