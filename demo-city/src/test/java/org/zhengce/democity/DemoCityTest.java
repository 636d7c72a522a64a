package org.zhengce.democity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.zhengce.events.IllnessCategory;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.ResidentIdentity;
import org.zhengce.intake.identity.ResidentIdentityNumber;

class DemoCityTest {

    private static final Instant AS_OF = Instant.parse("2026-12-01T04:00:00Z");
    private static final DemoCity CITY =
            DemoCity.builder().seed(42).households(10_000).build();

    @Test
    void sameSeedGivesTheSameHouseholdsAndEventsRecordForRecord() {
        DemoCity again = DemoCity.builder().seed(42).households(10_000).build();
        assertThat(again.history(5_000, AS_OF, "a").toList())
                .isEqualTo(CITY.history(5_000, AS_OF, "a").toList());
        assertThat(again.history(30_000, AS_OF, "a").skip(25_000).toList())
                .isEqualTo(CITY.history(30_000, AS_OF, "a").skip(25_000).toList());
        assertThat(again.household(9_999)).isEqualTo(CITY.household(9_999));
        assertThat(again.stories(AS_OF, "a")).isEqualTo(CITY.stories(AS_OF, "a"));

        DemoCity other = DemoCity.builder().seed(43).households(10_000).build();
        assertThat(other.household(0)).isNotEqualTo(CITY.household(0));
        assertThat(other.history(1_000, AS_OF, "a").toList())
                .isNotEqualTo(CITY.history(1_000, AS_OF, "a").toList());
    }

