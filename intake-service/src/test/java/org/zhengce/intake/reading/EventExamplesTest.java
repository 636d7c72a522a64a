package org.zhengce.intake.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.ResidentIdentity;
import org.zhengce.intake.validation.CommunityDirectory;
import org.zhengce.intake.validation.EventValidator;

class EventExamplesTest {

    private static final Clock DECEMBER_FIRST =
            Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final Set<String> HOUSEHOLD_FACTS = Set.of(
            "HouseholdRegistered",
            "HouseholdChanged",
            "MemberJoined",
            "MemberLeft",
            "EconomicCheckDone",
            "AssistanceGranted",
            "AssistanceEnded",
            "AssistanceApplicationRejected",
            "DangerousHousingReported",
            "RentArrearsReported",
            "DisasterAffected",
            "UtilityArrearsReported",
            "VisitRecorded",
            "TipReported");

    private final SortedMap<String, DepartmentEvent> examples = EventExamples.all();

    @Test
    void thereIsOneExamplePerEventType() {
        assertThat(examples.keySet()).containsExactlyInAnyOrderElementsOf(EventTypes.names());
        assertThat(examples).hasSize(30);
    }

    @Test
    void everyExamplePassesTheValidator() {
        EventValidator validator =
                new EventValidator(DECEMBER_FIRST, CommunityDirectory.of(Set.of("110105001001", "110105001002")));

        examples.forEach((type, example) ->
                assertThat(validator.validate(example)).as(type).isEmpty());
    }

    @Test
    void everyExampleComesFromADepartmentThatMayReportIt() throws IOException {
        Map<String, Set<String>> allowed = seededDepartments();

        examples.forEach((type, example) -> assertThat(
                        allowed.get(example.getDepartment().name()))
                .as(type + " from " + example.getDepartment())
                .contains(type));
    }

    @Test
    void envelopesAreTheDocumentedOnes() {
        examples.forEach((type, example) -> {
            assertThat(example.getCommunityCode()).isEqualTo("110105001001");
            assertThat(example.getOccurredAt()).isEqualTo(Instant.parse("2026-11-20T02:00:00Z"));
            assertThat(example.getReportedAt()).isEqualTo(Instant.parse("2026-11-20T03:00:00Z"));
            assertThat(example.getEventId()).matches(example.getDepartment().name() + "-2026-[0-9]{4}");
            if (HOUSEHOLD_FACTS.contains(type)) {
                assertThat(example.getSubject()).as(type).isEqualTo(new HouseholdNumber("110105000123"));
            } else {
                assertThat(example.getSubject()).as(type).isInstanceOf(ResidentIdentity.class);
            }
        });
        assertThat(examples.values().stream().map(DepartmentEvent::getEventId).distinct())
                .hasSize(30);
        assertThat(examples.get("HospitalAdmitted").getEventId()).isEqualTo("HEALTH-2026-0001");
    }

    @Test
    void examplesAreTheSameEveryCallButNewRecords() {
        SortedMap<String, DepartmentEvent> again = EventExamples.all();

        assertThat(again).isEqualTo(examples);
        assertThat(again.get("HouseholdRegistered")).isNotSameAs(examples.get("HouseholdRegistered"));
    }

    @Test
    void madeUpIdentityNumbersCarryTheirCheckCharacter() {
        assertThat(EventExamples.HEAD.identityNumber()).isEqualTo("990101198001011236");
        assertThat(EventExamples.SPOUSE.identityNumber()).startsWith("99010119820512124");
    }

    /** Department code → the event types V2__seed_departments.sql allows it. */
    private static Map<String, Set<String>> seededDepartments() throws IOException {
        String sql;
        try (InputStream in = Objects.requireNonNull(
                EventExamplesTest.class.getResourceAsStream("/db/intake/V2__seed_departments.sql"))) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher row = Pattern.compile("\\('([A-Z_]+)',\\s*'(?:[^']|'')*',\\s*'\\{([^}]*)\\}'")
                .matcher(sql);
        Map<String, Set<String>> allowed = new HashMap<>();
        while (row.find()) {
            allowed.put(row.group(1), Set.copyOf(Arrays.asList(row.group(2).split(","))));
        }
        assertThat(allowed).hasSize(11);
        return allowed;
    }
}
