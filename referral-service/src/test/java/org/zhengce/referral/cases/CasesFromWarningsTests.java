package org.zhengce.referral.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.zhengce.events.CaseAssigned;
import org.zhengce.events.CaseEscalated;
import org.zhengce.events.CaseEvent;
import org.zhengce.events.CaseOpened;
import org.zhengce.events.EscalationReason;
import org.zhengce.events.Urgency;
import org.zhengce.events.WarningLevel;
import org.zhengce.referral.ReferralStackTest;
import org.zhengce.referral.Warnings;
import org.zhengce.referral.audit.AuditAction;
import org.zhengce.referral.audit.AuditLog;
import org.zhengce.referral.jurisdictions.Advisor;
import org.zhengce.referral.jurisdictions.AdvisorKind;
import org.zhengce.referral.jurisdictions.JurisdictionDirectory;

/** Warnings on household.warnings open, escalate and propose closing cases, once each; new cases are routed. */
class CasesFromWarningsTests extends ReferralStackTest {

    private static final String DISTRICT_SUPERVISOR = supervisor("supervisor-chaoyang", "110105");

    @Autowired
    JurisdictionDirectory directory;

    @Autowired
    AuditLog audit;

    private Optional<CaseView> caseOf(String household, String community) {
        List<CaseView> cases = http.get()
                .uri("/cases?community={c}", community)
                .headers(h -> h.setBearerAuth(DISTRICT_SUPERVISOR))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBodyList(CaseView.class)
                .returnResult()
                .getResponseBody();
        return cases.stream().filter(c -> c.householdNumber().equals(household)).findFirst();
    }

