package org.zhengce.scoring.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.zhengce.events.HouseholdWarningEvent;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningClearReason;
import org.zhengce.events.WarningCleared;
import org.zhengce.events.WarningEscalated;
import org.zhengce.events.WarningLevel;
import org.zhengce.events.WarningRaised;
import org.zhengce.scoring.model.Assessment;
import org.zhengce.scoring.model.ScoringModel;
import org.zhengce.scoring.portrait.Portraits;
import org.zhengce.scoring.warnings.WarningDecision;

/** What each warning decision publishes on {@code household.warnings}: the wire shape of raised, escalated, cleared. */
class WarningEventsTest {

    private static final Instant RAISED_AT = Instant.parse("2026-11-20T02:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-01T02:00:00Z");
    private static final Assessment ASSESSMENT = ScoringModel.defaultModel().assess(Portraits.empty("H1"), NOW);
    private final WarningEvents events = new WarningEvents("H1", "110105001001", NOW, ASSESSMENT, "event-1");

    @Test
    void raisedIsPublishedWithItsLineAndADeterministicEventId() {
        HouseholdWarningEvent event = raised().accept(events).orElseThrow();

        assertThat(event.getEventId())
                .isEqualTo(raised().accept(events).orElseThrow().getEventId())
                .isEqualTo(raised().accept(new WarningEvents("H1", "110105001001", NOW, ASSESSMENT, "event-1"))
                        .orElseThrow()
                        .getEventId());
        assertThat(event.getWarningId()).isEqualTo("warning-1");
        assertThat(event.getHousehold().getValue()).isEqualTo("H1");
        assertThat(event.getCommunityCode()).isEqualTo("110105001001");
        assertThat(event.getOccurredAt()).isEqualTo(NOW);
        assertThat(event.getModelVersion()).isEqualTo("wuchang-2026.1");
        WarningRaised raised = (WarningRaised) event.getFact();
        assertThat(raised.getCategory()).isEqualTo(WarningCategory.ASSISTANCE_MISSING);
        assertThat(raised.getLevel()).isEqualTo(WarningLevel.BLUE);
        assertThat(raised.getTotal()).isEqualTo(31);
        assertThat(raised.getThreshold()).isEqualTo(30);
    }

    @Test
    void escalatedIsPublishedWithThePreviousLevel() {
        HouseholdWarningEvent event = new WarningDecision.Escalated(
                        "warning-1",
                        RAISED_AT,
                        WarningCategory.ASSISTANCE_MISSING,
                        WarningCategory.ASSISTANCE_INSUFFICIENT,
                        WarningLevel.BLUE,
                        WarningLevel.YELLOW,
                        46)
                .accept(events)
                .orElseThrow();

        WarningEscalated escalated = (WarningEscalated) event.getFact();
        assertThat(escalated.getCategory()).isEqualTo(WarningCategory.ASSISTANCE_INSUFFICIENT);
        assertThat(escalated.getPreviousLevel()).isEqualTo(WarningLevel.BLUE);
        assertThat(escalated.getLevel()).isEqualTo(WarningLevel.YELLOW);
        assertThat(escalated.getTotal()).isEqualTo(46);
    }

    @Test
    void clearedIsPublishedWithItsReason() {
        HouseholdWarningEvent event = new WarningDecision.Cleared(
                        "warning-1", WarningClearReason.ASSISTANCE_GRANTED, 12)
                .accept(events)
                .orElseThrow();

        WarningCleared cleared = (WarningCleared) event.getFact();
        assertThat(cleared.getReason()).isEqualTo(WarningClearReason.ASSISTANCE_GRANTED);
        assertThat(cleared.getTotal()).isEqualTo(12);
    }

    @Test
    void deescalatedAndUnchangedPublishNothing() {
        assertThat(new WarningDecision.Deescalated(
                                "warning-1",
                                RAISED_AT,
                                WarningCategory.ASSISTANCE_MISSING,
                                WarningLevel.ORANGE,
                                WarningLevel.BLUE,
                                35)
                        .accept(events))
                .isEmpty();
        assertThat(new WarningDecision.Unchanged().accept(events)).isEmpty();
    }

    /**
     * The fault suite's finding: two records of one household scored in the same millisecond (the stream's cached
     * clock) escalated its warning twice, and both events had one id, so referral kept only the first.
     */
    @Test
    void twoEventsOfOneWarningInTheSameMillisecondHaveTheirOwnIds() {
        HouseholdWarningEvent first = escalated(WarningLevel.BLUE, WarningLevel.YELLOW, 46)
                .accept(events)
                .orElseThrow();
        HouseholdWarningEvent second = escalated(WarningLevel.YELLOW, WarningLevel.ORANGE, 61)
                .accept(new WarningEvents("H1", "110105001001", NOW, ASSESSMENT, "event-2"))
                .orElseThrow();
        HouseholdWarningEvent sameFactOtherRecord = escalated(WarningLevel.BLUE, WarningLevel.YELLOW, 46)
                .accept(new WarningEvents("H1", "110105001001", NOW, ASSESSMENT, "event-2"))
                .orElseThrow();

        assertThat(first.getOccurredAt()).isEqualTo(second.getOccurredAt());
        assertThat(first.getEventId()).isNotEqualTo(second.getEventId()).isNotEqualTo(sameFactOtherRecord.getEventId());
    }

    private static WarningDecision.Raised raised() {
        return new WarningDecision.Raised(
                "warning-1", WarningCategory.ASSISTANCE_MISSING, WarningLevel.BLUE, 31, 30, NOW);
    }

    private static WarningDecision.Escalated escalated(WarningLevel from, WarningLevel to, int total) {
        return new WarningDecision.Escalated(
                "warning-1",
                RAISED_AT,
                WarningCategory.ASSISTANCE_MISSING,
                WarningCategory.ASSISTANCE_INSUFFICIENT,
                from,
                to,
                total);
    }
}
