package org.zhengce.intake.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zhengce.intake.identity.IdentityNumbers.CHILD;
import static org.zhengce.intake.identity.IdentityNumbers.CLOCK;
import static org.zhengce.intake.identity.IdentityNumbers.HEAD;
import static org.zhengce.intake.identity.IdentityNumbers.SPOUSE;
import static org.zhengce.intake.validation.DepartmentEvents.aboutHousehold;
import static org.zhengce.intake.validation.DepartmentEvents.aboutPerson;
import static org.zhengce.intake.validation.DepartmentEvents.child;
import static org.zhengce.intake.validation.DepartmentEvents.familyOfThree;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.zhengce.events.HospitalAdmitted;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.MemberJoinReason;
import org.zhengce.events.MemberLeaveReason;
import org.zhengce.events.PersonPseudonym;
import org.zhengce.events.ReporterRole;
import org.zhengce.events.Urgency;
import org.zhengce.events.VisitRecorded;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.MemberJoined;
import org.zhengce.intake.MemberLeft;
import org.zhengce.intake.ResidentIdentity;
import org.zhengce.intake.identity.IdentityNumbers;
import org.zhengce.intake.identity.InvalidIdentityNumberException;
import org.zhengce.intake.identity.Pseudonymiser;
import org.zhengce.intake.identity.ResidentIdentityNumber;

class EventPseudonymisationTest {

    private static final byte[] SECRET =
            "a fixed test secret of 32+ bytes, not for use".getBytes(StandardCharsets.US_ASCII);
    /** 17 digits and a digit or X, not inside a longer run of digits or hexadecimal characters (a pseudonym). */
    private static final Pattern IDENTITY_NUMBER_LIKE = Pattern.compile("(?<![0-9a-f])[0-9]{17}[0-9Xx](?![0-9a-f])");

    private final Pseudonymiser pseudonymiser = new Pseudonymiser(Map.of("k2026-01", SECRET), "k2026-01");
    private final EventPseudonymisation pseudonymisation = new EventPseudonymisation(pseudonymiser, CLOCK);

    @Test
    void pseudonymisedEventCarriesNoIdentityNumber() {
        DepartmentEvent event = aboutHousehold(familyOfThree()).build();

        HouseholdEvent published = pseudonymisation.toHouseholdEvent(event, "00000000-0000-0000-0000-000000000001");

        String json = published.toString();
        assertThat(json)
                .doesNotContain(HEAD)
                .doesNotContain(SPOUSE)
                .doesNotContain(CHILD)
                .doesNotContain("19800101");
        assertThat(IDENTITY_NUMBER_LIKE.matcher(json).find()).as(json).isFalse();
        org.zhengce.events.HouseholdRegistered fact = (org.zhengce.events.HouseholdRegistered) published.getFact();
        assertThat(fact.getMembers())
                .extracting(org.zhengce.events.Member::getPerson)
                .containsExactly(pseudonym(HEAD), pseudonym(SPOUSE), pseudonym(CHILD));
        assertThat(fact.getMembers().get(0).getBirthDate()).isEqualTo(LocalDate.of(1980, 1, 1));
    }

    @Test
    void envelopeIsCarriedOverWithThePlatformEventId() {
        DepartmentEvent event = aboutHousehold(familyOfThree()).build();

        HouseholdEvent published = pseudonymisation.toHouseholdEvent(event, "platform-1");

        assertThat(published.getEventId()).isEqualTo(event.getEventId());
        assertThat(published.getDepartment()).isEqualTo(event.getDepartment());
        assertThat(published.getOccurredAt()).isEqualTo(event.getOccurredAt());
        assertThat(published.getReportedAt()).isEqualTo(event.getReportedAt());
        assertThat(published.getCommunityCode()).isEqualTo(event.getCommunityCode());
        assertThat(published.getSubject()).isEqualTo(new HouseholdNumber(DepartmentEvents.HOUSEHOLD_NUMBER));
        assertThat(published.getPlatformEventId()).isEqualTo("platform-1");
    }

    @Test
    void personSubjectBecomesItsPseudonym() {
        DepartmentEvent event =
                aboutPerson(HEAD, new HospitalAdmitted("City Hospital", true)).build();

        HouseholdEvent published = pseudonymisation.toHouseholdEvent(event, "platform-2");

        assertThat(published.getSubject()).isEqualTo(pseudonym(HEAD));
        assertThat(published.getFact()).isEqualTo(new HospitalAdmitted("City Hospital", true));
        assertThat(published.toString()).doesNotContain(HEAD);
    }

    @Test
    void memberWhoJoinedOrLeftIsPseudonymised() {
        HouseholdEvent joined = pseudonymisation.toHouseholdEvent(
                aboutHousehold(new MemberJoined(child(), MemberJoinReason.BIRTH))
                        .build(),
                "platform-3");
        HouseholdEvent left = pseudonymisation.toHouseholdEvent(
                aboutHousehold(new MemberLeft(new ResidentIdentity(SPOUSE), MemberLeaveReason.MOVED_OUT))
                        .build(),
                "platform-4");

        assertThat(((org.zhengce.events.MemberJoined) joined.getFact())
                        .getMember()
                        .getPerson())
                .isEqualTo(pseudonym(CHILD));
        assertThat(((org.zhengce.events.MemberLeft) left.getFact()).getPerson()).isEqualTo(pseudonym(SPOUSE));
    }

    @Test
    void identityNumbersTypedIntoFreeTextAreMaskedAndTheInputIsLeftAlone() {
        VisitRecorded visit = new VisitRecorded(
                ReporterRole.GRID_WORKER, null, List.of("meals"), Urgency.SOLVE_NOW, "son's id " + CHILD + " lost");
        DepartmentEvent event = aboutHousehold(visit).build();

        HouseholdEvent published = pseudonymisation.toHouseholdEvent(event, "platform-5");

        assertThat(((VisitRecorded) published.getFact()).getNote()).isEqualTo("son's id 110105***********9 lost");
        assertThat(visit.getNote()).contains(CHILD);
    }

    @Test
    void sameResidentGetsTheSamePseudonymInEveryEvent() {
        HouseholdEvent registered = pseudonymisation.toHouseholdEvent(
                aboutHousehold(familyOfThree()).build(), "platform-6");
        HouseholdEvent admitted = pseudonymisation.toHouseholdEvent(
                aboutPerson(HEAD.toLowerCase(), new HospitalAdmitted(null, false))
                        .build(),
                "platform-7");

        assertThat(admitted.getSubject())
                .isEqualTo(((org.zhengce.events.HouseholdRegistered) registered.getFact())
                        .getMembers()
                        .get(0)
                        .getPerson());
    }

    @Test
    void invalidIdentityNumberIsRefusedMasked() {
        String wrong = IdentityNumbers.withWrongCheckDigit(HEAD);
        DepartmentEvent event =
                aboutPerson(wrong, new HospitalAdmitted(null, false)).build();

        assertThatThrownBy(() -> pseudonymisation.toHouseholdEvent(event, "platform-8"))
                .isInstanceOf(InvalidIdentityNumberException.class)
                .message()
                .doesNotContain(wrong);
    }

    private PersonPseudonym pseudonym(String identityNumber) {
        return pseudonymiser.pseudonymise(ResidentIdentityNumber.parse(identityNumber, CLOCK));
    }
}
