package org.zhengce.intake.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.zhengce.intake.identity.IdentityNumbers.CHILD;
import static org.zhengce.intake.identity.IdentityNumbers.CLOCK;
import static org.zhengce.intake.identity.IdentityNumbers.HEAD;
import static org.zhengce.intake.validation.DepartmentEvents.COMMUNITIES;
import static org.zhengce.intake.validation.DepartmentEvents.aboutHousehold;
import static org.zhengce.intake.validation.DepartmentEvents.aboutPerson;
import static org.zhengce.intake.validation.DepartmentEvents.child;
import static org.zhengce.intake.validation.DepartmentEvents.familyOfThree;
import static org.zhengce.intake.validation.DepartmentEvents.head;
import static org.zhengce.intake.validation.DepartmentEvents.member;
import static org.zhengce.intake.validation.DepartmentEvents.spouse;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zhengce.events.AssistanceGranted;
import org.zhengce.events.CareSetting;
import org.zhengce.events.ContributionsStopped;
import org.zhengce.events.DangerousHousingReported;
import org.zhengce.events.DisabilityCertified;
import org.zhengce.events.DisabilityType;
import org.zhengce.events.DisasterAffected;
import org.zhengce.events.DisasterSeverity;
import org.zhengce.events.DisasterType;
import org.zhengce.events.DropOutRiskKind;
import org.zhengce.events.DropOutRiskReported;
import org.zhengce.events.EducationLevel;
import org.zhengce.events.HospitalAdmitted;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.HousingSafetyGrade;
import org.zhengce.events.MedicalExpenseSettled;
import org.zhengce.events.MemberLeaveReason;
import org.zhengce.events.Programme;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.ReleaseKind;
import org.zhengce.events.ReleasedFromCustody;
import org.zhengce.events.ReporterRole;
import org.zhengce.events.SchoolAidGranted;
import org.zhengce.events.Sex;
import org.zhengce.events.SocialInsuranceKind;
import org.zhengce.events.Urgency;
import org.zhengce.events.UtilityArrearsReported;
import org.zhengce.events.UtilityType;
import org.zhengce.events.VisitRecorded;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.HouseholdRegistered;
import org.zhengce.intake.MemberLeft;
import org.zhengce.intake.ResidentIdentity;
import org.zhengce.intake.identity.IdentityNumbers;

class EventValidatorTest {

    private final EventValidator validator = new EventValidator(CLOCK, COMMUNITIES);

    @Test
    void validHouseholdRegistrationHasNoViolations() {
        assertThat(validator.validate(aboutHousehold(familyOfThree()).build())).isEmpty();
    }

    @Test
    void validPersonEventHasNoViolations() {
        assertThat(validator.validate(aboutPerson(HEAD, new HospitalAdmitted("City Hospital", true))
                        .build()))
                .isEmpty();
    }

    @Test
    void wrongCheckDigitIsRejectedWithPathAndMaskedValue() {
        String wrong = IdentityNumbers.withWrongCheckDigit(CHILD);
        HouseholdRegistered family = familyOfThree();
        family.getMembers().get(2).getIdentity().setIdentityNumber(wrong);

        List<Violation> violations = validator.validate(aboutHousehold(family).build());

        assertThat(violations)
                .containsExactly(new Violation(
                        "fact.members[2].identity.identityNumber",
                        ValidationRule.IDENTITY_NUMBER_CHECK_DIGIT,
                        "110105***********" + wrong.charAt(17)));
        assertThat(violations.get(0).ruleCode()).isEqualTo("identity-number.check-digit");
    }

