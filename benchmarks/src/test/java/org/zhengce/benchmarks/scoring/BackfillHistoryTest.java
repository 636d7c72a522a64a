package org.zhengce.benchmarks.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;

class BackfillHistoryTest {

    private static final long SEED = 20_261_123L;

    @Test
    void givesExactlyTheRecordsAskedForWithOneEventIdSequence() {
        Set<String> eventIds = new HashSet<>();
        long count = 0;
        for (Iterator<HouseholdEvent> history = BackfillHistory.of(SEED, BackfillHistory.CHUNK + 1_000);
                history.hasNext(); ) {
            eventIds.add(history.next().getEventId());
            count++;
        }

        assertThat(count).isEqualTo(BackfillHistory.CHUNK + 1_000);
        assertThat(eventIds).hasSize(BackfillHistory.CHUNK + 1_000);
    }

    @Test
    void eachChunkHasHouseholdsOfItsOwn() {
        Iterator<HouseholdEvent> history = BackfillHistory.of(SEED, BackfillHistory.CHUNK * 2L);
        Set<String> first = new HashSet<>();
        Set<String> second = new HashSet<>();
        for (int i = 0; i < BackfillHistory.CHUNK * 2; i++) {
            HouseholdEvent event = history.next();
            if (event.getSubject() instanceof HouseholdNumber household) {
                (i < BackfillHistory.CHUNK ? first : second).add(household.getValue());
            }
        }

        assertThat(first).isNotEmpty().allMatch(number -> number.startsWith("4401000"));
        assertThat(second).isNotEmpty().allMatch(number -> number.startsWith("4401001"));
    }

    @Test
    void aCityHistoryHasTheEventsPerHouseholdAskedFor() {
        Set<String> eventIds = new HashSet<>();
        Set<String> households = new HashSet<>();
        long count = 0;
        for (Iterator<HouseholdEvent> history = BackfillHistory.city(SEED, 28 * 200, 28); history.hasNext(); ) {
            HouseholdEvent event = history.next();
            eventIds.add(event.getEventId());
            if (event.getSubject() instanceof HouseholdNumber household) {
                households.add(household.getValue());
            }
            count++;
        }

        assertThat(BackfillHistory.households(28 * 200, 28)).isEqualTo(200);
        assertThat(count).isEqualTo(28 * 200);
        assertThat(eventIds).hasSize(28 * 200);
        assertThat(households).hasSize(200);
    }

    @Test
    void aCityHistoryHasAtLeastAHundredHouseholdsAndAtMostTheDemoCitysMost() {
        assertThat(BackfillHistory.households(1_000, 28)).isEqualTo(100);
        assertThat(BackfillHistory.households(8_300_000, 28)).isEqualTo(296_428);
        assertThat(BackfillHistory.households(8_300_000, 1)).isEqualTo(org.zhengce.democity.DemoCity.MAX_HOUSEHOLDS);
    }

    @Test
    void sameSeedGivesTheSameHistory() {
        assertThat(firstEvents(SEED)).isEqualTo(firstEvents(SEED));
    }

    private static List<HouseholdEvent> firstEvents(long seed) {
        List<HouseholdEvent> events = new ArrayList<>();
        Iterator<HouseholdEvent> history = BackfillHistory.of(seed, 1_000);
        history.forEachRemaining(events::add);
        return events;
    }
}
