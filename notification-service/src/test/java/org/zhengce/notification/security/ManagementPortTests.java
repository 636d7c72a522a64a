package org.zhengce.notification.security;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.zhengce.notification.NotificationStackTest;

/**
 * The actuator on a port of its own, as in production (ADR 0027): Prometheus scrapes it without a token (the port is
 * reachable only from the kubelet and the monitoring namespace), every other actuator endpoint there is still the
 * admin's, and on the service's own port the scrape is the admin's too.
 */
@TestPropertySource(properties = "management.server.port=0")
class ManagementPortTests extends NotificationStackTest {

    @LocalManagementPort
    int managementPort;

    private WebTestClient managementPort() {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + managementPort)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    @Test
    void prometheusScrapesTheManagementPortWithoutAToken() {
        managementPort()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(metrics ->
                        org.assertj.core.api.Assertions.assertThat(metrics).contains("jvm_memory_used_bytes"));
        managementPort()
                .get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk();
        managementPort()
                .get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void everyOtherActuatorEndpointOnTheManagementPortIsTheAdmins() {
        managementPort()
                .get()
                .uri("/actuator/metrics")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        managementPort()
                .get()
                .uri("/actuator/metrics")
                .headers(headers -> headers.setBearerAuth(advisor("advisor-metrics", "110105001001")))
                .exchange()
                .expectStatus()
                .isForbidden();
        managementPort()
                .get()
                .uri("/actuator/metrics")
                .headers(headers -> headers.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void onTheServicePortTheScrapeNeedsTheAdmin() {
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        http.get()
                .uri("/actuator/prometheus")
                .headers(headers -> headers.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isNotFound();
    }
}