    @Test
    void allErrorsOfAnEventAreReportedAtOnce() {
        HouseholdRegistered family = new HouseholdRegistered(
                "999999999999",
                null,
                null,
                null,
                List.of(
                        member("11010519800101123", RelationToHead.HEAD, LocalDate.of(1980, 1, 1), Sex.MALE),
                        member(
                                IdentityNumbers.withWrongCheckDigit(CHILD),
                                RelationToHead.CHILD,
                                LocalDate.of(2010, 3, 1),
                                Sex.MALE),
                        member(
                                IdentityNumbers.valid("110105", "20271231", "123"),
                                RelationToHead.CHILD,
                                LocalDate.of(2027, 12, 31),
                                Sex.UNKNOWN)));
        DepartmentEvent event = aboutHousehold(family)
                .setEventId(" ")
                .setOccurredAt(Instant.parse("2026-11-24T00:00:00Z"))
                .setCommunityCode("11010500100")
                .build();

        assertThat(validator.validate(event))
                .extracting(Violation::fieldPath, Violation::rule)
                .containsExactly(
                        tuple("eventId", ValidationRule.REQUIRED),
                        tuple("occurredAt", ValidationRule.TIME_IN_FUTURE),
                        tuple("communityCode", ValidationRule.COMMUNITY_CODE_FORMAT),
                        tuple("fact.communityCode", ValidationRule.COMMUNITY_CODE_UNKNOWN),
                        tuple("fact.members[0].identity.identityNumber", ValidationRule.IDENTITY_NUMBER_LENGTH),
                        tuple("fact.members[1].identity.identityNumber", ValidationRule.IDENTITY_NUMBER_CHECK_DIGIT),
                        tuple("fact.members[2].identity.identityNumber", ValidationRule.IDENTITY_NUMBER_BIRTH_DATE),
                        tuple("fact.members[2].birthDate", ValidationRule.DATE_IN_FUTURE),
                        tuple("fact.members[2].sex", ValidationRule.ENUM_UNKNOWN),
                        tuple("occurredAt", ValidationRule.OCCURRED_AFTER_REPORTED),
                        tuple("communityCode", ValidationRule.COMMUNITY_CODE_MISMATCH));
    }

    @Test
    void noViolationCarriesAnIdentityNumberInClear() {
        String wrong = IdentityNumbers.withWrongCheckDigit(HEAD);
        DepartmentEvent event = aboutPerson(wrong, new HospitalAdmitted(null, false))
                .setCommunityCode(CHILD)
                .setEventId("event-of-" + HEAD)
                .build();

        List<Violation> violations = validator.validate(event);

        assertThat(violations)
                .extracting(Violation::rule)
                .containsExactly(
                        ValidationRule.IDENTITY_NUMBER_IN_KEY,
                        ValidationRule.IDENTITY_NUMBER_CHECK_DIGIT,
                        ValidationRule.COMMUNITY_CODE_FORMAT);
        assertThat(violations.toString())
                .doesNotContain(wrong)
                .doesNotContain(HEAD)
                .doesNotContain(CHILD);
    }

    @Test
    void timeOneMillisecondAfterNowIsInTheFuture() {
        DepartmentEvent event = aboutHousehold(familyOfThree())
                .setOccurredAt(Instant.parse("2026-11-23T03:00:00Z"))
                .setReportedAt(Instant.parse("2026-11-23T04:00:00.001Z"))
                .build();

        assertThat(validator.validate(event))
                .containsExactly(
                        new Violation("reportedAt", ValidationRule.TIME_IN_FUTURE, "2026-11-23T04:00:00.001Z"));
    }

    @Test
    void occurredAfterReportedIsRejected() {
        DepartmentEvent event = aboutHousehold(familyOfThree())
                .setOccurredAt(Instant.parse("2026-11-23T02:00:00Z"))
                .setReportedAt(Instant.parse("2026-11-23T01:00:00Z"))
                .build();

        assertThat(validator.validate(event))
                .containsExactly(new Violation(
                        "occurredAt",
                        ValidationRule.OCCURRED_AFTER_REPORTED,
                        "2026-11-23T02:00:00Z > 2026-11-23T01:00:00Z"));
    }

    @Test
    void allowedClockSkewAcceptsSlightlyFutureTimes() {
        DepartmentEvent event = aboutHousehold(familyOfThree())
                .setReportedAt(Instant.parse("2026-11-23T04:04:00Z"))
                .build();

        assertThat(new EventValidator(CLOCK, COMMUNITIES, Duration.ofMinutes(5)).validate(event))
                .isEmpty();
        assertThat(validator.validate(event))
                .extracting(Violation::rule)
                .containsExactly(ValidationRule.TIME_IN_FUTURE);
    }

