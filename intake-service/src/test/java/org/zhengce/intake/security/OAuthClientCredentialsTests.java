package org.zhengce.intake.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zhengce.intake.IntakeStackTest;
import org.zhengce.intake.reading.EventExamples;
import org.zhengce.intake.reading.EventJson;

/**
 * A department on OAuth2 client credentials: intake validates its JWT as a resource server against the identity
 * provider's JWK set (served here over real HTTP, as an authorisation server would), checking signature and expiry.
 */
class OAuthClientCredentialsTests extends IntakeStackTest {

    private static final RSAKey ISSUER_KEY = rsaKey("issuer-key");
    private static final RSAKey FOREIGN_KEY = rsaKey("foreign-key");
    private static final HttpServer JWKS = jwks();

    private static RSAKey rsaKey(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer jwks() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            byte[] body = new JWKSet(ISSUER_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/oauth2/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry properties) {
        properties.add(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> "http://localhost:" + JWKS.getAddress().getPort() + "/oauth2/jwks");
    }

    @AfterAll
    static void stopJwks() {
        JWKS.stop(0);
    }

    private static String token(RSAKey key, String department, Instant expiresAt) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    new JWTClaimsSet.Builder()
                            .subject("health-information-system")
                            .claim("department", department)
                            .issueTime(Date.from(expiresAt.minus(Duration.ofHours(1))))
                            .expirationTime(Date.from(expiresAt))
                            .build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String event(String eventId) {
        return new EventJson()
                .write(org.zhengce.intake.DepartmentEvent.newBuilder(
                                EventExamples.all().get("HospitalDischarged"))
                        .setEventId(eventId)
                        .build())
                .toString();
    }

    @Test
    void departmentWithAValidTokenReportsEvents() {
        http.post()
                .uri("/events")
                .headers(h -> h.setBearerAuth(
                        token(ISSUER_KEY, "HEALTH", Instant.now().plus(Duration.ofHours(1)))))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(event("oauth-1"))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("accepted");
    }

    @Test
    void expiredTokenIsRefused() {
        http.post()
                .uri("/events")
                .headers(h -> h.setBearerAuth(
                        token(ISSUER_KEY, "HEALTH", Instant.now().minus(Duration.ofHours(1)))))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(event("oauth-expired-1"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail)
                        .contains("expired"));
    }

    @Test
    void tokenSignedByAnotherKeyIsRefused() {
        http.post()
                .uri("/events")
                .headers(h -> h.setBearerAuth(
                        token(FOREIGN_KEY, "HEALTH", Instant.now().plus(Duration.ofHours(1)))))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(event("oauth-foreign-1"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void tokenOfAnUnregisteredDepartmentIsRefused() {
        http.post()
                .uri("/events")
                .headers(h -> h.setBearerAuth(
                        token(ISSUER_KEY, "NOBODY", Instant.now().plus(Duration.ofHours(1)))))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(event("oauth-nobody-1"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }
}
