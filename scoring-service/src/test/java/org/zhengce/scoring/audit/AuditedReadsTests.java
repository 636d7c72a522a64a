package org.zhengce.scoring.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;
import static org.zhengce.scoring.HouseholdEventSupport.COMMUNITY;
import static org.zhengce.scoring.HouseholdEventSupport.OTHER_COMMUNITY;
import static org.zhengce.scoring.HouseholdEventSupport.family;
import static org.zhengce.scoring.HouseholdEventSupport.registered;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.zhengce.kit.audit.AuditRecord;
import org.zhengce.kit.audit.AuditTrail;
import org.zhengce.scoring.ScoringStackTest;
import reactor.test.StepVerifier;

/**
 * Scoring's household reads, its reports and its admin actions are audited in its own database with the caller, the
 * household and its community, allowed or refused; a question another instance forwarded (validly signed) is left to
 * that instance's audit, and nothing else escapes the audit; the runtime role cannot rewrite the trail.
 */
class AuditedReadsTests extends ScoringStackTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String STREET = COMMUNITY.substring(0, 9);

    @Autowired
    AuditTrail trail;

    @Autowired
    ForwardedQueries forwarded;

    @Autowired
    DatabaseClient db;

    @Test
    void portraitReadIsAuditedWithTheCallerAndTheCommunityAndARefusalAsRefused() {
        String household = COMMUNITY + "-0901";
        String advisor = advisorOf(COMMUNITY);
        awaitHousehold(household, advisor);

        long before = lastSeq();
        http.get()
                .uri("/households/{h}/portrait", household)
                .headers(h -> h.setBearerAuth(advisor))
                .exchange()
                .expectStatus()
                .isOk();
        http.get()
                .uri("/households/{h}/score", household)
                .headers(h -> h.setBearerAuth(advisorOf(OTHER_COMMUNITY)))
                .exchange()
                .expectStatus()
                .isForbidden();

        assertThat(since(before))
                .extracting(
                        AuditRecord::actor,
                        AuditRecord::actorRoles,
                        AuditRecord::actorJurisdictions,
                        AuditRecord::action,
                        AuditRecord::subject,
                        AuditRecord::subjectId,
                        AuditRecord::jurisdiction,
                        AuditRecord::allowed)
                .containsExactly(
                        tuple(
                                "advisor-" + COMMUNITY,
                                List.of("ADVISOR"),
                                List.of(COMMUNITY),
                                "READ",
                                "household-portrait",
                                household,
                                COMMUNITY,
                                true),
                        tuple(
                                "advisor-" + OTHER_COMMUNITY,
                                List.of("ADVISOR"),
                                List.of(OTHER_COMMUNITY),
                                "READ",
                                "household-score",
                                household,
                                COMMUNITY,
                                false));
    }

    @Test
    void reportsAreAuditedAndTheUnresolvedPersonsRefusedToAnAdvisor() {
        String supervisor = token("supervisor-" + STREET, List.of("SUPERVISOR"), List.of(STREET));
        long before = lastSeq();
        await().atMost(PATIENCE)
                .untilAsserted(() -> http.get()
                        .uri("/shadow-report?jurisdiction={j}", STREET)
                        .headers(h -> h.setBearerAuth(supervisor))
                        .exchange()
                        .expectStatus()
                        .isOk());
        http.get()
                .uri("/unresolved-persons")
                .headers(h -> h.setBearerAuth(advisorOf(COMMUNITY)))
                .exchange()
                .expectStatus()
                .isForbidden();

        List<AuditRecord> records = since(before);
        // the shadow report was asked until the streams answered: the last ask was allowed, each one audited
        assertThat(records.subList(0, records.size() - 1))
                .isNotEmpty()
                .allSatisfy(record -> {
                    assertThat(record.actor()).isEqualTo("supervisor-" + STREET);
                    assertThat(record.subject()).isEqualTo("shadow-report");
                    assertThat(record.jurisdiction()).isEqualTo(STREET);
                })
                .last()
                .satisfies(record -> assertThat(record.allowed()).isTrue());
        assertThat(records.get(records.size() - 1))
                .extracting(AuditRecord::actor, AuditRecord::subject, AuditRecord::allowed)
                .containsExactly("advisor-" + COMMUNITY, "unresolved-persons", false);
    }

    @Test
    void adminVerifiesTheTrailAndAnAdvisorIsRefusedAndAudited() {
        long before = lastSeq();
        http.get()
                .uri("/admin/audit-trail/verification")
                .headers(h -> h.setBearerAuth(advisorOf(COMMUNITY)))
                .exchange()
                .expectStatus()
                .isForbidden();
        http.get()
                .uri("/admin/audit-trail/verification")
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.breach")
                .doesNotExist()
                .jsonPath("$.firstBrokenRow")
                .doesNotExist()
                .jsonPath("$.rowsChecked")
                .value(rows -> assertThat(((Number) rows).longValue()).isGreaterThan(before));

        assertThat(since(before))
                .extracting(AuditRecord::actor, AuditRecord::subject, AuditRecord::allowed)
                .containsExactly(tuple("advisor-" + COMMUNITY, "admin", false), tuple("platform-admin", "admin", true));
    }

    @Test
    void aSignedForwardedQuestionIsLeftToTheForwarderAndAnUnsignedOneIsAudited() {
        String household = COMMUNITY + "-0902";
        String advisor = advisorOf(COMMUNITY);
        awaitHousehold(household, advisor);
        WebClient peer = WebClient.builder()
                .baseUrl("http://localhost:" + port())
                .filter(forwarded.signing())
                .build();
        WebClient caller =
                WebClient.builder().baseUrl("http://localhost:" + port()).build();

        long before = lastSeq();
        ResponseEntity<String> signed = portrait(peer, household, advisor, null);
        assertThat(signed.getStatusCode().value()).isEqualTo(200);
        // the holder names the community for the forwarder's audit; only in the answer to a forwarded question
        assertThat(signed.getHeaders().getFirst(ForwardedQueries.COMMUNITY)).isEqualTo(COMMUNITY);
        assertThat(lastSeq()).isEqualTo(before);

        ResponseEntity<String> unsigned = portrait(caller, household, advisor, null);
        ResponseEntity<String> forged =
                portrait(caller, household, advisor, java.time.Instant.now().getEpochSecond() + ".bm90LWEtcGVlcg");
        assertThat(unsigned.getStatusCode().value()).isEqualTo(200);
        assertThat(unsigned.getHeaders().containsHeader(ForwardedQueries.COMMUNITY))
                .isFalse();
        assertThat(forged.getStatusCode().value()).isEqualTo(200);
        assertThat(since(before))
                .extracting(AuditRecord::subject, AuditRecord::subjectId, AuditRecord::jurisdiction)
                .containsExactly(
                        tuple("household-portrait", household, COMMUNITY),
                        tuple("household-portrait", household, COMMUNITY));
    }

    @Test
    void runtimeRoleMayOnlyAppendToTheTrail() {
        // the kit's own start-up check, as scoring runs it
        trail.requireInsertOnly().as(StepVerifier::create).verifyComplete();
        db.sql("update audit_trail set actor = 'someone else'")
                .then()
                .as(StepVerifier::create)
                .expectErrorMatches(e -> e.getMessage().contains("permission denied"))
                .verify(TIMEOUT);
        db.sql("delete from audit_trail")
                .then()
                .as(StepVerifier::create)
                .expectErrorMatches(e -> e.getMessage().contains("permission denied"))
                .verify(TIMEOUT);
    }

    /** Publishes the household's registration and waits until the admin can read its portrait. */
    private void awaitHousehold(String household, String advisor) {
        publish(registered(household, COMMUNITY, family(household)));
        await().atMost(PATIENCE)
                .untilAsserted(() -> http.get()
                        .uri("/households/{h}/portrait", household)
                        .headers(h -> h.setBearerAuth(advisor))
                        .exchange()
                        .expectStatus()
                        .isOk());
    }

    /** A {@code local=true} portrait question, with {@code signature} as its forwarding header when not null. */
    private static ResponseEntity<String> portrait(
            WebClient client, String household, String token, @org.jspecify.annotations.Nullable String signature) {
        return Objects.requireNonNull(client.get()
                .uri("/households/{h}/portrait?local=true", household)
                .headers(h -> {
                    h.setBearerAuth(token);
                    if (signature != null) {
                        h.set(ForwardedQueries.SIGNATURE, signature);
                    }
                })
                .exchangeToMono(response -> response.toEntity(String.class))
                .block(TIMEOUT));
    }

    private long lastSeq() {
        return Objects.requireNonNull(trail.length().block(TIMEOUT));
    }

    /** The records appended after {@code seq}, oldest first. */
    private List<AuditRecord> since(long seq) {
        int count = (int) (lastSeq() - seq);
        List<AuditRecord> newer = new ArrayList<>(
                Objects.requireNonNull(trail.latest(count).collectList().block(TIMEOUT)));
        Collections.reverse(newer);
        return newer;
    }
}
