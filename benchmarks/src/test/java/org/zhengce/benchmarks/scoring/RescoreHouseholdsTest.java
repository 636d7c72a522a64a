package org.zhengce.benchmarks.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.zhengce.events.EconomicCheckDone;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.HouseholdRegistered;
import org.zhengce.scoring.model.ScoringModel;
import org.zhengce.scoring.portrait.Portrait;
import org.zhengce.scoring.portrait.Portraits;

/**
 * The re-score benchmark's households are valid for the topology (nothing it measures is a dead letter) and the
 * model it switches to changes every household's score.
 */
class RescoreHouseholdsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T02:00:00Z");
    private static final int HOUSEHOLDS = 2_000;
    private static final List<HouseholdEvent> EVENTS = RescoreHouseholds.generate(11L, HOUSEHOLDS, NOW);

    @Test
    void sameSeedGivesTheSameHouseholds() {
        assertThat(RescoreHouseholds.generate(11L, HOUSEHOLDS, NOW)).isEqualTo(EVENTS);
        assertThat(RescoreHouseholds.generate(12L, 10, NOW)).isNotEqualTo(EVENTS.subList(0, 20));
    }

    @Test
    void everyKeyIsTheEventsSubjectAndEveryEventAHouseholdFact() {
        assertThat(EVENTS).hasSize(2 * HOUSEHOLDS);
        for (HouseholdEvent event : EVENTS) {
            assertThat(event.getSubject()).isInstanceOf(HouseholdNumber.class);
            assertThat(new String(RescoreHouseholds.key(event), StandardCharsets.UTF_8))
                    .isEqualTo(((HouseholdNumber) event.getSubject()).getValue());
            assertThat(Portraits.isHouseholdFact(event)).isTrue();
            assertThat(event.getFact()).isNotNull();
        }
        assertThat(EVENTS.stream().map(HouseholdEvent::getPlatformEventId).distinct())
                .hasSize(EVENTS.size());
    }

    @Test
    void eachHouseholdIsRegisteredWithOneToFiveMembersBeforeItsEconomicCheck() {
        Map<String, Integer> members = new HashMap<>();
        Set<String> checked = new HashSet<>();
        Set<String> persons = new HashSet<>();
        for (HouseholdEvent event : EVENTS) {
            String household = ((HouseholdNumber) event.getSubject()).getValue();
            if (event.getFact() instanceof HouseholdRegistered registered) {
                assertThat(members).doesNotContainKey(household);
                members.put(household, registered.getMembers().size());
                registered
                        .getMembers()
                        .forEach(m -> assertThat(persons.add(m.getPerson().getValue()))
                                .as("a person in one household only")
                                .isTrue());
            } else {
                assertThat(event.getFact()).isInstanceOf(EconomicCheckDone.class);
                assertThat(members).as("registered before its check").containsKey(household);
                assertThat(checked.add(household)).isTrue();
                EconomicCheckDone check = (EconomicCheckDone) event.getFact();
                assertThat(check.getMonthlyIncomePerHeadFen()).isLessThan(RescoreHouseholds.DIBAO_LINE_FEN);
                assertThat(check.getAssetsAboveLimit()).isFalse();
            }
        }
        assertThat(members).hasSize(HOUSEHOLDS);
        assertThat(members.values()).allSatisfy(size -> assertThat(size).isBetween(1, 5));
        assertThat(members.values()).contains(1, 2, 3, 4, 5);
        assertThat(checked).hasSize(HOUSEHOLDS);
    }

    @Test
    void everySwitchChangesEveryHouseholdsScore() {
        ScoringModel before = ScoringModel.defaultModel();
        List<ScoringModel> switched = List.of(
                ScoringModel.fromYaml(RescoreModels.yaml(RescoreModels.version("t", 1), 1)),
                ScoringModel.fromYaml(RescoreModels.yaml(RescoreModels.version("t", 2), 2)),
                ScoringModel.fromYaml(RescoreModels.yaml(RescoreModels.version("t", 3), 3)));
        assertThat(switched)
                .extracting(ScoringModel::version)
                .doesNotHaveDuplicates()
                .doesNotContain(before.version());
        Map<String, Portrait> portraits = new HashMap<>();
        for (HouseholdEvent event : EVENTS) {
            String household = ((HouseholdNumber) event.getSubject()).getValue();
            portraits.put(
                    household, Portraits.apply(portraits.getOrDefault(household, Portraits.empty(household)), event));
        }
        Instant scoredAt = NOW.plusSeconds(3_600);
        for (Portrait portrait : portraits.values()) {
            int total = before.assess(portrait, scoredAt).total();
            for (ScoringModel model : switched) {
                int next = model.assess(portrait, scoredAt).total();
                assertThat(next).as("total under %s", model.version()).isGreaterThan(total);
                total = next;
            }
        }
    }
}