    @Test
    void negativeAmountsAndCountsAreRejected() {
        DepartmentEvent expense = aboutPerson(HEAD, new MedicalExpenseSettled(CareSetting.INPATIENT, -100L, -200L))
                .build();
        DepartmentEvent arrears = aboutHousehold(new UtilityArrearsReported(UtilityType.WATER, -1, 0L))
                .build();

        assertThat(validator.validate(expense))
                .containsExactly(
                        new Violation("fact.totalFen", ValidationRule.AMOUNT_NEGATIVE, "-100"),
                        new Violation("fact.outOfPocketFen", ValidationRule.AMOUNT_NEGATIVE, "-200"));
        assertThat(validator.validate(arrears))
                .containsExactly(new Violation("fact.monthsUnpaid", ValidationRule.COUNT_NEGATIVE, "-1"));
    }

    @Test
    void genericRulesApplyToEveryFactByFieldName() {
        DepartmentEvent disaster = aboutHousehold(
                        new DisasterAffected(DisasterType.FLOOD, DisasterSeverity.HOME_LOST, -1L))
                .build();
        DepartmentEvent schoolAid = aboutPerson(CHILD, new SchoolAidGranted(EducationLevel.PRIMARY, -50_000L))
                .build();
        DepartmentEvent released = aboutPerson(
                        HEAD, new ReleasedFromCustody(LocalDate.of(2026, 11, 24), ReleaseKind.PRISON))
                .build();
        DepartmentEvent contributions = aboutPerson(
                        HEAD, new ContributionsStopped(SocialInsuranceKind.PENSION, LocalDate.of(2026, 12, 1)))
                .build();
        DepartmentEvent dropOut = aboutPerson(CHILD, new DropOutRiskReported(DropOutRiskKind.POOR_ATTENDANCE, -3))
                .build();

        assertThat(validator.validate(disaster))
                .containsExactly(new Violation("fact.lossFen", ValidationRule.AMOUNT_NEGATIVE, "-1"));
        assertThat(validator.validate(schoolAid))
                .containsExactly(new Violation("fact.annualAmountFen", ValidationRule.AMOUNT_NEGATIVE, "-50000"));
        assertThat(validator.validate(released))
                .containsExactly(new Violation("fact.releaseDate", ValidationRule.DATE_IN_FUTURE, "2026-11-24"));
        assertThat(validator.validate(contributions))
                .containsExactly(new Violation("fact.lastPaidMonth", ValidationRule.DATE_IN_FUTURE, "2026-12-01"));
        assertThat(validator.validate(dropOut))
                .containsExactly(new Violation("fact.absentDays", ValidationRule.COUNT_NEGATIVE, "-3"));
    }

    @Test
    void outOfPocketAboveTotalIsRejected() {
        DepartmentEvent expense = aboutPerson(HEAD, new MedicalExpenseSettled(CareSetting.INPATIENT, 100L, 200L))
                .build();

        assertThat(validator.validate(expense))
                .extracting(Violation::fieldPath, Violation::rule)
                .containsExactly(tuple("fact.outOfPocketFen", ValidationRule.AMOUNT_ORDER));
    }

    @Test
    void unknownCommunityCodeIsRejected() {
        DepartmentEvent event = aboutPerson(HEAD, new HospitalAdmitted(null, false))
                .setCommunityCode("110105009999")
                .build();

        assertThat(validator.validate(event))
                .containsExactly(new Violation("communityCode", ValidationRule.COMMUNITY_CODE_UNKNOWN, "110105009999"));
    }

    @Test
    void missingRequiredValuesAreReported() {
        DepartmentEvent event = new DepartmentEvent();
        event.setEventId("ca-1");

        assertThat(validator.validate(event))
                .extracting(Violation::fieldPath, Violation::rule)
                .containsExactly(
                        tuple("department", ValidationRule.REQUIRED),
                        tuple("occurredAt", ValidationRule.REQUIRED),
                        tuple("reportedAt", ValidationRule.REQUIRED),
                        tuple("subject", ValidationRule.REQUIRED),
                        tuple("fact", ValidationRule.REQUIRED));
    }

