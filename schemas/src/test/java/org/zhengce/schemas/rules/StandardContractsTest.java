package org.zhengce.schemas.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zhengce.schemas.rules.ContractFixtures.medicalExpense;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zhengce.events.Department;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.Sex;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.HouseholdRegistered;
import org.zhengce.intake.Member;
import org.zhengce.intake.ResidentIdentity;
import org.zhengce.schemas.registry.DataContract;
import org.zhengce.schemas.registry.Rule;
import org.zhengce.schemas.serde.GeneratedClassTrust;

/**
 * The contracts the data standard publishes with {@code HouseholdEvent} and {@code DepartmentEvent} hold for valid
 * events and refuse what intake's validation refuses; and how the generated records look to CEL.
 */
class StandardContractsTest {

    static final Instant OCCURRED = ContractFixtures.OCCURRED;
    static final Instant REPORTED = ContractFixtures.REPORTED;
    static final String FIXTURE_IDENTITY = "11010519491231002X";

    final DomainRules rules = new DomainRules(Map.of());

    @BeforeAll
    static void trustGeneratedClasses() {
        GeneratedClassTrust.install();
    }

    final DataContract household =
            DataContract.published(HouseholdEvent.getClassSchema().getFullName());
    final DataContract department =
            DataContract.published(DepartmentEvent.getClassSchema().getFullName());

    @Test
    void bothContractsArePublishedWithTheirRules() {
        assertThat(household.domainRules())
                .extracting(Rule::name)
                .containsExactly(
                        "occurredNotAfterReported",
                        "amountsNotNegative",
                        "countsNotNegative",
                        "communityCodesAreTwelveDigits");
        assertThat(department.domainRules()).hasSameSizeAs(household.domainRules());
        assertThat(DataContract.published("org.zhengce.events.CaseEvent")).isEqualTo(DataContract.NONE);
    }

    @Test
    void validHouseholdEventKeepsTheContract() {
        HouseholdEvent event = medicalExpense(8_650_000L, 2_310_000L).build();

        assertThat(write(event)).isSameAs(event);
    }

    @Test
    void eventWithoutCommunityCodeKeepsTheContract() {
        HouseholdEvent event = medicalExpense(1L, 0L).setCommunityCode(null).build();

        assertThat(write(event)).isSameAs(event);
    }

    @Test
    void negativeAmountInsideTheFactBreaksAmountsNotNegative() {
        HouseholdEvent event = medicalExpense(8_650_000L, -1L).build();

        assertThatThrownBy(() -> write(event))
                .isInstanceOfSatisfying(
                        RuleFailedException.class,
                        failed -> assertThat(failed.ruleName()).isEqualTo("amountsNotNegative"))
                .hasMessageContaining("MedicalExpenseSettled.outOfPocketFen")
                .hasMessageNotContaining("-1");
    }

    @Test
    void factReportedBeforeItOccurredBreaksOccurredNotAfterReported() {
        HouseholdEvent event =
                medicalExpense(1L, 0L).setReportedAt(OCCURRED.minusSeconds(1)).build();

        assertThatThrownBy(() -> write(event))
                .isInstanceOfSatisfying(
                        RuleFailedException.class,
                        failed -> assertThat(failed.ruleName()).isEqualTo("occurredNotAfterReported"));
    }

    @Test
    void malformedCommunityCodeBreaksCommunityCodesAreTwelveDigits() {
        HouseholdEvent event = medicalExpense(1L, 0L).setCommunityCode("4201").build();

        assertThatThrownBy(() -> write(event))
                .isInstanceOfSatisfying(
                        RuleFailedException.class,
                        failed -> assertThat(failed.ruleName()).isEqualTo("communityCodesAreTwelveDigits"));
    }

    @Test
    void departmentEventWithMembersKeepsTheContractAndItsFactsCommunityCodeIsChecked() {
        DepartmentEvent valid = registration("420106001001");
        DepartmentEvent malformed = registration("42010600100X");

        assertThat(rules.onWrite(
                        "dept.civil-affairs.events", "s", DepartmentEvent.getClassSchema(), department, valid, null))
                .isSameAs(valid);
        assertThatThrownBy(() -> rules.onWrite(
                        "dept.civil-affairs.events",
                        "s",
                        DepartmentEvent.getClassSchema(),
                        department,
                        malformed,
                        null))
                .isInstanceOf(RuleFailedException.class)
                .hasMessageContaining("HouseholdRegistered.communityCode");
    }

    @Test
    void celSeesEnumsAsSymbolsUnionsAsTheirBranchAndTimesAsTimestamps() {
        DataContract contract = DataContract.ofDomainRules(Rule.of(
                "mapping",
                "CONDITION",
                "WRITE",
                "CEL",
                "message.department == 'MEDICAL_INSURANCE' && message.fact.setting == 'INPATIENT'"
                        + " && message.fact.totalFen >= message.fact.outOfPocketFen"
                        + " && message.subject.keyId == 'k2026-01'"
                        + " && message.occurredAt < timestamp('2026-04-02T07:45:00Z')"
                        + " && message.reportedAt - message.occurredAt == duration('1800s')"
                        + " && has(message.communityCode)",
                null,
                null));

        HouseholdEvent event = medicalExpense(8_650_000L, 2_310_000L).build();

        assertThat(rules.onWrite("household.events", "s", HouseholdEvent.getClassSchema(), contract, event, null))
                .isSameAs(event);
    }

    @Test
    void messageTransformGivesBackTheGeneratedClassWithUnionsEnumsAndTimes() {
        DataContract contract = DataContract.ofDomainRules(Rule.of(
                "noCommunity",
                "TRANSFORM",
                "WRITE",
                "CEL",
                "{'eventId': message.eventId, 'department': message.department, 'occurredAt': message.occurredAt,"
                        + " 'reportedAt': message.reportedAt, 'subject': message.subject,"
                        + " 'platformEventId': message.platformEventId, 'communityCode': null, 'fact': message.fact}",
                null,
                null));
        HouseholdEvent event = medicalExpense(8_650_000L, 2_310_000L).build();

        Object written = rules.onWrite("household.events", "s", HouseholdEvent.getClassSchema(), contract, event, null);

        assertThat(written).isInstanceOf(HouseholdEvent.class);
        assertThat(written)
                .isEqualTo(
                        HouseholdEvent.newBuilder(event).setCommunityCode(null).build());
        assertThat(event.getCommunityCode()).isEqualTo("420106001002");
    }

    private Object write(HouseholdEvent event) {
        return rules.onWrite("household.events", "household.events-value", event.getSchema(), household, event, null);
    }

    private static DepartmentEvent registration(String factCommunityCode) {
        Member head = new Member(
                new ResidentIdentity(FIXTURE_IDENTITY), RelationToHead.HEAD, LocalDate.of(1949, 12, 31), Sex.FEMALE);
        return DepartmentEvent.newBuilder()
                .setEventId("MZ-2026-1")
                .setDepartment(Department.CIVIL_AFFAIRS)
                .setOccurredAt(OCCURRED)
                .setReportedAt(REPORTED)
                .setSubject(new HouseholdNumber("420106000123"))
                .setCommunityCode("420106001001")
                .setFact(HouseholdRegistered.newBuilder()
                        .setCommunityCode(factCommunityCode)
                        .setAddress("武昌区某街道某社区1号")
                        .setMembers(List.of(head))
                        .build())
                .build();
    }
}
