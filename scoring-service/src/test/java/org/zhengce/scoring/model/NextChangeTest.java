package org.zhengce.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.scoring.portrait.Events;
import org.zhengce.scoring.portrait.Portrait;
import org.zhengce.scoring.portrait.Portraits;

/**
 * The next change told from one evaluation is the one the search over candidate instants finds (the search, kept
 * as the fallback and as this test's oracle): on the model's test portrait and on many portraits made of its facts at
 * random times, assessed at random instants.
 */
class NextChangeTest {

    private static final ScoringModel MODEL = ScoringModel.defaultModel();

    private static Instant searched(Portrait portrait, Instant now) {
        Evaluator evaluator = MODEL.evaluator();
        return evaluator.searchedChange(portrait, evaluator.evaluate(portrait, now));
    }

    @Test
    void theEveryFactPortraitsNextChangeIsTheSearchedOneAtEveryDayOfTwoYears() {
        Portrait portrait = Events.portraitOf(Events.everyKindOfFact().toArray(HouseholdEvent[]::new));
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int day = 0; day < 730; day += 3) {
            Instant now = start.plus(Duration.ofDays(day)).plusSeconds(day * 137L);

            assertThat(MODEL.assess(portrait, now).nextChangeAt())
                    .as("day %s", day)
                    .isEqualTo(searched(portrait, now));
        }
    }

    @Test
    void randomPortraitsOfTheModelsFactsHaveTheSearchedNextChange() {
        List<HouseholdEvent> kinds = Events.everyKindOfFact();
        Random random = new Random(20261207);
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        int told = 0;
        int compared = 0;
        for (int p = 0; p < 300; p++) {
            List<HouseholdEvent> events = new ArrayList<>();
            events.add(kinds.get(0));
            int facts = 1 + random.nextInt(40);
            for (int f = 0; f < facts; f++) {
                HouseholdEvent template = kinds.get(1 + random.nextInt(kinds.size() - 1));
                events.add(Events.reIded(
                        template,
                        "p" + p + "-f" + f,
                        "d" + p + "-f" + f,
                        start.plus(Duration.ofMinutes(random.nextInt(3 * 365 * 24 * 60)))));
            }
            Portrait portrait = Portraits.empty(Events.HOUSEHOLD);
            for (HouseholdEvent event : events) {
                portrait = Portraits.apply(portrait, event);
            }
            for (int n = 0; n < 5; n++) {
                Instant now = start.plus(Duration.ofMinutes(random.nextInt(4 * 365 * 24 * 60)));
                Evaluator.Outcome first = MODEL.evaluator().evaluate(portrait, now);
                if (!first.candidates().isEmpty()
                        && first.certain().contains(first.candidates().first())) {
                    told++;
                }
                compared++;

                assertThat(MODEL.assess(portrait, now).nextChangeAt())
                        .as("portrait %s at %s", p, now)
                        .isEqualTo(searched(portrait, now));
            }
        }
        assertThat(told).as("told from one evaluation, of %s", compared).isPositive();
    }
}
