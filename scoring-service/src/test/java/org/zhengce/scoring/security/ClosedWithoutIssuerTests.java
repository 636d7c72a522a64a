package org.zhengce.scoring.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Without a JWT issuer (no {@code issuer-uri}, no {@code jwk-set-uri}) the service cannot tell who calls: every
 * endpoint but health is closed, and says why.
 */
@WebFluxTest(controllers = ClosedWithoutIssuerTests.Endpoints.class)
@Import({SecurityConfiguration.class, ClosedWithoutIssuerTests.Endpoints.class})
class ClosedWithoutIssuerTests {

    /** Stand-ins answering on the paths the security chain guards. */
    @RestController
    static class Endpoints {

        @GetMapping({"/actuator/health", "/actuator/info", "/v3/api-docs", "/households/{household}/score"})
        String answer() {
            return "answered";
        }
    }

    @Autowired
    private WebTestClient http;

    @Test
    void healthStaysOpen() {
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    void everythingElseIsClosedSayingWhy() {
        for (String path : new String[] {"/households/110105001001-0001/score", "/actuator/info", "/v3/api-docs"}) {
            http.get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.title")
                    .isEqualTo("API closed");
        }
    }
}
