package org.zhengce.scoring.streams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.HouseholdWarningEvent;
import org.zhengce.events.WarningCleared;
import org.zhengce.events.WarningEscalated;
import org.zhengce.events.WarningRaised;
import org.zhengce.events.WarningReason;
import org.zhengce.scoring.model.Assessment;
import org.zhengce.scoring.model.Contribution;
import org.zhengce.scoring.warnings.WarningDecision;
import org.zhengce.scoring.warnings.WarningIds;

/**
 * The {@link HouseholdWarningEvent} a warning decision publishes, if any: raised, escalated and cleared, with the
 * assessment's reasons and deterministic event ids; de-escalated and unchanged publish nothing (the warning events
 * have no de-escalation).
 */
final class WarningEvents implements WarningDecision.Visitor<Optional<HouseholdWarningEvent>> {

    private final String household;
    private final @Nullable String community;
    private final Instant now;
    private final Assessment assessment;
    private final @Nullable String triggeringEventId;

    /**
     * The events of {@code household}'s assessment at {@code now}, made on {@code triggeringEventId} (null when a
     * punctuation re-scored it).
     */
    WarningEvents(
            String household,
            @Nullable String community,
            Instant now,
            Assessment assessment,
            @Nullable String triggeringEventId) {
        this.household = household;
        this.community = community;
        this.now = now;
        this.assessment = assessment;
        this.triggeringEventId = triggeringEventId;
    }

    @Override
    public Optional<HouseholdWarningEvent> raised(WarningDecision.Raised raised) {
        return Optional.of(event(
                raised.warningId(),
                "raised",
                WarningRaised.newBuilder()
                        .setCategory(raised.category())
                        .setLevel(raised.level())
                        .setTotal(raised.total())
                        .setThreshold(raised.threshold())
                        .setReasons(reasons())
                        .build()));
    }

    @Override
    public Optional<HouseholdWarningEvent> escalated(WarningDecision.Escalated escalated) {
        return Optional.of(event(
                escalated.warningId(),
                "escalated",
                WarningEscalated.newBuilder()
                        .setCategory(escalated.category())
                        .setPreviousLevel(escalated.previousLevel())
                        .setLevel(escalated.level())
                        .setTotal(escalated.total())
                        .setReasons(reasons())
                        .build()));
    }

    @Override
    public Optional<HouseholdWarningEvent> deescalated(WarningDecision.Deescalated deescalated) {
        return Optional.empty();
    }

    @Override
    public Optional<HouseholdWarningEvent> cleared(WarningDecision.Cleared cleared) {
        return Optional.of(event(
                cleared.warningId(),
                "cleared",
                WarningCleared.newBuilder()
                        .setReason(cleared.reason())
                        .setTotal(cleared.total())
                        .build()));
    }

    @Override
    public Optional<HouseholdWarningEvent> unchanged(WarningDecision.Unchanged unchanged) {
        return Optional.empty();
    }

    private HouseholdWarningEvent event(String warningId, String kind, Object fact) {
        return HouseholdWarningEvent.newBuilder()
                // two records scored in the same millisecond (the stream's cached clock) must not share an id: the
                // triggering event and the fact (Avro's JSON text) are part of it; a replay gives the same inputs
                .setEventId(WarningIds.of(
                        household,
                        kind + "|" + warningId + "|" + triggeringEventId + "|" + fact,
                        now,
                        assessment.modelVersion()))
                .setWarningId(warningId)
                .setHousehold(new HouseholdNumber(household))
                .setCommunityCode(community)
                .setOccurredAt(now)
                .setModelVersion(assessment.modelVersion())
                .setFact(fact)
                .build();
    }

    /** Every contribution that gave points: they add up to the total. */
    private List<WarningReason> reasons() {
        List<WarningReason> reasons = new ArrayList<>();
        for (Contribution c : assessment.contributions()) {
            if (c.points() != 0) {
                reasons.add(WarningReason.newBuilder()
                        .setDepartment(c.department())
                        .setEventId(c.eventId())
                        .setEventType(c.eventType())
                        .setOccurredAt(c.occurredAt())
                        .setDimension(c.dimension())
                        .setPoints(c.points())
                        .setRule(c.rule())
                        .build());
            }
        }
        return reasons;
    }
}
