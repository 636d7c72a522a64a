package org.zhengce.benchmarks.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.HouseholdRegistered;
import org.zhengce.events.MedicalExpenseSettled;
import org.zhengce.events.PersonPseudonym;

class CityFeedTest {

    private static final long SEED = 7L;
    private static final List<HouseholdEvent> FEED = CityFeed.generate(SEED, 20_000);

    @Test
    void sameSeedGivesTheSameEventsRecordForRecord() {
        assertThat(CityFeed.generate(SEED, 20_000)).isEqualTo(FEED);
    }

    @Test
    void otherSeedGivesOtherEvents() {
        assertThat(CityFeed.generate(SEED + 1, 1_000)).isNotEqualTo(FEED.subList(0, 1_000));
    }

    @Test
    void feedSendsEveryIntendedFactTypeFromItsDepartment() {
        Set<Class<?>> intended =
                Arrays.stream(CityFeed.FactKind.values()).map(kind -> kind.type).collect(Collectors.toSet());

        Set<Class<?>> sent =
                FEED.stream().map(event -> event.getFact().getClass()).collect(Collectors.toSet());
        assertThat(sent).isEqualTo(intended);
        for (CityFeed.FactKind kind : CityFeed.FactKind.values()) {
            assertThat(FEED)
                    .filteredOn(event -> kind.type.isInstance(event.getFact()))
                    .allSatisfy(event -> assertThat(event.getDepartment()).isEqualTo(kind.department));
        }
    }

    @Test
    void factsComeRoughlyInTheirIntendedShares() {
        Map<Class<?>, Long> counts = FEED.stream()
                .collect(Collectors.groupingBy(event -> event.getFact().getClass(), Collectors.counting()));

        for (CityFeed.FactKind kind : CityFeed.FactKind.values()) {
            double share = 100.0 * counts.get(kind.type) / FEED.size();
            assertThat(share).as(kind.name()).isBetween(kind.weight - 1.5, kind.weight + 1.5);
        }
    }

    @Test
    void medicalBillsAreWholeFenWithOutOfPocketWithinTheTotal() {
        assertThat(FEED)
                .extracting(HouseholdEvent::getFact)
                .filteredOn(MedicalExpenseSettled.class::isInstance)
                .map(MedicalExpenseSettled.class::cast)
                .allSatisfy(bill -> {
                    assertThat(bill.getTotalFen()).isPositive();
                    assertThat(bill.getOutOfPocketFen()).isBetween(bill.getTotalFen() / 10, bill.getTotalFen());
                });
    }

    @Test
    void registeredHouseholdsHaveOneToFiveMembersHeadedByTheirHead() {
        List<HouseholdRegistered> registrations = FEED.stream()
                .map(HouseholdEvent::getFact)
                .filter(HouseholdRegistered.class::isInstance)
                .map(HouseholdRegistered.class::cast)
                .toList();

        assertThat(registrations).allSatisfy(household -> {
            assertThat(household.getMembers()).hasSizeBetween(1, 5);
            assertThat(household.getMembers().get(0).getRelationToHead().name()).isEqualTo("HEAD");
            assertThat(household.getCommunityCode()).hasSize(12);
        });
        assertThat(registrations.stream()
                        .map(household -> household.getMembers().size()))
                .contains(1, 2, 3, 4, 5);
    }

    @Test
    void keyIsTheSubjectsHouseholdNumberOrPseudonym() {
        for (HouseholdEvent event : FEED.subList(0, 200)) {
            String key = new String(CityFeed.key(event), StandardCharsets.UTF_8);
            if (event.getSubject() instanceof HouseholdNumber household) {
                assertThat(key).isEqualTo(household.getValue()).hasSize(12);
            } else {
                assertThat(key)
                        .isEqualTo(((PersonPseudonym) event.getSubject()).getValue())
                        .hasSize(64);
            }
        }
    }
}
