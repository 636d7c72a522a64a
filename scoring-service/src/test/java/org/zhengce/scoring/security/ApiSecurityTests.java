package org.zhengce.scoring.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.zhengce.scoring.HouseholdEventSupport;
import org.zhengce.scoring.ScoringStackTest;
import org.zhengce.scoring.model.ScoringModel;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what: a JWT of the identity provider for everything but health, info, the OpenAPI document and Swagger
 * UI (which signs in at the issuer); the platform admin alone publishes models, reads the unresolved persons and the
 * actuator's metrics.
 */
class ApiSecurityTests extends ScoringStackTest {

    private static final RSAKey FOREIGN_KEY = rsaKey("foreign-key");
    private static final Pattern INIT_OAUTH =
            Pattern.compile("ui\\.initOAuth\\(\\s*(\\{.*?\\})\\s*\\)", Pattern.DOTALL);
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
    void tokenOfTheIssuerForAnotherServiceIsRefusedSayingWhomItIsFor() {
        String forReferral = token(
                issuerKey(),
                "referral-service",
                "platform-admin",
                List.of("PLATFORM_ADMIN"),
                List.of("1101"),
                Instant.now().plus(Duration.ofHours(1)));

        http.get()
                .uri("/models")
                .headers(h -> h.setBearerAuth(forReferral))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail)
                        .contains("the token is for referral-service, not for scoring-service"));
        http.get()
                .uri("/models")
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void emptyJurisdictionsClaimIsRefusedNamingTheClaim() {
        String ofNowhere = token(
                issuerKey(),
                AUDIENCE,
                "supervisor-of-nowhere",
                List.of("SUPERVISOR"),
                List.of(),
                Instant.now().plus(Duration.ofHours(1)));

        http.get()
                .uri("/households/{household}/score", SOME_HOUSEHOLD)
                .headers(h -> h.setBearerAuth(ofNowhere))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Jurisdictions claim refused")
                .jsonPath("$.detail")
                .isEqualTo("the jurisdictions claim is empty: it names no area");
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
                .jsonPath("$.security[*].bearerJwt")
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
