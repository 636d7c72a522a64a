package org.zhengce.referral.complaints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.zhengce.events.CaseEvent;
import org.zhengce.events.ComplaintAcknowledged;
import org.zhengce.events.ComplaintCategory;
import org.zhengce.events.ComplaintDeadline;
import org.zhengce.events.ComplaintEscalated;
import org.zhengce.events.ComplaintFiled;
import org.zhengce.events.ComplaintOutcome;
import org.zhengce.events.ComplaintResolved;
import org.zhengce.events.WarningLevel;
import org.zhengce.referral.MutableClock;
import org.zhengce.referral.ReferralStackTest;
import org.zhengce.referral.Warnings;
import org.zhengce.referral.audit.AuditAction;
import org.zhengce.referral.audit.AuditEntry;
import org.zhengce.referral.audit.AuditLog;

/**
 * Complaints through the API on the embedded stack: filed, acknowledged, resolved and published on case.events;
 * seen only by the complainant and the handlers; a missed acknowledgement escalated up; bad input and wrong steps
 * answered with their rule; counted in the statistics.
 */
@TestPropertySource(properties = {"referral.cases.deadline-sweep=1h", "referral.complaints.sweep=1h"})
class ComplaintTests extends ReferralStackTest {

    private static final String COMMUNITY = "110105001001";
    /** 2026-12-01 11:00 in Shanghai, a Tuesday. */
    private static final Instant START = Warnings.AT.plusSeconds(3600);

    private static final String WANG_FANG = advisor("advisor-wang-fang", "110105001001", "110105001002");
    private static final String ZHANG_WEI = advisor("advisor-zhang-wei", "110105002001", "110105002002");
    private static final String JIANWAI = supervisor("supervisor-jianwai", "110105001");
    private static final String CHAOWAI = supervisor("supervisor-chaowai", "110105002");
    private static final String CHAOYANG = supervisor("supervisor-chaoyang", "110105");
    /** A volunteer of the community: a role referral does not know, a community it does. */
    private static final String VOLUNTEER = token("volunteer-li-na", List.of("REPORTER"), List.of(COMMUNITY));

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
    DatabaseClient db;

    @Autowired
    AuditLog audit;

    @Autowired
    ComplaintWatch watch;

    @BeforeEach
    void resetClock() {
        clock.set(START);
    }

    private UUID openCase(String household, String community) {
        publish(WARNINGS, household, Warnings.raised("w-" + household, household, community, WarningLevel.YELLOW));
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

    private WebTestClient.ResponseSpec post(String token, String uri, String body) {
        return http.post()
                .uri(uri)
                .headers(h -> h.setBearerAuth(token))
                .header("Content-Type", "application/json")
                .bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec get(String token, String uri) {
        return http.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange();
    }

    @SuppressWarnings("unchecked")
    private UUID file(String token, String body) {
        Map<String, Object> filed = post(token, "/complaints", body)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return UUID.fromString((String) filed.get("id"));
    }

    private <T> T eventOf(UUID caseId, Class<T> fact, UUID complaintId) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> caseEventsOf(caseId.toString()).stream()
                                .map(CaseEvent::getFact)
                                .filter(fact::isInstance)
                                .map(fact::cast)
                                .filter(found -> found.toString().contains(complaintId.toString()))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    private List<AuditEntry> auditOf(UUID complaintId) {
        return audit.entriesForComplaint(complaintId).collectList().block();
    }

    @Test
    void householdsComplaintIsAcknowledgedResolvedAndItsComplainantToldTheOutcome() {
        UUID caseId = openCase("H-CMP-1", COMMUNITY);
        UUID id = file(WANG_FANG, """
                {"caseId": "%s", "category": "SERVICE_QUALITY", "onBehalfOfHousehold": true,
                 "description": "户主说三周无人回电，身份证 110105 19491231 002X"}
                """.formatted(caseId));

        // owned by the street's supervisor, with the category's deadlines (2 and 15 working days)
        ComplaintFiled filed = eventOf(caseId, ComplaintFiled.class, id);
        assertThat(filed.getOwnerId()).isEqualTo("supervisor-jianwai");
        assertThat(filed.getComplainantId()).isEqualTo("advisor-wang-fang");
        assertThat(filed.getOnBehalfOfHousehold()).isTrue();
        assertThat(filed.getCategory()).isEqualTo(ComplaintCategory.SERVICE_QUALITY);
        assertThat(filed.getAcknowledgementDueAt()).isEqualTo(START.plus(Duration.ofDays(2)));
        assertThat(filed.getResolutionDueAt()).isEqualTo(Instant.parse("2026-12-22T03:00:00Z"));
        get(JIANWAI, "/complaints/" + id)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.description")
                .isEqualTo("户主说三周无人回电，身份证 110105***********X")
                .jsonPath("$.status")
                .isEqualTo("FILED");

        clock.advance(Duration.ofHours(3));
        post(JIANWAI, "/complaints/" + id + "/acknowledge", "{}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("ACKNOWLEDGED");
        assertThat(eventOf(caseId, ComplaintAcknowledged.class, id).getResolutionDueAt())
                .isEqualTo(filed.getResolutionDueAt());

        post(JIANWAI, "/complaints/" + id + "/resolve", """
                {"outcome": "PARTLY_UPHELD", "note": "回访已补上，顾问已提醒。110105 19491231 002X"}
                """).expectStatus().isOk();
        ComplaintResolved resolved = eventOf(caseId, ComplaintResolved.class, id);
        assertThat(resolved.getOutcome()).isEqualTo(ComplaintOutcome.PARTLY_UPHELD);
        assertThat(resolved.getComplainantId()).isEqualTo("advisor-wang-fang");
        assertThat(resolved.getNote()).isEqualTo("回访已补上，顾问已提醒。110105***********X");

        get(WANG_FANG, "/complaints")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.id == '" + id + "')].outcome")
                .isEqualTo(List.of("PARTLY_UPHELD"));
        List<AuditEntry> entries = auditOf(id);
        assertThat(entries)
                .extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::allowed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("advisor-wang-fang", AuditAction.CHANGE, true),
                        org.assertj.core.groups.Tuple.tuple("supervisor-jianwai", AuditAction.READ, true),
                        org.assertj.core.groups.Tuple.tuple("supervisor-jianwai", AuditAction.CHANGE, true),
                        org.assertj.core.groups.Tuple.tuple("supervisor-jianwai", AuditAction.CHANGE, true));
        assertThat(entries)
                .allSatisfy(entry -> assertThat(entry.communityCode()).isEqualTo(COMMUNITY));
    }

