package org.zhengce.scoring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.CareSetting;
import org.zhengce.events.Department;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.HouseholdRegistered;
import org.zhengce.events.MedicalExpenseSettled;
import org.zhengce.events.Member;
import org.zhengce.events.PersonPseudonym;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.Sex;

/**
 * Fixed household events as intake publishes them, for the API tests: a household registered by civil affairs
 * with a grandmother over 80 (age structure: 8 points) and a child (4 points), and a medical expense settled for a
 * member (health: 8 points for a large bill and 1 point per 1,000 yuan out of pocket). Facts happen a day before the
 * test runs, because the model's windows count back from the wall clock.
 */
public final class HouseholdEventSupport {

    public static final String KEY_ID = "k2026";
    /** The community the API tests' households belong to (Dongcheng, Beijing, a made-up community). */
    public static final String COMMUNITY = "110105001001";
    /** Another community of the same street. */
    public static final String OTHER_COMMUNITY = "110105002001";

    private HouseholdEventSupport() {}

    /** The pseudonym value intake would give a person (here: SHA-256 of a label, 64 hex characters). */
    public static String pseudonym(String label) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The grandmother, mother and child of a household, each a member named after it. */
    public static List<Member> family(String household) {
        return List.of(
                member(pseudonym(household + "/mother"), RelationToHead.HEAD, "1985-04-12", Sex.FEMALE),
                member(pseudonym(household + "/grandmother"), RelationToHead.PARENT, "1940-02-03", Sex.FEMALE),
                member(pseudonym(household + "/child"), RelationToHead.CHILD, "2018-09-01", Sex.MALE));
    }

    public static Member member(String person, RelationToHead relation, String birthDate, Sex sex) {
        return new Member(new PersonPseudonym(KEY_ID, person), relation, LocalDate.parse(birthDate), sex);
    }

    /** Civil affairs registers {@code household} in {@code community} with these members. */
    public static HouseholdEvent registered(String household, String community, List<Member> members) {
        return event(
                new HouseholdNumber(household),
                Department.CIVIL_AFFAIRS,
                "registered-" + household,
                community,
                new HouseholdRegistered(community, "东城区某街道某社区 2-1-302", null, null, members));
    }

    /** Medical insurance settles an inpatient bill of a person, {@code outOfPocketFen} paid by the family. */
    public static HouseholdEvent medicalExpense(String person, String eventId, long outOfPocketFen) {
        return event(
                new PersonPseudonym(KEY_ID, person),
                Department.MEDICAL_INSURANCE,
                eventId,
                null,
                new MedicalExpenseSettled(CareSetting.INPATIENT, outOfPocketFen * 3, outOfPocketFen));
    }

    private static HouseholdEvent event(
            Object subject, Department department, String eventId, @Nullable String community, Object fact) {
        Instant occurredAt = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        return HouseholdEvent.newBuilder()
                .setEventId(eventId)
                .setDepartment(department)
                .setOccurredAt(occurredAt)
                .setReportedAt(occurredAt.plusSeconds(600))
                .setSubject(subject)
                .setPlatformEventId("platform-" + department.name().toLowerCase() + "-" + eventId)
                .setCommunityCode(community)
                .setFact(fact)
                .build();
    }
}
