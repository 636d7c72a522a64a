package org.zhengce.scoring.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.zhengce.scoring.HouseholdEventSupport;
import org.zhengce.scoring.ScoringStackTest;
import org.zhengce.scoring.model.ScoringModel;

/**
 * Who may call what: a JWT of the identity provider for everything but health, info and the OpenAPI document; the
 * platform admin alone publishes models, reads the unresolved persons and the actuator's metrics.
 */
class ApiSecurityTests extends ScoringStackTest {

    private static final RSAKey FOREIGN_KEY = rsaKey("foreign-key");
    private static final String SOME_HOUSEHOLD = HouseholdEventSupport.COMMUNITY + "-0301";

    @Test
    void requestWithoutTokenIsRefusedAsProblem() {
        http.get()
                .uri("/households/{household}/score", SOME_HOUSEHOLD)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(401)
                .jsonPath("$.detail")
                .isEqualTo("a bearer token is required");
    }

    @Test
    void expiredTokenIsRefused() {
        String expired = expiredToken("advisor", List.of("ADVISOR"), List.of(HouseholdEventSupport.COMMUNITY));

        http.get()
                .uri("/households/{household}/score", SOME_HOUSEHOLD)
                .headers(h -> h.setBearerAuth(expired))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("expired"));
    }

    @Test
    void tokenSignedByAnotherKeyIsRefused() {
        String foreign = token(
                FOREIGN_KEY,
                "intruder",
                List.of("PLATFORM_ADMIN"),
                List.of(),
                Instant.now().plus(Duration.ofHours(1)));

        http.get()
                .uri("/models")
                .headers(h -> h.setBearerAuth(foreign))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void healthInfoAndTheOpenApiDocumentAreOpen() {
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
        http.get().uri("/actuator/info").exchange().expectStatus().isOk();
        http.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paths['/households/{household}/portrait'].get.operationId")
                .isEqualTo("householdPortrait")
                .jsonPath("$.paths['/households/{household}/score'].get.operationId")
                .isEqualTo("householdScore")
                .jsonPath("$.paths['/shadow-report'].get.operationId")
                .isEqualTo("shadowReport")
                .jsonPath("$.paths['/unresolved-persons'].get.operationId")
                .isEqualTo("unresolvedPersons")
                .jsonPath("$.paths['/models'].post.operationId")
                .isEqualTo("publishModel")
                .jsonPath("$.paths['/models'].get.operationId")
                .isEqualTo("listModels")
                .jsonPath("$.paths['/models/{version}/retire'].post.operationId")
                .isEqualTo("retireModel")
                .jsonPath("$.components.securitySchemes.bearerJwt.scheme")
                .isEqualTo("bearer");
    }

    @Test
    void advisorMayNotPublishModels() {
        http.post()
                .uri("/models?role=ACTIVE")
                .headers(h -> h.setBearerAuth(advisorOf(HouseholdEventSupport.COMMUNITY)))
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue(ScoringModel.defaultModel().yaml())
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post()
                .uri("/models/{version}/retire", ScoringModel.defaultModel().version())
                .headers(h -> h.setBearerAuth(advisorOf(HouseholdEventSupport.COMMUNITY)))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void onlyThePlatformAdminSeesTheUnresolvedPersonsAndTheMetrics() {
        String supervisor = token("district-supervisor", List.of("SUPERVISOR"), List.of("110105"));
        http.get()
                .uri("/unresolved-persons")
                .headers(h -> h.setBearerAuth(supervisor))
                .exchange()
                .expectStatus()
                .isForbidden();
        http.get()
                .uri("/actuator/metrics/scoring.portraits")
                .headers(h -> h.setBearerAuth(supervisor))
                .exchange()
                .expectStatus()
                .isForbidden();

        http.get()
                .uri("/actuator/metrics/scoring.unresolved.persons")
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("scoring.unresolved.persons");
        http.get()
                .uri("/actuator/metrics/scoring.portraits")
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void callerWithoutARoleIsRefused() {
        String nobody = token("someone", List.of(), List.of(HouseholdEventSupport.COMMUNITY));

        http.get()
                .uri("/households/{household}/portrait", SOME_HOUSEHOLD)
                .headers(h -> h.setBearerAuth(nobody))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Forbidden");
    }
}
