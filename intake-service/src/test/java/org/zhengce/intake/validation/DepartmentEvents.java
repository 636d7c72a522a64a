package org.zhengce.intake.validation;

import static org.zhengce.intake.identity.IdentityNumbers.CHILD;
import static org.zhengce.intake.identity.IdentityNumbers.HEAD;
import static org.zhengce.intake.identity.IdentityNumbers.SPOUSE;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.zhengce.events.Department;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.Sex;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.HouseholdRegistered;
import org.zhengce.intake.Member;
import org.zhengce.intake.ResidentIdentity;

/** Fixed department events for tests: a family of three in community 110105001001, reported the day it was entered. */
final class DepartmentEvents {

    static final String COMMUNITY = "110105001001";
    static final CommunityDirectory COMMUNITIES = CommunityDirectory.of(Set.of(COMMUNITY, "110105001002"));
    static final Instant OCCURRED_AT = Instant.parse("2026-11-22T02:00:00Z");
    static final Instant REPORTED_AT = Instant.parse("2026-11-23T01:00:00Z");
    static final String HOUSEHOLD_NUMBER = "110105000123";

    private DepartmentEvents() {}

    static Member member(String identityNumber, RelationToHead relation, LocalDate birthDate, Sex sex) {
        return new Member(new ResidentIdentity(identityNumber), relation, birthDate, sex);
    }

    static Member head() {
        return member(HEAD, RelationToHead.HEAD, LocalDate.of(1980, 1, 1), Sex.MALE);
    }

    static Member spouse() {
        return member(SPOUSE, RelationToHead.SPOUSE, LocalDate.of(1985, 6, 15), Sex.FEMALE);
    }

    static Member child() {
        return member(CHILD, RelationToHead.CHILD, LocalDate.of(2010, 3, 1), Sex.MALE);
    }

    static HouseholdRegistered familyOfThree() {
        return new HouseholdRegistered(
                COMMUNITY, "1 Example Lane", "Head of family", "010-00000000", List.of(head(), spouse(), child()));
    }

    /** The envelope around {@code fact}, about the household. */
    static DepartmentEvent.Builder aboutHousehold(Object fact) {
        return DepartmentEvent.newBuilder()
                .setEventId("ca-2026-000001")
                .setDepartment(Department.CIVIL_AFFAIRS)
                .setOccurredAt(OCCURRED_AT)
                .setReportedAt(REPORTED_AT)
                .setSubject(new HouseholdNumber(HOUSEHOLD_NUMBER))
                .setCommunityCode(COMMUNITY)
                .setFact(fact);
    }

    /** The envelope around {@code fact}, about the person with {@code identityNumber}. */
    static DepartmentEvent.Builder aboutPerson(String identityNumber, Object fact) {
        return aboutHousehold(fact).setSubject(new ResidentIdentity(identityNumber));
    }
}
