package org.zhengce.intake.security;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.zhengce.intake.IntakeDatabaseTest;
import org.zhengce.intake.departments.IssuedApiKey;
import reactor.core.publisher.Mono;

/**
 * Departments authenticate with an X-API-Key or a JWT; the admin with the configured key or a PLATFORM_ADMIN
 * JWT. The JWT decoder is a fixed test double standing in for an issuer: it is what makes the chain accept JWTs.
 */
class DepartmentAuthenticationTests extends IntakeDatabaseTest {

    /** Three fixed tokens, as an identity provider would issue them after validation. */
    @TestConfiguration
    static class FixedTokens {

        @Bean
        ReactiveJwtDecoder jwtDecoder() {
            return token -> switch (token) {
                case "admin-token" -> Mono.just(jwt(token, "roles", List.of("PLATFORM_ADMIN")));
                case "education-token" -> Mono.just(jwt(token, "department", "EDUCATION"));
                case "justice-token" -> Mono.just(jwt(token, "department", "JUSTICE"));
                default -> Mono.error(new BadJwtException("unknown test token"));
            };
        }

        private static Jwt jwt(String token, String claim, Object value) {
            return Jwt.withTokenValue(token)
                    .header("alg", "RS256")
                    .subject("client-" + token)
                    .audience(List.of("intake-service"))
                    .issuedAt(Instant.parse("2026-01-05T08:00:00Z"))
                    .claim(claim, value)
                    .build();
        }
    }

    @Autowired
    WebTestClient http;

    private IssuedApiKey issueKey(String code) {
        return http.post()
                .uri("/admin/departments/{code}/api-keys", code)
                .header("X-API-Key", ADMIN_KEY)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(IssuedApiKey.class)
                .returnResult()
                .getResponseBody();
    }

    private void setEnabled(String code, boolean enabled) {
        http.post()
                .uri("/admin/departments/{code}/{action}", code, enabled ? "enable" : "disable")
                .header("X-API-Key", ADMIN_KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.enabled")
                .isEqualTo(enabled);
    }

    private WebTestClient.ResponseSpec me(String header, String value) {
        return http.get().uri("/departments/me").header(header, value).exchange();
    }

    @Test
    void departmentKeyAuthenticatesAsThatDepartment() {
        IssuedApiKey key = issueKey("HEALTH");

        me("X-API-Key", key.apiKey())
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("HEALTH")
                .jsonPath("$.allowedEventTypes")
                .isArray();
    }

    @Test
    void wrongSecretIsUnauthorized() {
        IssuedApiKey key = issueKey("HOUSING");

        me("X-API-Key", key.keyId() + ".not-the-secret")
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("invalid API key");
    }

    @Test
    void unknownOrMalformedKeyIsUnauthorized() {
        me("X-API-Key", "00000000000000000000.c2VjcmV0").expectStatus().isUnauthorized();
        me("X-API-Key", "no-dot").expectStatus().isUnauthorized();
        http.get().uri("/departments/me").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void disabledDepartmentIsForbiddenNamingIt() {
        IssuedApiKey key = issueKey("UTILITIES");
        setEnabled("UTILITIES", false);

        me("X-API-Key", key.apiKey())
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("department UTILITIES is disabled");

        setEnabled("UTILITIES", true);
        me("X-API-Key", key.apiKey()).expectStatus().isOk();
    }

    @Test
    void healthAndOpenEndpointsNeedNoCredentials() {
        http.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }

    @Test
    void jwtWithPlatformAdminRoleOpensTheAdminApi() {
        http.get()
                .uri("/admin/departments/EDUCATION")
                .headers(headers -> headers.setBearerAuth("admin-token"))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void jwtOfARegisteredDepartmentAuthenticatesAsItButMayNotAdminister() {
        http.get()
                .uri("/departments/me")
                .headers(headers -> headers.setBearerAuth("education-token"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("EDUCATION");
        http.get()
                .uri("/admin/departments")
                .headers(headers -> headers.setBearerAuth("education-token"))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void jwtOfADisabledDepartmentIsForbiddenAndAnInvalidTokenUnauthorized() {
        setEnabled("JUSTICE", false);

        http.get()
                .uri("/departments/me")
                .headers(headers -> headers.setBearerAuth("justice-token"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("department JUSTICE is disabled");
        http.get()
                .uri("/departments/me")
                .headers(headers -> headers.setBearerAuth("forged-token"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }
}
