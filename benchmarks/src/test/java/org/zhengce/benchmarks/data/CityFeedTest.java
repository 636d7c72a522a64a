package org.zhengce.benchmarks.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
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
        assertThat(CityFeed.generate(SEED + 1, 1_000)).isNotEqualTo(FEED.subList(0, 1_000));
    }

    @Test
    void householdsAreRegisteredFirstThenEveryDepartmentReports() {
        int households = 20_000 / 8;
        assertThat(FEED.subList(0, households))
                .allSatisfy(e -> assertThat(e.getFact()).isInstanceOf(HouseholdRegistered.class));
        Set<String> departments =
                FEED.stream().map(e -> e.getDepartment().name()).collect(Collectors.toSet());
        assertThat(departments).hasSize(11);
        assertThat(FEED).allSatisfy(e -> assertThat(e.getReportedAt()).isBeforeOrEqualTo(CityFeed.AS_OF));
    }

    @Test
    void medicalBillsAreWholeFenWithOutOfPocketWithinTheTotal() {
        assertThat(FEED)
                .extracting(HouseholdEvent::getFact)
                .filteredOn(MedicalExpenseSettled.class::isInstance)
                .map(MedicalExpenseSettled.class::cast)
                .isNotEmpty()
                .allSatisfy(bill -> {
                    assertThat(bill.getTotalFen()).isPositive();
                    assertThat(bill.getOutOfPocketFen()).isBetween(0L, bill.getTotalFen());
                });
    }

    @Test
    void streamOfAnySizeIsTheSameCityLazily() {
        assertThat(CityFeed.stream(SEED, 20_000 / 8, 20_000).limit(500).toList())
                .isEqualTo(FEED.subList(0, 500));
    }

    @Test
    void keyIsTheSubjectsHouseholdNumberOrPseudonym() {
        for (HouseholdEvent event : FEED.subList(FEED.size() - 200, FEED.size())) {
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
