package org.zhengce.scoring.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.zhengce.events.Dimension;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningLevel;
import org.zhengce.scoring.portrait.Events;
import org.zhengce.scoring.portrait.Portrait;
import org.zhengce.scoring.portrait.Portraits;
import org.zhengce.scoring.portrait.Retention;

/**
 * A household's state is bounded by design: one household fed 100,000 events of every kind, with platform event ids
 * as intake makes them (UUIDs), stays under {@value #BOUND_BYTES} bytes stored, whatever the number of events (the
 * README's state section states the same bound).
 */
class HouseholdStateBoundTest {

    /** The bound of one household's stored record with the default retention: 128 KiB. */
    static final int BOUND_BYTES = 128 * 1024;

    private static final int EVENTS = 100_000;

    private final HouseholdRecordSerde serde = new HouseholdRecordSerde();

    @Test
    void oneHouseholdFedAHundredThousandEventsStaysUnderTheBound() {
        List<HouseholdEvent> kinds = Events.everyKindOfFact();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Portrait portrait = Portraits.empty(Events.HOUSEHOLD);
        int largest = 0;
        for (int i = 0; i < EVENTS; i++) {
            HouseholdEvent template = kinds.get(i % kinds.size());
            // one every five minutes: 100,000 events over about 347 days, all within the model's windows
            HouseholdEvent event = Events.reIded(
                    template,
                    new UUID(20261207L, i).toString(),
                    String.format("DEPT-2026-%010d", i),
                    start.plus(Duration.ofMinutes(5L * i)));
            portrait = Portraits.apply(portrait, event, Retention.DEFAULT);
            if (i % 10_000 == 9_999) {
                largest = Math.max(largest, stored(portrait));
            }
        }
        int last = stored(portrait);

        assertThat(portrait.appliedEventIds()).hasSize(Portraits.APPLIED_EVENTS_KEPT);
        assertThat(portrait.findings()).as("two kinds, each at its count").hasSize(2 * Portraits.FACTS_KEPT_PER_KIND);
        assertThat(portrait.health().expenses()).hasSize(Portraits.FACTS_KEPT_PER_KIND);
        assertThat(Math.max(largest, last))
                .as("stored bytes of one household after %s events", EVENTS)
                .isLessThan(BOUND_BYTES);
    }

    @Test
    void aKindsRuleFromConfigurationKeepsFewerAndYoungerFacts() {
        Retention retention = new Retention(
                Map.of("medical-expense-settled", new Retention.Rule(3, Duration.ofDays(30))),
                Retention.DEFAULT_RULE,
                10);
        HouseholdEvent expense = Events.everyKindOfFact().stream()
                .filter(e -> e.getFact() instanceof org.zhengce.events.MedicalExpenseSettled)
                .findFirst()
                .orElseThrow();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Portrait portrait = Portraits.empty(Events.HOUSEHOLD);
        for (int i = 0; i < 5; i++) {
            portrait = Portraits.apply(
                    portrait,
                    Events.reIded(expense, "expense-" + i, "mi-" + i, start.plus(Duration.ofDays(i))),
                    retention);
        }
        assertThat(portrait.health().expenses())
                .extracting(e -> e.source().platformEventId())
                .containsExactly("expense-2", "expense-3", "expense-4");

        portrait = Portraits.apply(
                portrait,
                Events.reIded(expense, "expense-late", "mi-late", start.plus(Duration.ofDays(33))),
                retention);
        assertThat(portrait.health().expenses())
                .as("older than 30 days before the latest event: dropped")
                .extracting(e -> e.source().platformEventId())
                .containsExactly("expense-3", "expense-4", "expense-late");
    }

    private int stored(Portrait portrait) {
        HouseholdState state = new HouseholdState(
                "wuchang-2026.1",
                Map.of(Dimension.HEALTH, 30, Dimension.LIVING_CONDITIONS, 25),
                100,
                WarningCategory.ASSISTANCE_MISSING,
                WarningLevel.RED,
                new UUID(1, 1).toString(),
                Instant.parse("2026-06-01T00:00:00Z"),
                "420106001001",
                Instant.parse("2026-06-01T00:00:00Z"),
                "1780000000000|" + Events.HOUSEHOLD);
        return serde.write(new HouseholdRecord(portrait, state)).length;
    }
}
