package org.zhengce.intake.security;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zhengce.intake.IntakeStackTest;
import org.zhengce.intake.reading.EventExamples;
import org.zhengce.intake.reading.EventJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A department on OAuth2 client credentials: intake validates its JWT as a resource server against the identity
 * provider's JWK set (served here over real HTTP, as an authorisation server would), checking signature, issuer and
 * expiry. With that issuer, Swagger UI signs people in there (authorization code with PKCE).
 */
class OAuthClientCredentialsTests extends IntakeStackTest {

    private static final RSAKey ISSUER_KEY = rsaKey("issuer-key");
    private static final RSAKey FOREIGN_KEY = rsaKey("foreign-key");
    private static final HttpServer JWKS = jwks();
    private static final Pattern INIT_OAUTH =
            Pattern.compile("ui\\.initOAuth\\(\\s*(\\{.*?\\})\\s*\\)", Pattern.DOTALL);

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

    /** The test identity provider: it serves its JWK set at {@code /oauth2/jwks}. */
    private static String issuer() {
        return "http://localhost:" + JWKS.getAddress().getPort();
    }

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry properties) {
        // as the launcher: the issuer (tokens must name it; Swagger UI signs in there) and its JWK set
        properties.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", OAuthClientCredentialsTests::issuer);
        properties.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> issuer() + "/oauth2/jwks");
    }

    @AfterAll
    static void stopJwks() {
        JWKS.stop(0);
    }

    private static String token(RSAKey key, String department, Instant expiresAt) {
        return token(key, issuer(), department, expiresAt);
    }

    private static String token(RSAKey key, String issuer, String department, Instant expiresAt) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    new JWTClaimsSet.Builder()
                            .issuer(issuer)
                            .audience("intake-service")
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

    @Test
    void tokenOfAnotherIssuerIsRefused() {
        String foreignIssuer = token(
                ISSUER_KEY, "http://elsewhere.example", "HEALTH", Instant.now().plus(Duration.ofHours(1)));
        http.post()
                .uri("/events")
                .headers(h -> h.setBearerAuth(foreignIssuer))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(event("oauth-elsewhere-1"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void swaggerUiSignsInAtTheIssuerWithTheAuthorizationCodeAndPkce() {
        String scheme = "$.components.securitySchemes.oauth2AuthorizationCode";
        http.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath(scheme + ".type")
                .isEqualTo("oauth2")
                .jsonPath(scheme + ".flows.authorizationCode.authorizationUrl")
                .isEqualTo(issuer() + "/oauth2/authorize")
                .jsonPath(scheme + ".flows.authorizationCode.tokenUrl")
                .isEqualTo(issuer() + "/oauth2/token")
                .jsonPath(scheme + ".flows.authorizationCode.scopes.openid")
                .exists()
                .jsonPath("$.security[*].oauth2AuthorizationCode")
                .isEqualTo(List.of(List.of("openid", "profile")))
                // departments keep their own ways in
                .jsonPath("$.components.securitySchemes.apiKey.name")
                .isEqualTo("X-API-Key")
                .jsonPath("$.security[*].apiKey")
                .isEqualTo(List.of(List.of()));
        // springdoc hands the client, PKCE and scopes to Swagger UI in its initializer script: ui.initOAuth({...})
        String initializer = http.get()
                .uri("/swagger-ui/swagger-initializer.js")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        Matcher initOAuth = INIT_OAUTH.matcher(Objects.requireNonNull(initializer));
        assertThat(initOAuth.find()).as(initializer).isTrue();
        JsonNode oauth = JsonMapper.builder().build().readTree(initOAuth.group(1));
        assertThat(oauth.get("clientId").asString()).isEqualTo("platform-swagger-ui");
        assertThat(oauth.get("usePkceWithAuthorizationCodeGrant").asBoolean()).isTrue();
        assertThat(oauth.get("scopes").toString()).as(initializer).contains("openid", "profile");
        // where the authorisation server sends the code back: this service's springdoc 3 page (register it there)
        String redirect = http.get()
                .uri("/v3/api-docs/swagger-config")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("oauth2RedirectUrl")
                .asString();
        assertThat(URI.create(redirect).getPath()).isEqualTo("/swagger-ui/oauth2-redirect.html");
        // the pages themselves, without a token
        http.get()
                .uri("/swagger-ui.html")
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/swagger-ui/index.html");
        http.get()
                .uri("/swagger-ui/oauth2-redirect.html")
                .exchange()
                .expectStatus()
                .isOk();
    }
}