    @Test
    void onlyTheComplainantAndTheHandlersSeeAComplaintNeverThePersonComplainedAbout() {
        UUID caseId = openCase("H-CMP-2", COMMUNITY);
        UUID id = file(VOLUNTEER, """
                {"caseId": "%s", "category": "STAFF_CONDUCT", "subject": "PERSON",
                 "personId": "advisor-wang-fang", "description": "走访时态度粗暴"}
                """.formatted(caseId));

        get(VOLUNTEER, "/complaints/" + id).expectStatus().isOk();
        get(JIANWAI, "/complaints/" + id).expectStatus().isOk();
        get(CHAOYANG, "/complaints/" + id).expectStatus().isOk();
        for (String outsider : List.of(WANG_FANG, ZHANG_WEI, CHAOWAI)) {
            get(outsider, "/complaints/" + id)
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.rule")
                    .isEqualTo("complaint.unknown");
        }
        post(WANG_FANG, "/complaints/" + id + "/acknowledge", "{}")
                .expectStatus()
                .isNotFound();
        get(WANG_FANG, "/complaints")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.id == '" + id + "')]")
                .isEmpty();
        // the complainant may not act as a handler
        post(VOLUNTEER, "/complaints/" + id + "/acknowledge", "{}")
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.rule")
                .isEqualTo("complaint.acknowledge.handlers-only");

        assertThat(auditOf(id))
                .filteredOn(entry -> !entry.allowed())
                .extracting(AuditEntry::actor, AuditEntry::detail)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("advisor-wang-fang", "the person complained about"),
                        org.assertj.core.groups.Tuple.tuple("advisor-zhang-wei", "neither complainant nor handler"));
        // the case's own timeline says nothing of it: the advisor complained about reads that
        assertThat(get(WANG_FANG, "/cases/" + caseId + "/timeline")
                        .expectStatus()
                        .isOk()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .doesNotContain("态度粗暴");
    }

    @Test
    void aComplaintAboutTheStreetsSupervisorGoesToTheNextLevelUp() {
        UUID caseId = openCase("H-CMP-3", COMMUNITY);
        UUID id = file(WANG_FANG, """
                {"caseId": "%s", "category": "DECISION_DISPUTED", "subject": "PERSON",
                 "personId": "supervisor-jianwai", "description": "督导驳回了计划却不说明理由"}
                """.formatted(caseId));

        assertThat(eventOf(caseId, ComplaintFiled.class, id).getOwnerId()).isEqualTo("supervisor-chaoyang");
        get(JIANWAI, "/complaints/" + id).expectStatus().isNotFound();
        get(CHAOYANG, "/complaints/" + id)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.handlers")
                .isEqualTo(List.of("supervisor-chaoyang", "platform-duty-supervisor"));
    }

    @Test
    void aMissedAcknowledgementEscalatesOnceToTheNextHandlerWhoMayActOnIt() {
        UUID caseId = openCase("H-CMP-4", COMMUNITY);
        UUID id = file(WANG_FANG, """
                {"caseId": "%s", "category": "DATA_PRIVACY", "description": "邻居知道了我家的低保情况"}
                """.formatted(caseId));
        // DATA_PRIVACY: acknowledged within 1 working day (Wednesday 11:00 in Shanghai); other tests' complaints
        // share the database, so this one is looked at, not the counts
        clock.set(START.plus(Duration.ofDays(1)).minusSeconds(60));
        watch.sweep().block();
        get(CHAOYANG, "/complaints/" + id)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.escalatedTo")
                .doesNotExist();

        clock.set(START.plus(Duration.ofDays(1)).plusSeconds(60));
        assertThat(watch.sweep().block()).isPositive();
        assertThat(watch.sweep().block()).isZero();
        ComplaintEscalated escalated = eventOf(caseId, ComplaintEscalated.class, id);
        assertThat(escalated.getMissed()).isEqualTo(ComplaintDeadline.ACKNOWLEDGEMENT);
        assertThat(escalated.getEscalatedTo()).isEqualTo("supervisor-chaoyang");
        assertThat(auditOf(id)).anySatisfy(entry -> assertThat(entry.actor()).isEqualTo("system:complaint-watch"));

        post(CHAOYANG, "/complaints/" + id + "/acknowledge", "{}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.escalatedTo")
                .isEqualTo("supervisor-chaoyang");
    }

    @Test
    void badInputAndWrongStepsAreAnsweredWithTheirRule() {
        UUID caseId = openCase("H-CMP-5", COMMUNITY);
        post(WANG_FANG, "/complaints", """
                {"caseId": "%s", "category": "RUDENESS", "description": "?"}
                """.formatted(caseId))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.rule")
                .isEqualTo("complaint.category.unknown")
                .jsonPath("$.field")
                .isEqualTo("category");
        post(WANG_FANG, "/complaints", """
                {"caseId": "%s", "category": "OTHER", "subject": "DECISION", "description": "?"}
                """.formatted(caseId))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.rule")
                .isEqualTo("complaint.subject.decision-missing");
        post(ZHANG_WEI, "/complaints", """
                {"caseId": "%s", "category": "OTHER", "description": "?"}
                """.formatted(caseId))
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.rule")
                .isEqualTo("complaint.case.outside-jurisdiction");
        post(VOLUNTEER, "/complaints", """
                {"caseId": "%s", "category": "OTHER", "description": "?", "onBehalfOfHousehold": true}
                """.formatted(caseId))
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.rule")
                .isEqualTo("complaint.on-behalf.advisor-only");
        post(WANG_FANG, "/complaints", """
                {"caseId": "%s", "category": "OTHER", "description": "?"}
                """.formatted(UUID.randomUUID()))
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.rule")
                .isEqualTo("complaint.case.unknown");

        UUID id = file(WANG_FANG, """
                {"caseId": "%s", "category": "OTHER", "description": "材料被退回两次"}
                """.formatted(caseId));
        post(JIANWAI, "/complaints/" + id + "/resolve", "{\"outcome\": \"UPHELD\"}")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.rule")
                .isEqualTo("complaint.resolve.acknowledge-first")
                .jsonPath("$.currentState")
                .isEqualTo("FILED")
                .jsonPath("$.allowedTransitions")
                .isEqualTo(List.of("ACKNOWLEDGE", "WITHDRAW"));
        post(WANG_FANG, "/complaints/" + id + "/resolve", "{\"outcome\": \"UPHELD\"}")
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.rule")
                .isEqualTo("complaint.resolve.handlers-only");
        // its complainant withdraws it; then nothing more happens to it
        post(WANG_FANG, "/complaints/" + id + "/resolve", "{\"outcome\": \"WITHDRAWN\"}")
                .expectStatus()
                .isOk();
        post(JIANWAI, "/complaints/" + id + "/acknowledge", "{}")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.rule")
                .isEqualTo("complaint.resolved");
        assertThat(auditOf(id)).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("supervisor-jianwai");
            assertThat(entry.allowed()).isFalse();
            assertThat(entry.detail()).isEqualTo("complaint.resolve.acknowledge-first");
        });
    }

    @Test
    void statisticsCountComplaintsFiledAcknowledgedAndResolvedInTimeAndOpen() {
        String community = "110105002001";
        UUID caseId = openCase("H-CMP-6", community);
        UUID handled = file(ZHANG_WEI, """
                {"caseId": "%s", "category": "SERVICE_QUALITY", "description": "一"}
                """.formatted(caseId));
        file(ZHANG_WEI, """
                {"caseId": "%s", "category": "OTHER", "description": "二"}
                """.formatted(caseId));
        post(CHAOWAI, "/complaints/" + handled + "/acknowledge", "{}")
                .expectStatus()
                .isOk();
        post(CHAOWAI, "/complaints/" + handled + "/resolve", "{\"outcome\": \"NOT_UPHELD\"}")
                .expectStatus()
                .isOk();

        String child = "$.children[?(@.code == '" + community + "')].complaints";
        get(CHAOWAI, "/statistics?area=110105002&from=2026-12-01&to=2026-12-01")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath(child + ".filed")
                .isEqualTo(List.of(2))
                .jsonPath(child + ".acknowledgedInTime")
                .isEqualTo(List.of(1))
                .jsonPath(child + ".resolvedInTime")
                .isEqualTo(List.of(1))
                .jsonPath(child + ".openNow")
                .isEqualTo(List.of(1))
                .jsonPath("$.total.complaints.filed")
                .isEqualTo(2);
    }
}
