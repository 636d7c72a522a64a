package org.zhengce.referral.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.zhengce.events.CaseDismissed;
import org.zhengce.events.CaseEscalated;
import org.zhengce.events.CaseEvent;
import org.zhengce.events.CaseReferred;
import org.zhengce.events.CaseReopened;
import org.zhengce.events.CaseVerified;
import org.zhengce.events.CaseVisited;
import org.zhengce.events.EscalationReason;
import org.zhengce.events.Programme;
import org.zhengce.events.WarningLevel;
import org.zhengce.referral.MutableClock;
import org.zhengce.referral.ReferralStackTest;
import org.zhengce.referral.Warnings;
import org.zhengce.referral.audit.AuditAction;
import org.zhengce.referral.audit.AuditEntry;
import org.zhengce.referral.audit.AuditLog;
import org.zhengce.referral.deadlines.DeadlineWatch;

/** The workflow through the API: every step, its guards, its events, its audit; deadlines on a moved clock. */
@TestPropertySource(properties = "referral.cases.deadline-sweep=1h")
class WorkflowTests extends ReferralStackTest {

    private static final String COMMUNITY = "110105001001";
    private static final String ADVISOR = advisor("advisor-wang-fang", "110105001001", "110105001002");
    private static final String OTHER_ADVISOR = advisor("advisor-zhang-wei", "110105002001", "110105002002");
    private static final Instant START = Warnings.AT.plusSeconds(3600);

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(START);
        }
    }

    @Autowired
    MutableClock clock;

    @Autowired
    Clock anyClock;

    @Autowired
    DatabaseClient db;

    @Autowired
    AuditLog audit;

    @Autowired
    DeadlineWatch deadlines;

    @BeforeEach
    void resetClock() {
        clock.set(START);
    }

    private UUID openCase(String household, WarningLevel level) {
        publish(WARNINGS, household, Warnings.raised("w-" + household, household, COMMUNITY, level));
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> db.sql("select id from cases where household_number = :h")
                                .bind("h", household)
                                .map(row -> row.get(0, UUID.class))
                                .one()
                                .blockOptional(),
                        Optional::isPresent)
                .orElseThrow();
    }

    private WebTestClient.ResponseSpec post(String token, UUID caseId, String step, String body) {
        return http.post()
                .uri("/cases/{id}/" + step, caseId)
                .headers(h -> h.setBearerAuth(token))
                .header("Content-Type", "application/json")
                .bodyValue(body)
                .exchange();
    }

    private static final String VISIT = """
            {"findings": "father in hospital, rent two months behind",
             "needs": [{"item": "medical.escort", "urgency": "SOLVE_NOW"},
                       {"item": "education.tutoring", "urgency": "LONG_TERM"}],
             "facts": {"members": 3, "monthlyIncomePerCapitaFen": 90000, "financialAssetsPerCapitaFen": 500000,
                       "medicalOutOfPocketFen12Months": 4800000, "elderlyMembers": 0, "childMembers": 1,
                       "disabledMembers": 0, "severelyDisabledMembers": 0, "seriouslyIllMembers": 1,
                       "studentMembers": 1, "unemployedWorkingAgeMembers": 1, "withoutCapacityOrSupport": false,
                       "dangerousHousing": false, "disasterAffected": false,
                       "orphanOrDeFactoUnsupportedChild": false, "activeProgrammes": []}}
            """;

    private List<CaseEvent> eventsUntil(UUID caseId, int count) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> caseEventsOf(caseId.toString()), events -> events.size() >= count);
    }

    @Test
    void identityNumbersTypedIntoFindingsAreMaskedBeforeTheyAreKeptPublishedOrShown() {
        UUID caseId = openCase("H-WF-ID", WarningLevel.YELLOW);
        // full-width digits, and a number with spaces in it: both are the same person's number
        String typed = "母亲身份证１１０１０５１９４９１２３１００２Ｘ，父亲 110105 19491231 002X";

        post(ADVISOR, caseId, "visits", "{\"findings\": \"" + typed + "\", \"needs\": []}")
                .expectStatus()
                .isOk();

        org.zhengce.events.CaseVisited visited = eventsUntil(caseId, 3).stream()
                .map(CaseEvent::getFact)
                .filter(org.zhengce.events.CaseVisited.class::isInstance)
                .map(org.zhengce.events.CaseVisited.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(visited.getNote()).isEqualTo("母亲身份证110105***********X，父亲 110105***********X");
        String timeline = http.get()
                .uri("/cases/{id}/timeline", caseId)
                .headers(h -> h.setBearerAuth(ADVISOR))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(timeline).contains("110105***********X").doesNotContain("１９４９１２３１", "19491231");
    }

    @Test
    void visitThenVerifyPublishesEachStepAndAuditsEachChange() {
        assertThat(anyClock).isSameAs(clock);
        UUID caseId = openCase("H-WF-1", WarningLevel.YELLOW);

        // verify before visit: 409 naming the stage and the allowed steps, audited as refused
        post(ADVISOR, caseId, "verify", "{}")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.currentState")
                .isEqualTo("ASSIGNED")
                .jsonPath("$.allowedTransitions")
                .isEqualTo(List.of("VISIT", "ASSIST_FIRST", "CLOSE"));

        post(ADVISOR, caseId, "visits", VISIT)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.stage")
                .isEqualTo("VISITED")
                .jsonPath("$.dueStep")
                .isEqualTo("VERIFY");
        http.get()
                .uri("/cases/{id}/visits", caseId)
                .headers(h -> h.setBearerAuth(ADVISOR))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].advisorId")
                .isEqualTo("advisor-wang-fang")
                .jsonPath("$[0].needs[0].item")
                .isEqualTo("medical.escort")
                .jsonPath("$[0].facts.medicalOutOfPocketFen12Months")
                .isEqualTo(4800000);

        clock.advance(Duration.ofHours(2));
        post(ADVISOR, caseId, "verify", "{\"note\": \"confirmed with the hospital\"}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.stage")
                .isEqualTo("VERIFIED")
                .jsonPath("$.dueStep")
                .isEqualTo("PLAN");

        List<CaseEvent> events = eventsUntil(caseId, 4);
        assertThat(events.get(2).getFact())
                .isInstanceOfSatisfying(
                        CaseVisited.class,
                        visited ->
                                assertThat(visited.getNeeds()).containsExactly("medical.escort", "education.tutoring"));
        assertThat(events.get(2).getActor()).isEqualTo("advisor-wang-fang");
        assertThat(events.get(3).getFact()).isInstanceOfSatisfying(CaseVerified.class, verified -> {
            assertThat(verified.getNeeds()).containsExactly("medical.escort", "education.tutoring");
            assertThat(verified.getAssistedFirst()).isFalse();
        });
        assertThat(events.get(3).getOccurredAt()).isEqualTo(START.plus(Duration.ofHours(2)));

        List<AuditEntry> entries = audit.entriesFor(caseId).collectList().block();
        assertThat(entries)
                .filteredOn(e -> e.action() == AuditAction.CHANGE)
                .extracting(AuditEntry::allowed, AuditEntry::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                false,
                                "VERIFY is not allowed on case " + caseId
                                        + ": the case is ASSIGNED; allowed in ASSIGNED: [VISIT, ASSIST_FIRST, CLOSE]"),
                        org.assertj.core.groups.Tuple.tuple(true, "visit recorded"),
                        org.assertj.core.groups.Tuple.tuple(true, "verified"));
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.READ);
            assertThat(e.detail()).isEqualTo("visits");
        });
    }

    @Test
    void badVisitsAreRefusedNamingTheField() {
        UUID caseId = openCase("H-WF-2", WarningLevel.YELLOW);
        post(ADVISOR, caseId, "visits", "{\"needs\": [{\"item\": \"no such item\", \"urgency\": \"SOLVE_NOW\"}]}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("needs[0].item");
        post(ADVISOR, caseId, "visits", "{\"needs\": [], \"visitedAt\": \"2030-01-01T00:00:00Z\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("visitedAt");
        post(ADVISOR, caseId, "visits", "{\"findings\": \"no needs list\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("needs");
        post(ADVISOR, caseId, "dismiss", "{\"reason\": \"BORED\"}")
                .expectStatus()
                .isBadRequest();
        post(OTHER_ADVISOR, caseId, "visits", VISIT).expectStatus().isForbidden();
        assertThat(audit.entriesFor(caseId).collectList().block()).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("advisor-zhang-wei");
            assertThat(e.action()).isEqualTo(AuditAction.CHANGE);
            assertThat(e.allowed()).isFalse();
        });
        http.get()
                .uri("/cases/{id}", caseId)
                .headers(h -> h.setBearerAuth(ADVISOR))
                .exchange()
                .expectBody()
                .jsonPath("$.stage")
                .isEqualTo("ASSIGNED");
    }

    @Test
    void aDismissedCaseIsClosedAndCanBeReopened() {
        UUID caseId = openCase("H-WF-3", WarningLevel.BLUE);
        post(ADVISOR, caseId, "visits", "{\"needs\": []}").expectStatus().isOk();
        post(ADVISOR, caseId, "dismiss", "{\"reason\": \"NOT_IN_DIFFICULTY\", \"note\": \"income is fine\"}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CLOSED")
                .jsonPath("$.stage")
                .isEqualTo("DISMISSED");
        post(ADVISOR, caseId, "visits", "{\"needs\": []}")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.allowedTransitions")
                .isEqualTo(List.of("REOPEN"));
        post(ADVISOR, caseId, "reopen", "{\"reason\": \"the father lost his job\"}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.stage")
                .isEqualTo("ASSIGNED")
                .jsonPath("$.status")
                .isEqualTo("OPEN");
        List<CaseEvent> events = eventsUntil(caseId, 5);
        assertThat(events.get(3).getFact())
                .isInstanceOfSatisfying(
                        CaseDismissed.class, d -> assertThat(d.getNote()).isEqualTo("income is fine"));
        assertThat(events.get(4).getFact()).isInstanceOfSatisfying(CaseReopened.class, r -> {
            assertThat(r.getReason()).isEqualTo("the father lost his job");
            // notification alerts the owner to visit again, by this deadline
            assertThat(r.getOwnerId()).isEqualTo("advisor-wang-fang");
            assertThat(r.getDueAt()).isAfter(events.get(4).getOccurredAt());
        });
    }

    @Test
    void aMissedVisitDeadlineIsEscalatedToTheStreetSupervisorOnce() {
        UUID caseId = openCase("H-WF-4", WarningLevel.YELLOW);
        // opened Tuesday 10:00 Beijing time: three working days → Friday 10:00
        assertThat(deadlines.sweep().block()).isZero();
        clock.set(Instant.parse("2026-12-04T01:59:59Z"));
        assertThat(db.sql("select due_at from cases where id = :id")
                        .bind("id", caseId)
                        .map(row -> row.get(0, Instant.class))
                        .one()
                        .block())
                .isEqualTo(Instant.parse("2026-12-04T02:00:00Z"));
        assertThat(countEscalations(caseId)).isZero();
        clock.set(Instant.parse("2026-12-04T02:00:01Z"));
        assertThat(deadlines.sweep().block()).isPositive();
        assertThat(deadlines.sweep().block()).isZero();
        assertThat(countEscalations(caseId)).isEqualTo(1);
        List<CaseEvent> events = eventsUntil(caseId, 3);
        assertThat(events.get(2).getFact()).isInstanceOfSatisfying(CaseEscalated.class, escalated -> {
            assertThat(escalated.getReason()).isEqualTo(EscalationReason.DEADLINE_MISSED);
            assertThat(escalated.getEscalatedTo()).isEqualTo("supervisor-jianwai");
        });
        http.get()
                .uri("/cases/{id}", caseId)
                .headers(h -> h.setBearerAuth(ADVISOR))
                .exchange()
                .expectBody()
                .jsonPath("$.overdue")
                .isEqualTo(true)
                .jsonPath("$.escalations[?(@.reason == 'DEADLINE_MISSED')].escalatedTo")
                .isEqualTo(List.of("supervisor-jianwai"));
        // the visit sets a new deadline, which can be missed in its turn
        post(ADVISOR, caseId, "visits", "{\"needs\": []}").expectStatus().isOk();
        clock.advance(Duration.ofDays(10));
        assertThat(deadlines.sweep().block()).isPositive();
        assertThat(countEscalations(caseId)).isEqualTo(2);
    }

    private long countEscalations(UUID caseId) {
        return db.sql("select count(*) from case_escalations where case_id = :id and reason = 'DEADLINE_MISSED'")
                .bind("id", caseId)
                .map(row -> row.get(0, Long.class))
                .one()
                .block();
    }

    @Test
    void assistFirstHelpsAnUrgentCaseAtOnceAndIsRefusedForOthers() {
        UUID urgent = openCase("H-WF-5", WarningLevel.RED);
        post(ADVISOR, urgent, "assist-first", "{\"measures\": \"temporary assistance 2,000 yuan paid\"}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.assistFirst")
                .isEqualTo(true)
                .jsonPath("$.dueStep")
                .isEqualTo("VERIFY");
        List<CaseEvent> events = eventsUntil(urgent, 3);
        assertThat(events.get(2).getFact()).isInstanceOfSatisfying(CaseReferred.class, referred -> {
            assertThat(referred.getProgramme()).isEqualTo(Programme.TEMPORARY_ASSISTANCE);
            assertThat(referred.getNote()).contains("temporary assistance 2,000 yuan paid");
        });
        post(ADVISOR, urgent, "visits", "{\"needs\": []}").expectStatus().isOk();
        post(ADVISOR, urgent, "verify", "{}").expectStatus().isOk();
        assertThat(eventsUntil(urgent, 5).get(4).getFact())
                .isInstanceOfSatisfying(
                        CaseVerified.class,
                        v -> assertThat(v.getAssistedFirst()).isTrue());

        UUID ordinary = openCase("H-WF-6", WarningLevel.YELLOW);
        post(ADVISOR, ordinary, "assist-first", "{\"measures\": \"cash\"}")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("for urgent cases"));
    }

    @Test
    void closingBeforeVerificationNeedsTheWarningCleared() {
        String household = "H-WF-7";
        UUID caseId = openCase(household, WarningLevel.YELLOW);
        post(ADVISOR, caseId, "close", "{\"outcome\": \"NO_LONGER_NEEDED\"}")
                .expectStatus()
                .isEqualTo(409);
        publish(WARNINGS, household, Warnings.cleared("w-clear-" + household, household, COMMUNITY));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> db.sql("select close_proposed from cases where id = :id")
                        .bind("id", caseId)
                        .map(row -> row.get(0, Boolean.class))
                        .one()
                        .block());
        post(ADVISOR, caseId, "close", "{\"outcome\": \"NO_LONGER_NEEDED\", \"note\": \"income recovered\"}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.stage")
                .isEqualTo("CLOSED");
        Map<String, Object> row = db.sql("select status, outcome, closed_at from cases where id = :id")
                .bind("id", caseId)
                .fetch()
                .one()
                .block();
        assertThat(row).containsEntry("status", "CLOSED").containsEntry("outcome", "NO_LONGER_NEEDED");
    }
}
