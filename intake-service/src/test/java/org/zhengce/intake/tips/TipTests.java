package org.zhengce.intake.tips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhengce.intake.reporting.ReportingFixtures.example;
import static org.zhengce.intake.reporting.ReportingFixtures.fact;
import static org.zhengce.intake.reporting.ReportingFixtures.withCloudEventId;

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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zhengce.intake.IntakeStackTest;
import org.zhengce.intake.identity.IdentityNumbers;
import org.zhengce.intake.reporting.ReportingFixtures;
import org.zhengce.intake.reporting.ReportingFixtures.Answer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A registered reporter signs in (a person's token with the role REPORTER) and reports a tip: it is published as the
 * community department's {@code TipReported} naming the reporter, listed in "my tips", masked where an identity
 * number was typed, and refused outside the reporter's community (issue 19).
 */
class TipTests extends IntakeStackTest {

    /** The demo volunteer of 永安里 (V15's seed). */
    private static final String VOLUNTEER = "volunteer-zhou-min";

    private static final String YONGANLI = "110105001001";
    private static final String JIXIANGLI = "110105002001";

    private static final RSAKey ISSUER_KEY = rsaKey();
    private static final HttpServer JWKS = jwks();

    private final ReportingFixtures.Senders senders = new ReportingFixtures.Senders(() -> http, this::issueKey);

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry properties) {
        properties.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TipTests::issuer);
        properties.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> issuer() + "/oauth2/jwks");
    }

    @AfterAll
    static void stopJwks() {
        JWKS.stop(0);
    }

    @Test
    void aVolunteerReportsATipThatIsPublishedAsTheCommunitysTipNamingThemAndListedAsTheirs() {
        UUID tipId = UUID.randomUUID();
        ObjectNode tip = tip(tipId, "110105000123", "SOLVE_NOW", "独居老人摔伤，无人照料");
        tip.put("address", "永安里 3 号楼 2 单元");

        Answer answer = post(token(VOLUNTEER, "REPORTER"), tip);

        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(answer.json().get("status").asString()).isEqualTo("accepted");
        UUID platformEventId =
                UUID.fromString(answer.json().get("platformEventId").asString());
        assertThat(withCloudEventId(readAll(HOUSEHOLD_EVENTS), platformEventId))
                .singleElement()
                .satisfies(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8))
                        .contains(VOLUNTEER, "medical.escort", "永安里 3 号楼"));

        // a re-send of the same tip is the same tip
        Answer again = post(token(VOLUNTEER, "REPORTER"), tip);
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        assertThat(again.json().get("status").asString()).isEqualTo("duplicate");
        assertThat(again.json().get("platformEventId").asString()).isEqualTo(platformEventId.toString());

        JsonNode mine = ReportingFixtures.json(http.get()
                .uri("/tips/mine")
                .header("Authorization", "Bearer " + token(VOLUNTEER, "REPORTER"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
        assertThat(mine.valueStream()
                        .filter(sent -> sent.get("platformEventId").asString().equals(platformEventId.toString()))
                        .toList())
                .singleElement()
                .satisfies(sent -> {
                    assertThat(sent.get("status").asString()).isEqualTo("received");
                    assertThat(sent.get("urgency").asString()).isEqualTo("SOLVE_NOW");
                    assertThat(sent.get("communityCode").asString()).isEqualTo(YONGANLI);
                });
    }

    @Test
    void aTipAboutAHouseholdOfAnotherCommunityIsRefusedWithItsRule() {
        ObjectNode registered = example("HouseholdRegistered", "tips-registered-1");
        registered.putObject("subject").put("householdNumber", "110105000811");
        registered.put("communityCode", JIXIANGLI);
        fact(registered).put("communityCode", JIXIANGLI);
        Answer registration = senders.post("CIVIL_AFFAIRS", registered);
        assertThat(registration.status()).as(registration.body()).isEqualTo(202);

        Answer registeredElsewhere =
                post(token(VOLUNTEER, "REPORTER"), tip(UUID.randomUUID(), "110105000811", "SOLVE_NOW", "无人照料"));
        Answer claimedElsewhere = post(
                token(VOLUNTEER, "REPORTER"),
                tip(UUID.randomUUID(), "110105000123", "SOLVE_NOW", "无人照料").put("communityCode", JIXIANGLI));

        for (Answer refused : List.of(registeredElsewhere, claimedElsewhere)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.json().get("rule").asString()).isEqualTo("tip.outside-community");
        }
    }

    @Test
    void anIdentityNumberTypedIntoTheNoteIsMaskedBeforePublishing() {
        String number = IdentityNumbers.STANDARD_EXAMPLE;
        Answer answer = post(
                token(VOLUNTEER, "REPORTER"),
                tip(UUID.randomUUID(), "110105000123", "IN_STAGES", "户主身份证 " + number + "，近两月未交房租"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(answer.json().get("maskedFields").get(0).asString()).isEqualTo("fact.note");
        UUID platformEventId =
                UUID.fromString(answer.json().get("platformEventId").asString());
        assertThat(withCloudEventId(readAll(HOUSEHOLD_EVENTS), platformEventId))
                .singleElement()
                .satisfies(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8))
                        .contains("近两月未交房租")
                        .doesNotContain(number));
    }

    @Test
    void aSignedInPersonWhoIsNotARegisteredReporterOrNotAReporterIsRefused() {
        Answer unregistered =
                post(token("volunteer-unknown", "REPORTER"), tip(UUID.randomUUID(), "110105000123", "SOLVE_NOW", "x"));
        assertThat(unregistered.status()).as(unregistered.body()).isEqualTo(403);
        assertThat(unregistered.json().get("rule").asString()).isEqualTo("tip.reporter-unregistered");

        Answer advisor =
                post(token("advisor-wang-fang", "ADVISOR"), tip(UUID.randomUUID(), "110105000123", "SOLVE_NOW", "x"));
        assertThat(advisor.status()).as(advisor.body()).isEqualTo(403);
    }

    @Test
    void aTipWithoutAHouseholdNumberOrWithAWrongUrgencyIsRefusedWithItsRule() {
        Answer noHousehold = post(token(VOLUNTEER, "REPORTER"), tip(UUID.randomUUID(), "", "SOLVE_NOW", "x"));
        Answer wrongUrgency = post(token(VOLUNTEER, "REPORTER"), tip(UUID.randomUUID(), "110105000123", "NOW", "x"));

        for (Answer refused : List.of(noHousehold, wrongUrgency)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().get("rule").asString()).isEqualTo("tip.invalid");
        }
    }

    private static ObjectNode tip(UUID tipId, String household, String urgency, String note) {
        ObjectNode tip =
                tools.jackson.databind.json.JsonMapper.builder().build().createObjectNode();
        tip.put("tipId", tipId.toString())
                .put("householdNumber", household)
                .put("urgency", urgency)
                .put("note", note);
        tip.putArray("needs").add("medical.escort");
        return tip;
    }

    private Answer post(String token, ObjectNode tip) {
        return ReportingFixtures.answer(http.post()
                .uri("/tips")
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(tip.toString()));
    }

    private static String issuer() {
        return "http://localhost:" + JWKS.getAddress().getPort();
    }

    /** A person's token as the authorisation server issues it: subject, roles, audience intake. */
    private static String token(String subject, String role) {
        try {
            Instant now = Instant.now();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(ISSUER_KEY.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    new JWTClaimsSet.Builder()
                            .issuer(issuer())
                            .audience("intake-service")
                            .subject(subject)
                            .claim("roles", List.of(role))
                            .claim("jurisdictions", List.of(YONGANLI))
                            .issueTime(Date.from(now))
                            .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                            .build());
            jwt.sign(new RSASSASigner(ISSUER_KEY));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("tips-issuer-key").generate();
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
}
