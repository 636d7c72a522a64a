package org.zhengce.notification.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.zhengce.events.CaseAssigned;
import org.zhengce.events.CaseEvent;
import org.zhengce.events.Urgency;
import org.zhengce.notification.CaseEvents;

class CaseEventCheckTest {

    private static final UUID CASE = CaseEvents.caseId("check");

    private static CaseEvent assigned() {
        return CaseEvents.assigned(CASE, 2, "advisor-wang-fang", "110105001001", Urgency.IN_STAGES);
    }

    @Test
    void aCaseEventAsReferralWritesItIsFine() {
        assertThat(CaseEventCheck.problem(assigned())).isEmpty();
    }

    @Test
    void idsThatAreNotUuidsAndAnAssignmentToNobodyAreMalformed() {
        CaseEvent badCase = assigned();
        badCase.setCaseId("case-42");
        assertThat(CaseEventCheck.problem(badCase))
                .hasValueSatisfying(r -> assertThat(r).contains("caseId"));
        CaseEvent badEvent = assigned();
        badEvent.setEventId("1");
        assertThat(CaseEventCheck.problem(badEvent))
                .hasValueSatisfying(r -> assertThat(r).contains("eventId"));
        CaseEvent nobody = assigned();
        ((CaseAssigned) nobody.getFact()).setAdvisorId(" ");
        assertThat(CaseEventCheck.problem(nobody))
                .hasValueSatisfying(r -> assertThat(r).contains("advisorId"));
    }

    @Test
    void aComplaintEventNamingNobodyToAlertIsMalformed() {
        String complaint = "6f1c2b1e-0000-4000-8000-000000000019";
        assertThat(CaseEventCheck.problem(
                        CaseEvents.complaintFiled(CASE, 3, complaint, "advisor-wang-fang", "", "110105001001")))
                .hasValueSatisfying(r -> assertThat(r).contains("ownerId"));
        assertThat(CaseEventCheck.problem(CaseEvents.complaintEscalated(CASE, 4, complaint, " ", "110105001001")))
                .hasValueSatisfying(r -> assertThat(r).contains("escalatedTo"));
        assertThat(CaseEventCheck.problem(CaseEvents.complaintResolved(CASE, 5, complaint, "", "110105001001")))
                .hasValueSatisfying(r -> assertThat(r).contains("complainantId"));
        assertThat(CaseEventCheck.problem(CaseEvents.complaintFiled(
                        CASE, 3, complaint, "advisor-wang-fang", "supervisor-jianwai", "110105001001")))
                .isEmpty();
    }
}
