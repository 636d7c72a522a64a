package org.zhengce.registry.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code /actuator/prometheus} on the registry's own port (no management port set): requests by route template and
 * outcome with their Confluent error codes, and the numbers of schemas and subjects, readable by whoever may read.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        args = "--spring.config.name=schema-registry",
        properties = {
            "registry.store=memory",
            "registry.auth.users.metrics-writer.password=metrics-password",
            "registry.auth.users.metrics-writer.role=write"
        })
@AutoConfigureWebTestClient
class RequestMetricsTests {

    private static final MediaType V1 = MediaType.parseMediaType("application/vnd.schemaregistry.v1+json");
    private static final String SCHEMA = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Visit\\\","
            + "\\\"fields\\\":[{\\\"name\\\":\\\"at\\\",\\\"type\\\":\\\"long\\\"}]}\"}";

    @Autowired
    WebTestClient http;

    @Test
    void requestsAreCountedByRouteTemplateAndOutcomeWithTheirErrorCodes() {
        register("metrics-household-4711-value").expectStatus().isOk();
        register("metrics-household-4712-value").expectStatus().isOk();
        http.get()
                .uri("/subjects/metrics-unknown-value/versions/1")
                .exchange()
                .expectStatus()
                .isNotFound();
        http.post()
                .uri("/subjects/metrics-anonymous-value/versions")
                .contentType(V1)
                .bodyValue(SCHEMA)
                .exchange()
                .expectStatus()
                .isUnauthorized();

        String scraped = scrape();

        assertThat(scraped)
                .containsPattern("registry_requests_seconds_count\\{[^}]*endpoint=\"/subjects/\\{subject}/versions\""
                        + "[^}]*error_code=\"none\"[^}]*method=\"POST\"[^}]*outcome=\"SUCCESS\"[^}]*status=\"200\"[^}]*}"
                        + " 2\\s")
                .containsPattern("registry_requests_seconds_count\\{[^}]*endpoint=\"/subjects/\\{subject}/versions/"
                        + "\\{version}\"[^}]*error_code=\"40401\"[^}]*outcome=\"CLIENT_ERROR\"[^}]*status=\"404\"[^}]*}"
                        + " 1\\s")
                .containsPattern("registry_requests_seconds_count\\{[^}]*endpoint=\"UNMATCHED\"[^}]*error_code=\"401\""
                        + "[^}]*status=\"401\"[^}]*} 1\\s")
                .containsPattern("registry_subjects\\{[^}]*} 2\\.0")
                .containsPattern("registry_schemas\\{[^}]*} 1\\.0")
                .containsPattern("registry_versions\\{[^}]*} 2\\.0")
                .containsPattern("registry_store_following\\{[^}]*} 1\\.0")
                .contains("registry_store_catch_up_seconds")
                .doesNotContain("4711", "metrics-unknown-value");
    }

    @Test
    void healthGroupsAreServedOnTheRegistrysPort() {
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec register(String subject) {
        return http.post()
                .uri("/subjects/" + subject + "/versions")
                .headers(headers -> headers.setBasicAuth("metrics-writer", "metrics-password"))
                .contentType(V1)
                .bodyValue(SCHEMA)
                .exchange();
    }

    private String scrape() {
        String body = http.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).isNotNull();
        return body;
    }
}
