package org.zhengce.benchmarks.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.HouseholdRegistered;
import org.zhengce.intake.ResidentIdentity;
import org.zhengce.intake.identity.ResidentIdentityNumber;
import org.zhengce.intake.reading.EventJson;
import org.zhengce.intake.reading.EventTypes;
import org.zhengce.intake.reading.ReadEvent;
import org.zhengce.intake.validation.CommunityDirectory;
import org.zhengce.intake.validation.EventValidator;
import org.zhengce.intake.validation.Violation;

class DepartmentFeedTest {

    private static final long SEED = 11L;
    private static final Instant AS_OF = Instant.parse("2026-11-23T04:00:00Z");
    private static final List<DepartmentEvent> FEED = DepartmentFeed.generate(SEED, 5_000, AS_OF, "t-r00");

    @Test
    void sameArgumentsGiveTheSameEventsRecordForRecord() {
        assertThat(DepartmentFeed.generate(SEED, 5_000, AS_OF, "t-r00")).isEqualTo(FEED);
        assertThat(DepartmentFeed.generate(SEED + 1, 500, AS_OF, "t-r00")).isNotEqualTo(FEED.subList(0, 500));
    }

    @Test
    void everyEventNamesItsHouseholdsRegisteredCommunityWhateverOrderIntakeReceivesThemIn() {
        Map<String, String> registered = new HashMap<>();
        FEED.stream()
                .filter(event -> event.getFact() instanceof HouseholdRegistered)
                .forEach(event -> ((HouseholdRegistered) event.getFact())
                        .getMembers()
                        .forEach(member ->
                                registered.put(member.getIdentity().getIdentityNumber(), event.getCommunityCode())));

        assertThat(FEED)
                .allSatisfy(event -> assertThat(event.getCommunityCode()).isNotNull());
        assertThat(FEED)
                .filteredOn(event -> event.getSubject() instanceof ResidentIdentity)
                .isNotEmpty()
                .allSatisfy(event -> assertThat(event.getCommunityCode())
                        .isEqualTo(registered.get(((ResidentIdentity) event.getSubject()).getIdentityNumber())));
    }

    @Test
    void everyEventPassesIntakesValidationAtTheTimeItWasGeneratedFor() {
        EventValidator validator = new EventValidator(
                Clock.fixed(AS_OF, ZoneOffset.UTC), CommunityDirectory.of(Set.copyOf(DepartmentFeed.communityCodes())));

        Map<String, List<Violation>> invalid = new HashMap<>();
        for (DepartmentEvent event : FEED) {
            List<Violation> violations = validator.validate(event);
            if (!violations.isEmpty()) {
                invalid.put(event.getEventId(), violations);
            }
        }

        assertThat(invalid).isEmpty();
    }

    @Test
    void everyEventReadsBackFromItsJsonLineUnchangedAndWithoutErrors() {
        EventJson json = new EventJson();

        for (DepartmentEvent event : FEED.subList(0, 2_000)) {
            ReadEvent read = json.read(json.writeBytes(event));
            assertThat(read.violations()).as(event.getEventId()).isEmpty();
            assertThat(read.event()).isEqualTo(event);
        }
    }

    @Test
    void everyTypeComesFromADepartmentTheRegistrySeedAllowsToReportIt() throws IOException {
        Map<String, Set<String>> allowed = seededDepartments();

        assertThat(FEED)
                .allSatisfy(
                        event -> assertThat(allowed.get(event.getDepartment().name()))
                                .as(event.getEventId())
                                .contains(EventTypes.nameOf(event.getFact())));
        assertThat(FEED.stream().map(e -> e.getDepartment().name()).collect(Collectors.toSet()))
                .hasSize(11);
    }

    @Test
    void identityNumbersHaveTheGb11643CheckCharacterAndTheSexOfTheRegister() {
        List<String> numbers = FEED.stream()
                .filter(e -> e.getSubject() instanceof ResidentIdentity)
                .map(e -> ((ResidentIdentity) e.getSubject()).getIdentityNumber())
                .toList();
        assertThat(numbers).isNotEmpty().allSatisfy(number -> {
            assertThat(number).hasSize(18).startsWith(DepartmentFeed.REGION);
            assertThat(number.charAt(17)).isEqualTo(ResidentIdentityNumber.checkCharacter(number));
        });
        // the worked example of GB 11643: 11010519491231002 has check character X
        assertThat(DepartmentFeed.checkCharacter("11010519491231002")).isEqualTo('X');

        Clock clock = Clock.fixed(AS_OF, ZoneOffset.UTC);
        assertThat(FEED)
                .extracting(DepartmentEvent::getFact)
                .filteredOn(HouseholdRegistered.class::isInstance)
                .map(HouseholdRegistered.class::cast)
                .flatMap(HouseholdRegistered::getMembers)
                .allSatisfy(member -> {
                    ResidentIdentityNumber number =
                            ResidentIdentityNumber.parse(member.getIdentity().getIdentityNumber(), clock);
                    assertThat(member.getSex()).isEqualTo(number.sex());
                    assertThat(member.getBirthDate()).isEqualTo(number.birthDate());
                });
    }

    @Test
    void eventIdsAreUniqueAndHoldTheBatchSoThatEveryRoundIsNew() {
        assertThat(FEED.stream().map(DepartmentEvent::getEventId).distinct()).hasSize(FEED.size());
        assertThat(FEED).allSatisfy(event -> assertThat(event.getEventId()).contains("-t-r00-"));

        List<DepartmentEvent> nextRound = DepartmentFeed.generate(SEED, 5_000, AS_OF, "t-r01");
        assertThat(nextRound.get(0).getEventId()).isNotEqualTo(FEED.get(0).getEventId());
        assertThat(nextRound.get(0).getFact()).isEqualTo(FEED.get(0).getFact());
    }

    @Test
    void noTimeLiesAfterTheMomentItWasGeneratedFor() {
        assertThat(FEED).allSatisfy(event -> {
            assertThat(event.getOccurredAt()).isBefore(AS_OF).isBeforeOrEqualTo(event.getReportedAt());
            assertThat(event.getReportedAt()).isBeforeOrEqualTo(AS_OF);
        });
    }

    @Test
    void batchThatLooksLikeAnIdentityNumberIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DepartmentFeed.generate(SEED, 10, AS_OF, "r-110105198001011238"))
                .withMessageContaining("batch");
    }

    /** Department code → allowed event types, as intake's registry seed inserts them. */
    private static Map<String, Set<String>> seededDepartments() throws IOException {
        String sql;
        try (InputStream in =
                DepartmentFeedTest.class.getClassLoader().getResourceAsStream("db/intake/V2__seed_departments.sql")) {
            assertThat(in).as("intake's registry seed on the class path").isNotNull();
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher rows = Pattern.compile("\\('([A-Z_]+)',\\s*'(?:[^']|'')*',\\s*'\\{([^}]*)\\}'")
                .matcher(sql);
        Map<String, Set<String>> allowed = new HashMap<>();
        while (rows.find()) {
            allowed.put(rows.group(1), Set.of(rows.group(2).split(",")));
        }
        assertThat(allowed).hasSize(11);
        return allowed;
    }
}
