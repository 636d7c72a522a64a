package org.zhengce.registry.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The actuator on a management port of its own (as the production profile sets it): open there to scrapers and probes
 * even when reads need credentials; on the registry's port the probes stay open and the metrics follow the access
 * rules.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        args = "--spring.config.name=schema-registry",
        properties = {
            "registry.store=memory",
            "management.server.port=0",
            "registry.auth.anonymous-reads=false",
            "registry.auth.users.ops-writer.password=ops-password",
            "registry.auth.users.ops-writer.role=write",
            "registry.auth.bearer-tokens.scraper.token=scraper-token",
            "registry.auth.bearer-tokens.scraper.role=read"
        })
class ManagementPortTests {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void theManagementPortServesProbesAndMetricsWithoutCredentials() {
        assertThat(managementPort).isNotEqualTo(port);
        WebTestClient management = client(managementPort);

        management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        management
                .get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .value(body -> assertThat(body).containsEntry("status", "UP"));
        management.get().uri("/subjects").exchange().expectStatus().isNotFound();
    }

    @Test
    void theRegistrysPortKeepsProbesOpenAndMetricsForReaders() {
        WebTestClient registry = client(port);

        registry.get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .value(body -> assertThat(body).containsEntry("status", "UP"));
        registry.get().uri("/actuator/health").exchange().expectStatus().isOk();
        registry.get()
                .uri("/actuator/health/no-such-group")
                .exchange()
                .expectStatus()
                .isNotFound();
        registry.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        registry.get()
                .uri("/actuator/prometheus")
                .headers(headers -> headers.setBearerAuth("scraper-token"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("registry_subjects"));
    }

    private static WebTestClient client(int port) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }
}