    @Test
    void aLabelChangesTheIdsOnly() {
        List<DepartmentEvent> a = CITY.history(200, AS_OF, "a").toList();
        List<DepartmentEvent> b = CITY.history(200, AS_OF, "b").toList();
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).getEventId()).isNotEqualTo(a.get(i).getEventId());
            assertThat(b.get(i).getFact()).isEqualTo(a.get(i).getFact());
        }
    }

    @Test
    void identityNumbersAreValidUniqueAndAllInTheFictitiousRegion() {
        Clock clock = Clock.fixed(AS_OF, ZoneOffset.UTC);
        Set<String> seen = new HashSet<>();
        Stream.concat(CITY.households(), CITY.stories(AS_OF, "s").stream().map(Story::household))
                .flatMap(h -> h.members().stream())
                .forEach(r -> {
                    assertThat(r.identityNumber()).hasSize(18).startsWith("990101");
                    ResidentIdentityNumber parsed = ResidentIdentityNumber.parse(r.identityNumber(), clock);
                    assertThat(parsed.birthDate()).isEqualTo(r.birthDate());
                    assertThat(parsed.sex()).isEqualTo(r.sex());
                    assertThat(seen.add(r.identityNumber())).as("unique").isTrue();
                    assertThat(r.toString()).doesNotContain(r.identityNumber().substring(6, 14));
                });
        assertThat(seen).hasSizeGreaterThan(20_000);
        // GB 11643's worked example: 11010519491231002 has check character X
        assertThat(IdentityNumbers.checkCharacter("11010519491231002")).isEqualTo('X');
    }

    @Test
    void theCityLooksLikeAnInnerBeijingNeighbourhood() {
        LocalDate day = LocalDate.of(2026, 12, 1);
        int households = CITY.size();
        long residents = 0;
        long elderly = 0;
        long minors = 0;
        long disabled = 0;
        long chronic = 0;
        long dibaoResidents = 0;
        long unemployed = 0;
        long labourForce = 0;
        Map<Integer, Integer> sizes = new HashMap<>();
        Map<String, Integer> communities = new HashMap<>();
        List<Long> ordinaryIncomes = new java.util.ArrayList<>();
        for (Household h : (Iterable<Household>) CITY.households()::iterator) {
            sizes.merge(h.members().size(), 1, Integer::sum);
            communities.merge(h.community().code(), 1, Integer::sum);
            if (h.standing() == Standing.ORDINARY) {
                ordinaryIncomes.add(h.monthlyIncomePerHeadFen());
            }
            for (Resident r : h.members()) {
                residents++;
                int age = r.ageOn(day);
                elderly += age >= 60 ? 1 : 0;
                minors += age < 15 ? 1 : 0;
                disabled += r.disabled() ? 1 : 0;
                chronic += r.illness() == IllnessCategory.CHRONIC ? 1 : 0;
                dibaoResidents += h.standing() == Standing.DIBAO ? 1 : 0;
                unemployed += r.activity() == Activity.UNEMPLOYED ? 1 : 0;
                labourForce += r.activity() == Activity.UNEMPLOYED || r.activity() == Activity.EMPLOYED ? 1 : 0;
            }
        }
        ordinaryIncomes.sort(null);
        double meanSize = (double) residents / households;
        // 7th census: 2.62 people per family household; Beijing 19.6 % aged 60+, 11.9 % under 15; disability 6.3 %
        assertThat(meanSize).as("mean household size").isBetween(2.4, 2.8);
        assertThat(sizes.keySet()).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
        assertThat(share(sizes.get(1), households)).as("one-person households").isBetween(0.20, 0.30);
        assertThat(share(elderly, residents)).as("aged 60 or over").isBetween(0.16, 0.26);
        assertThat(share(minors, residents)).as("under 15").isBetween(0.08, 0.16);
        assertThat(share(disabled, residents)).as("disabled").isBetween(0.045, 0.08);
        assertThat(share(chronic, residents)).as("certified chronic illness").isBetween(0.04, 0.12);
        assertThat(share(dibaoResidents, residents)).as("on dibao").isBetween(0.01, 0.025);
        assertThat(share(unemployed, labourForce)).as("unemployment rate").isBetween(0.03, 0.08);
        long median = ordinaryIncomes.get(ordinaryIncomes.size() / 2);
        assertThat(median)
                .as("median monthly income per head of ordinary households, fen")
                .isBetween(450_000L, 700_000L);
        assertThat(communities.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        Community.DEMO.stream().map(Community::code).toList());
    }

    @Test
    void theCommunitiesAreTheDirectorysAndEveryEventPassesIntakesChecks() {
        assertThat(Community.DEMO.stream().map(Community::code).toList()).isEqualTo(IntakeRules.communities());
        DemoCity city = DemoCity.builder().seed(7).households(1_500).build();
        Instant now = AS_OF.plus(Duration.ofMinutes(1));
        IntakeRules intake = new IntakeRules(now);
        Map<String, List<String>> refused = new HashMap<>();
        Set<String> types = new HashSet<>();
        Set<String> ids = new HashSet<>();
        Incidents incidents = city.incidents(1, "t20261201T120000");
        Stream<DepartmentEvent> everything = Stream.of(
                        city.registrations(AS_OF, "d20261201"),
                        city.standingRecords(AS_OF, "d20261201"),
                        city.stories(AS_OF, "d20261201").stream()
                                .flatMap(s -> Stream.concat(s.baseline().stream(), s.trigger().stream())),
                        Stream.generate(() -> incidents.next(AS_OF))
                                .limit(20_000)
                                .flatMap(List::stream),
                        city.history(20_000, AS_OF, "h").skip(8_000))
                .flatMap(s -> s);
        everything.forEach(event -> {
            List<String> problems = intake.problems(event);
            if (!problems.isEmpty() && refused.size() < 20) {
                refused.put(
                        event.getEventId() + " " + event.getFact().getClass().getSimpleName(), problems);
            }
            types.add(event.getFact().getClass().getSimpleName());
            assertThat(ids.add(event.getDepartment() + "/" + event.getEventId()))
                    .as(event.getEventId())
                    .isTrue();
            if (event.getSubject() instanceof ResidentIdentity identity) {
                assertThat(identity.getIdentityNumber()).startsWith("990101");
            }
        });
        assertThat(refused).isEmpty();
        // every fact type of the data standard but the membership changes the city does not model
        assertThat(types).hasSizeGreaterThanOrEqualTo(27);
    }

    @Test
    void aMillionRecordsStreamInConstantMemory() {
        DemoCity city = DemoCity.builder().seed(3).households(10_000).build();
        Runtime runtime = Runtime.getRuntime();
        long before = used(runtime);
        long[] most = {0};
        long[] count = {0};
        // forEach walks every record (count() of a sized stream would not)
        city.history(1_000_000, AS_OF, "bf").forEach(event -> {
            if (++count[0] % 250_000 == 0) {
                most[0] = Math.max(most[0], used(runtime) - before);
            }
        });
        assertThat(count[0]).isEqualTo(1_000_000);
        // a million events held would take about a gigabyte; streamed, what is live stays near nothing
        assertThat(most[0])
                .as("bytes live while streaming, beyond those before")
                .isLessThan(48L << 20);
    }

    private static long used(Runtime runtime) {
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static double share(long part, long whole) {
        return (double) part / whole;
    }
}