    private CaseView awaitCase(String household, String community) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> caseOf(household, community), Optional::isPresent)
                .orElseThrow();
    }

    private static List<CaseEvent> awaitCaseEvents(UUID caseId, int count) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> caseEventsOf(caseId.toString()), events -> events.size() >= count);
    }

    @Test
    void sameWarningDeliveredTwiceOpensOneCaseAndPublishesOneCaseOpened() {
        String household = "H-IDEMPOTENT-1";
        var raised = Warnings.raised("w-idem-1", household, "110105001002", WarningLevel.YELLOW);
        publish(WARNINGS, household, raised, raised);
        // a later warning of the same household (same partition) shows that both copies were read before it
        publish(WARNINGS, household, Warnings.cleared("w-idem-2", household, "110105001002"));
        CaseView opened = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> caseOf(household, "110105001002"),
                        c -> c.isPresent() && c.get().closeProposed())
                .orElseThrow();

        List<CaseEvent> events = awaitCaseEvents(opened.id(), 2);
        assertThat(events).filteredOn(e -> e.getFact() instanceof CaseOpened).hasSize(1);
        assertThat(events).extracting(CaseEvent::getEventId).doesNotHaveDuplicates();
        assertThat(opened.urgency()).isEqualTo(Urgency.IN_STAGES);
    }

    @Test
    void caseOpenedByAWarningIsAuditedAsTheWarningsChange() {
        String household = "H-AUDIT-SYSTEM-1";
        publish(WARNINGS, household, Warnings.raised("w-audit-sys-1", household, "110105001002", WarningLevel.YELLOW));

        CaseView opened = awaitCase(household, "110105001002");

        assertThat(audit.entriesFor(opened.id()).collectList().block()).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("system:warnings");
            assertThat(entry.action()).isEqualTo(AuditAction.SYSTEM_CHANGE);
            assertThat(entry.communityCode()).isEqualTo("110105001002");
            assertThat(entry.allowed()).isTrue();
        });
    }

    @Test
    void escalationRaisesUrgencyAndIsRecordedAndPublished() {
        String household = "H-ESCALATE-1";
        publish(WARNINGS, household, Warnings.raised("w-esc-1", household, "110105001002", WarningLevel.YELLOW));
        CaseView opened = awaitCase(household, "110105001002");
        assertThat(opened.urgency()).isEqualTo(Urgency.IN_STAGES);

        publish(
                WARNINGS,
                household,
                Warnings.escalated("w-esc-2", household, "110105001002", WarningLevel.YELLOW, WarningLevel.ORANGE));
        CaseView escalated = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> caseOf(household, "110105001002").orElseThrow(),
                        c -> !c.escalations().isEmpty());
        assertThat(escalated.urgency()).isEqualTo(Urgency.SOLVE_NOW);
        assertThat(escalated.escalations()).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("WARNING_ESCALATED");
            assertThat(e.fromUrgency()).isEqualTo(Urgency.IN_STAGES);
            assertThat(e.toUrgency()).isEqualTo(Urgency.SOLVE_NOW);
        });
        List<CaseEvent> events = awaitCaseEvents(opened.id(), 3);
        assertThat(events.get(events.size() - 1).getFact()).isInstanceOf(CaseEscalated.class);
        assertThat(((CaseEscalated) events.get(events.size() - 1).getFact()).getReason())
                .isEqualTo(EscalationReason.WARNING_ESCALATED);
        assertThat(events.get(events.size() - 1).getUrgency()).isEqualTo(Urgency.SOLVE_NOW);
    }

    @Test
    void clearedWarningAddsANoteAndProposesClosingWithoutClosing() {
        String household = "H-CLEAR-1";
        publish(
                WARNINGS,
                household,
                Warnings.raised("w-clear-1", household, "110105001003", WarningLevel.BLUE),
                Warnings.cleared("w-clear-2", household, "110105001003"));
        CaseView cleared = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> caseOf(household, "110105001003"),
                        c -> c.isPresent() && c.get().closeProposed())
                .orElseThrow();
        assertThat(cleared.status()).isEqualTo("OPEN");
        assertThat(cleared.notes()).anySatisfy(note -> assertThat(note.text()).contains("cleared"));
    }

    @Test
    void newCasesGoToTheLeastLoadedAdvisorCoveringTheCommunityTiesByAdvisorId() {
        directory.create("110105001901", "测试社区甲").block();
        directory
                .save(new Advisor("advisor-load-b", "乙", AdvisorKind.SOCIAL_WORKER, List.of("110105001901")), true)
                .block();
        directory
                .save(new Advisor("advisor-load-a", "甲", AdvisorKind.SOCIAL_WORKER, List.of("110105001901")), true)
                .block();

        publish(WARNINGS, "H-LOAD-1", Warnings.raised("w-load-1", "H-LOAD-1", "110105001901", WarningLevel.YELLOW));
        assertThat(awaitCase("H-LOAD-1", "110105001901").ownerId()).isEqualTo("advisor-load-a");
        publish(WARNINGS, "H-LOAD-2", Warnings.raised("w-load-2", "H-LOAD-2", "110105001901", WarningLevel.YELLOW));
        assertThat(awaitCase("H-LOAD-2", "110105001901").ownerId()).isEqualTo("advisor-load-b");
        publish(WARNINGS, "H-LOAD-3", Warnings.raised("w-load-3", "H-LOAD-3", "110105001901", WarningLevel.RED));
        CaseView third = awaitCase("H-LOAD-3", "110105001901");
        assertThat(third.ownerId()).isEqualTo("advisor-load-a");
        assertThat(third.ownerRole()).isEqualTo("ADVISOR");

        List<CaseEvent> events = awaitCaseEvents(third.id(), 2);
        assertThat(events)
                .extracting(e -> e.getFact().getClass().getSimpleName())
                .containsExactly("CaseOpened", "CaseAssigned");
        assertThat(((CaseAssigned) events.get(1).getFact()).getAdvisorId()).isEqualTo("advisor-load-a");
        assertThat(events.get(1).getUrgency()).isEqualTo(Urgency.SOLVE_NOW);
    }

    @Test
    void casesGoOnlyToAdvisorsOfTheHouseholdsCommunity() {
        publish(WARNINGS, "H-JUR-1", Warnings.raised("w-jur-1", "H-JUR-1", "110105002001", WarningLevel.YELLOW));
        publish(WARNINGS, "H-JUR-2", Warnings.raised("w-jur-2", "H-JUR-2", "110105001003", WarningLevel.YELLOW));
        assertThat(awaitCase("H-JUR-1", "110105002001").ownerId()).isEqualTo("advisor-zhang-wei");
        assertThat(awaitCase("H-JUR-2", "110105001003").ownerId()).isEqualTo("advisor-li-na");
    }

    @Test
    void communityWithoutAdvisorIsOwnedByItsStreetSupervisorWhoIsAlerted() {
        String household = "H-NO-ADVISOR-1";
        publish(WARNINGS, household, Warnings.raised("w-noadv-1", household, "110105002003", WarningLevel.ORANGE));
        CaseView owned = awaitCase(household, "110105002003");
        assertThat(owned.ownerId()).isEqualTo("supervisor-chaowai");
        assertThat(owned.ownerRole()).isEqualTo("SUPERVISOR");

        List<CaseEvent> events = awaitCaseEvents(owned.id(), 2);
        assertThat(events)
                .extracting(e -> e.getFact().getClass().getSimpleName())
                .containsExactly("CaseOpened", "CaseEscalated");
        CaseEscalated alert = (CaseEscalated) events.get(1).getFact();
        assertThat(alert.getReason()).isEqualTo(EscalationReason.BEYOND_COMPETENCE);
        assertThat(alert.getEscalatedTo()).isEqualTo("supervisor-chaowai");
    }

    @Test
    void poisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsStillProcessed() {
        String household = "H-POISON-1";
        publishBytes(WARNINGS, household, "not avro at all".getBytes(StandardCharsets.UTF_8));
        publish(WARNINGS, household, Warnings.raised("w-poison-1", household, "110105001001", WarningLevel.RED));

        assertThat(awaitCase(household, "110105001001").urgency()).isEqualTo(Urgency.SOLVE_NOW);
        ConsumerRecord<String, byte[]> dead = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> readAll(WARNING_DEAD_LETTERS).stream()
                                .filter(r -> household.equals(r.key()))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not avro at all");
        assertThat(dead.headers().lastHeader("kafka_dlt-exception-message")).isNotNull();
        assertThat(new String(
                        dead.headers().lastHeader("kafka_dlt-original-topic").value(), StandardCharsets.UTF_8))
                .isEqualTo(WARNINGS);
    }
}