    @Test
    void grantWithoutAnyAmountOrEndingBeforeItStartsIsRejectedButMayEndInTheFuture() {
        AssistanceGranted noAmount = new AssistanceGranted(
                Programme.DIBAO, null, null, LocalDate.of(2026, 12, 1), LocalDate.of(2026, 11, 30), null);
        AssistanceGranted planned = new AssistanceGranted(
                Programme.DIBAO, 80_000L, null, LocalDate.of(2026, 12, 1), LocalDate.of(2027, 11, 30), null);

        assertThat(validator.validate(aboutHousehold(noAmount).build()))
                .extracting(Violation::fieldPath, Violation::rule)
                .containsExactly(
                        tuple("fact.monthlyAmountFen", ValidationRule.REQUIRED),
                        tuple("fact.endDate", ValidationRule.DATE_ORDER));
        assertThat(validator.validate(aboutHousehold(planned).build())).isEmpty();
    }

    @Test
    void disabilityGradeOutsideOneToFourIsRejected() {
        DepartmentEvent event = aboutPerson(HEAD, new DisabilityCertified(5, DisabilityType.PHYSICAL))
                .build();

        assertThat(validator.validate(event))
                .containsExactly(new Violation("fact.grade", ValidationRule.OUT_OF_RANGE, "5"));
    }

    @Test
    void notAssessedSymbolsTheSchemaAllowsAreAccepted() {
        assertThat(validator.validate(aboutHousehold(new DangerousHousingReported(HousingSafetyGrade.UNKNOWN))
                        .build()))
                .isEmpty();
        assertThat(validator.validate(aboutHousehold(new VisitRecorded(
                                ReporterRole.VOLUNTEER, null, List.of("medical.escort"), Urgency.UNKNOWN, null))
                        .build()))
                .isEmpty();
    }

    @Test
    void blankServiceMenuCodeIsRejected() {
        VisitRecorded visit =
                new VisitRecorded(ReporterRole.ADVISOR, "advisor-7", List.of("meals", ""), Urgency.SOLVE_NOW, null);

        assertThat(validator.validate(aboutHousehold(visit).build()))
                .containsExactly(new Violation("fact.needs[1]", ValidationRule.REQUIRED, ""));
    }

    @Test
    void householdNeedsExactlyOneHeadAndNoPersonTwice() {
        HouseholdRegistered family = new HouseholdRegistered(
                DepartmentEvents.COMMUNITY, null, null, null, List.of(spouse(), child(), child()));

        assertThat(validator.validate(aboutHousehold(family).build()))
                .containsExactly(
                        new Violation(
                                "fact.members", ValidationRule.HOUSEHOLD_HEAD, "0 members with relationToHead HEAD"),
                        new Violation(
                                "fact.members[2].identity.identityNumber",
                                ValidationRule.DUPLICATE_MEMBER,
                                "110105***********9 = fact.members[1]"));
    }

    @Test
    void householdWithoutMembersIsRejected() {
        HouseholdRegistered empty = new HouseholdRegistered(DepartmentEvents.COMMUNITY, null, null, null, List.of());

        assertThat(validator.validate(aboutHousehold(empty).build()))
                .containsExactly(new Violation("fact.members", ValidationRule.REQUIRED, "[]"));
    }

    @Test
    void householdFactAboutAPersonIsRejected() {
        DepartmentEvent event = aboutPerson(
                        HEAD, new MemberLeft(new ResidentIdentity(CHILD), MemberLeaveReason.MOVED_OUT))
                .build();

        assertThat(validator.validate(event))
                .extracting(Violation::fieldPath, Violation::rule)
                .containsExactly(tuple("subject", ValidationRule.SUBJECT_KIND));
    }

    @Test
    void memberBirthDateAndSexMustAgreeWithTheIdentityNumber() {
        HouseholdRegistered family = new HouseholdRegistered(
                DepartmentEvents.COMMUNITY,
                null,
                null,
                null,
                List.of(head(), member(CHILD, RelationToHead.CHILD, LocalDate.of(2010, 3, 2), Sex.FEMALE)));

        assertThat(validator.validate(aboutHousehold(family).build()))
                .containsExactly(
                        new Violation("fact.members[1].birthDate", ValidationRule.BIRTH_DATE_MISMATCH, "2010-03-02"),
                        new Violation("fact.members[1].sex", ValidationRule.SEX_MISMATCH, "FEMALE"));
    }

    @Test
    void householdNumberMustNotBeBlank() {
        DepartmentEvent event = aboutHousehold(familyOfThree())
                .setSubject(new HouseholdNumber(""))
                .build();

        assertThat(validator.validate(event))
                .containsExactly(new Violation("subject.value", ValidationRule.REQUIRED, ""));
    }
}
