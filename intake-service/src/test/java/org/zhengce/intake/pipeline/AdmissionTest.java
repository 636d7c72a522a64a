package org.zhengce.intake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.departments.Department;
import org.zhengce.intake.reading.EventExamples;
import org.zhengce.intake.validation.Violation;

/** A department's scope fails closed: empty covers nothing; a scope covers the communities under its prefixes. */
class AdmissionTest {

    private static Department community(List<String> scope) {
        return new Department(
                "COMMUNITY",
                "Community advisors",
                Set.of("VisitRecorded"),
                scope,
                100,
                true,
                Instant.EPOCH,
                Instant.EPOCH);
    }

    private static DepartmentEvent visit() {
        return DepartmentEvent.newBuilder(EventExamples.all().get("VisitRecorded"))
                .build();
    }

    @Test
    void anEmptyScopeCoversNothing() {
        List<Violation> violations = Admission.check(community(List.of()), visit(), "VisitRecorded", null);

        assertThat(violations)
                .extracting(Violation::fieldPath, Violation::ruleCode)
                .containsExactly(tuple("communityCode", "department.jurisdiction-scope"));
        assertThat(violations.get(0).offendingValue()).contains("no jurisdiction scope, which covers no area");
    }

    @Test
    void aScopeCoversTheCommunitiesUnderItsPrefixesOnly() {
        assertThat(Admission.check(community(List.of("110105")), visit(), "VisitRecorded", null))
                .isEmpty();
        assertThat(Admission.check(community(List.of("110106")), visit(), "VisitRecorded", null))
                .extracting(Violation::ruleCode)
                .containsExactly("department.jurisdiction-scope");
    }

    private static final EventLedger.Registered IN_CHAOWAI =
            new EventLedger.Registered("110105002001", Instant.parse("2026-11-01T00:00:00Z"));

    @Test
    void aHouseholdRegisteredOutsideTheScopeIsRefusedWhateverCommunityTheEventClaims() {
        DepartmentEvent visit = visit();
        assertThat(visit.getCommunityCode()).startsWith("110105001");

        List<Violation> violations =
                Admission.check(community(List.of("110105001")), visit, "VisitRecorded", IN_CHAOWAI);

        assertThat(violations)
                .extracting(Violation::fieldPath, Violation::ruleCode)
                .containsExactly(tuple("communityCode", "department.jurisdiction-scope"));
        assertThat(violations.get(0).offendingValue())
                .isEqualTo("the household is registered in a community outside [110105001], whatever community the"
                        + " event claims");
        assertThat(Admission.check(community(List.of("110105002")), visit(), "VisitRecorded", IN_CHAOWAI))
                .isEmpty();
    }

    @Test
    void aRegistrationIsCheckedAgainstTheCommunityItRegisters() {
        Department civilAffairs = new Department(
                "CIVIL_AFFAIRS",
                "Civil affairs",
                Set.of("HouseholdChanged"),
                List.of("110105001"),
                100,
                true,
                Instant.EPOCH,
                Instant.EPOCH);
        DepartmentEvent move = DepartmentEvent.newBuilder(EventExamples.all().get("HouseholdChanged"))
                .build();

        assertThat(Admission.check(civilAffairs, move, "HouseholdChanged", IN_CHAOWAI))
                .isEmpty();
    }
}
