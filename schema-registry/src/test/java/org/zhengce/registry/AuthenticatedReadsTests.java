package org.zhengce.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A registry whose schemas only known callers may read ({@code registry.auth.anonymous-reads=false}). */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        args = "--spring.config.name=schema-registry",
        properties = {
            "registry.store=memory",
            "registry.auth.anonymous-reads=false",
            "registry.auth.users.writer.password=writer-password",
            "registry.auth.users.writer.role=write",
            "registry.auth.bearer-tokens.dashboard.token=dashboard-token",
            "registry.auth.bearer-tokens.dashboard.role=read"
        })
@AutoConfigureWebTestClient
class AuthenticatedReadsTests {

    @Autowired
    WebTestClient http;

    @Test
    void anonymousReadsAreRefusedAndKnownReadersServed() {
        http.get()
                .uri("/subjects")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, RegistryAccess.CHALLENGE)
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .value(body -> assertThat(body).containsEntry("error_code", 401));

        http.get()
                .uri("/subjects")
                .headers(headers -> headers.setBearerAuth("dashboard-token"))
                .exchange()
                .expectStatus()
                .isOk();
        http.get()
                .uri("/config")
                .headers(headers -> headers.setBasicAuth("writer", "writer-password"))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void healthProbesStayOpen() {
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }
}
