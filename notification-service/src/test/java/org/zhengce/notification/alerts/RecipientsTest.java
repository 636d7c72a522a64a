package org.zhengce.notification.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.zhengce.events.EscalationReason;
import org.zhengce.events.Urgency;
import org.zhengce.notification.CaseEvents;

/** Who is alerted by which case event: given a case event and the advisor notification knows, then the alerts. */
class RecipientsTest {

    private static final String COMMUNITY = "110105001001";
    private static final UUID CASE = CaseEvents.caseId("recipients");

    private final SupervisorDirectory supervisors = new SupervisorDirectory(
            List.of(
                    new SupervisorDirectory.Entry("110105", "supervisor-chaoyang"),
                    new SupervisorDirectory.Entry("110105001", "supervisor-jianwai"),
                    new SupervisorDirectory.Entry("110105002", "supervisor-chaowai")),
            "platform-duty-supervisor");
    private final Recipients recipients = new Recipients(supervisors);

    @Test
    void anAssignmentAlertsTheAssignedAdvisor() {
        List<AlertIntent> alerts = recipients.of(
                CaseEvents.assigned(CASE, 2, "advisor-wang-fang", COMMUNITY, Urgency.IN_STAGES),
                Optional.of("advisor-before"));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.recipient()).isEqualTo("advisor-wang-fang");
            assertThat(a.kind()).isEqualTo(AlertKind.CASE_ASSIGNED);
            assertThat(a.detail()).contains(COMMUNITY).contains("visit due");
        });
    }

    @Test
    void aReopenedTrackedCaseAlertsItsOwnerWithTheNewVisitsDeadline() {
        assertThat(recipients.of(
                        CaseEvents.reopened(CASE, 7, "advisor-li-na", COMMUNITY, Urgency.IN_STAGES),
                        Optional.of("advisor-before")))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.recipient()).isEqualTo("advisor-li-na");
                    assertThat(a.kind()).isEqualTo(AlertKind.CASE_REOPENED);
                    assertThat(a.detail()).contains(COMMUNITY).contains("visit due 2026-12-04T02:00:00Z");
                });
        assertThat(recipients.of(
                        CaseEvents.reopened(CASE, 7, null, COMMUNITY, Urgency.IN_STAGES), Optional.of("advisor-seen")))
                .extracting(AlertIntent::recipient)
                .as("no owner named: the advisor notification saw assigned")
                .containsExactly("advisor-seen");
        assertThat(recipients.of(CaseEvents.reopened(CASE, 7, null, COMMUNITY, Urgency.IN_STAGES), Optional.empty()))
                .extracting(AlertIntent::recipient)
                .as("nobody known: the community's supervisor")
                .containsExactly("supervisor-jianwai");
    }

    @Test
    void aRisingUrgencyAlertsTheAdvisorOfTheLastAssignmentNotWhomReferralNames() {
        assertThat(recipients.of(
                        CaseEvents.escalated(
                                CASE,
                                3,
                                EscalationReason.WARNING_ESCALATED,
                                "advisor-old",
                                COMMUNITY,
                                Urgency.SOLVE_NOW),
                        Optional.of("advisor-li-na")))
                .extracting(AlertIntent::recipient, AlertIntent::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("advisor-li-na", AlertKind.URGENCY_RAISED));
    }

    @Test
    void aRisingUrgencyOfACaseNeverSeenAssignedAlertsWhomReferralNames() {
        assertThat(recipients.of(
                        CaseEvents.escalated(
                                CASE,
                                3,
                                EscalationReason.WARNING_ESCALATED,
                                "advisor-li-na",
                                COMMUNITY,
                                Urgency.SOLVE_NOW),
                        Optional.empty()))
                .extracting(AlertIntent::recipient)
                .containsExactly("advisor-li-na");
    }

    @Test
    void aMissedDeadlineAlertsTheNamedSupervisor() {
        assertThat(recipients.of(
                        CaseEvents.escalated(
                                CASE,
                                4,
                                EscalationReason.DEADLINE_MISSED,
                                "supervisor-jianwai",
                                COMMUNITY,
                                Urgency.IN_STAGES),
                        Optional.of("advisor-li-na")))
                .extracting(AlertIntent::recipient, AlertIntent::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("supervisor-jianwai", AlertKind.DEADLINE_MISSED));
    }

    @Test
    void anEscalationNamingAJurisdictionOrNobodyAlertsItsConfiguredSupervisor() {
        assertThat(recipients.of(
                        CaseEvents.escalated(
                                CASE, 4, EscalationReason.DEADLINE_MISSED, "110105", COMMUNITY, Urgency.IN_STAGES),
                        Optional.empty()))
                .extracting(AlertIntent::recipient)
                .containsExactly("supervisor-chaoyang");
        assertThat(recipients.of(
                        CaseEvents.escalated(CASE, 4, EscalationReason.OTHER, null, "110105002001", Urgency.IN_STAGES),
                        Optional.empty()))
                .extracting(AlertIntent::recipient, AlertIntent::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("supervisor-chaowai", AlertKind.CASE_ESCALATED));
    }

    @Test
    void noAdvisorForTheCommunityAlertsTheSupervisorWhoOwnsTheCase() {
        assertThat(recipients.of(
                        CaseEvents.escalated(
                                CASE,
                                2,
                                EscalationReason.BEYOND_COMPETENCE,
                                "supervisor-chaowai",
                                "110105002003",
                                Urgency.IN_STAGES),
                        Optional.empty()))
                .extracting(AlertIntent::recipient, AlertIntent::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("supervisor-chaowai", AlertKind.BEYOND_COMPETENCE));
    }

    @Test
    void aComplaintAlertsItsOwnerWithTheAcknowledgementDeadlineItsNextHandlerAndItsComplainant() {
        assertThat(recipients.of(
                        CaseEvents.complaintFiled(CASE, 5, "c-1", "advisor-wang-fang", "supervisor-jianwai", COMMUNITY),
                        Optional.of("advisor-wang-fang")))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.recipient()).isEqualTo("supervisor-jianwai");
                    assertThat(a.kind()).isEqualTo(AlertKind.COMPLAINT_FILED);
                    assertThat(a.detail()).contains("c-1").contains("acknowledge by 2026-12-03T02:00:00Z");
                });
        assertThat(recipients.of(
                        CaseEvents.complaintEscalated(CASE, 6, "c-1", "supervisor-chaoyang", COMMUNITY),
                        Optional.of("advisor-wang-fang")))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.recipient()).isEqualTo("supervisor-chaoyang");
                    assertThat(a.kind()).isEqualTo(AlertKind.COMPLAINT_ESCALATED);
                });
        assertThat(recipients.of(
                        CaseEvents.complaintResolved(CASE, 7, "c-1", "volunteer-li-na", COMMUNITY),
                        Optional.of("advisor-wang-fang")))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.recipient()).isEqualTo("volunteer-li-na");
                    assertThat(a.kind()).isEqualTo(AlertKind.COMPLAINT_RESOLVED);
                    // what the handler wrote stays in referral: the alert names the outcome only
                    assertThat(a.detail()).contains("UPHELD").doesNotContain("已整改");
                });
    }

    @Test
    void otherCaseStepsAlertNobody() {
        assertThat(recipients.of(CaseEvents.opened(CASE, COMMUNITY, Urgency.SOLVE_NOW), Optional.of("advisor-li-na")))
                .isEmpty();
    }

    @Test
    void theMostSpecificSupervisorWinsAndTheNextOneUpIsAbove() {
        assertThat(supervisors.supervisorOf("110105001003")).isEqualTo("supervisor-jianwai");
        assertThat(supervisors.supervisorOf("110106000000")).isEqualTo("platform-duty-supervisor");
        assertThat(supervisors.above("110105001003", "advisor-li-na")).contains("supervisor-jianwai");
        assertThat(supervisors.above("110105001003", "supervisor-jianwai")).contains("supervisor-chaoyang");
        assertThat(supervisors.above("110105001003", "supervisor-chaoyang")).contains("platform-duty-supervisor");
        assertThat(supervisors.above("110105001003", "platform-duty-supervisor"))
                .isEmpty();
    }
}
