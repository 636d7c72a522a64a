package org.zhengce.democity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.scoring.model.Assessment;
import org.zhengce.scoring.model.ScoringModel;
import org.zhengce.scoring.portrait.Portrait;
import org.zhengce.scoring.portrait.Portraits;

/** The stories scored by scoring's own portrait and model (wuchang-2026.1), as the topology would score them. */
class StoriesTest {

    private static final Instant AT = Instant.parse("2026-12-01T16:00:00Z");
    private static final ScoringModel MODEL = ScoringModel.defaultModel();
    private static final DemoCity CITY =
            DemoCity.builder().seed(20261201L).households(300).build();

    @Test
    void everyStoryIsBelowTheLineBeforeItsTriggerAndWarnsAsExpectedAfter() {
        List<Story> stories = CITY.stories(AT, "d20261201");
        assertThat(stories).hasSize(4);
        for (Story story : stories) {
            HouseholdEvents pseudonyms = new HouseholdEvents();
            Portrait portrait = Portraits.empty(story.household().number());
            for (DepartmentEvent event : story.baseline()) {
                portrait = Portraits.apply(portrait, pseudonyms.of(event));
            }
            Assessment before = MODEL.assess(portrait, AT.plus(Duration.ofMinutes(1)));
            assertThat(before.warned())
                    .as(story.title() + " before, total " + before.total())
                    .isFalse();

            for (DepartmentEvent event : story.trigger()) {
                portrait = Portraits.apply(portrait, pseudonyms.of(event));
            }
            Assessment after = MODEL.assess(portrait, AT.plus(Duration.ofMinutes(1)));
            assertThat(after.category())
                    .as(story.title() + " after, total " + after.total())
                    .isEqualTo(story.expected());
            // the warning gives the trigger's facts among its reasons
            List<String> triggerTypes = story.trigger().stream()
                    .map(e -> e.getFact().getClass().getSimpleName())
                    .toList();
            assertThat(after.contributions())
                    .as(story.title() + " reasons")
                    .anySatisfy(reason -> assertThat(triggerTypes).contains(reason.eventType()));
        }
    }

    @Test
    void fewOfTheCitysOwnHouseholdsAreWarnedByTheirStandingRecordsAlone() {
        Instant asOf = AT;
        HouseholdEvents pseudonyms = new HouseholdEvents();
        int warned = 0;
        int households = 2_000;
        DemoCity city = DemoCity.builder().seed(5).households(households).build();
        for (int i = 0; i < households; i++) {
            Household h = city.household(i);
            Portrait portrait = Portraits.empty(h.number());
            portrait = Portraits.apply(portrait, pseudonyms.of(Baseline.registration(city.seed(), h, "d", asOf)));
            for (DepartmentEvent event : Baseline.records(city.seed(), h, "d", asOf)) {
                HouseholdEvent published = pseudonyms.of(event);
                portrait = Portraits.apply(portrait, published);
            }
            warned += MODEL.assess(portrait, asOf).warned() ? 1 : 0;
        }
        // an advisor team can visit what the start-up warns: a few in a hundred households, not a tenth of the city
        assertThat((double) warned / households).as("share warned at start-up").isBetween(0.005, 0.08);
    }
}
