package org.zhengce.referral.cases;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.CaseAssigned;
import org.zhengce.events.CaseEscalated;
import org.zhengce.events.CaseEvent;
import org.zhengce.events.CaseOpened;
import org.zhengce.events.CaseSource;
import org.zhengce.events.EscalationReason;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.referral.cases.CaseChange.OwnedBySupervisor;
import org.zhengce.referral.cases.CaseChange.UrgencyRaised;

/** The {@code case.events} record of a published change. */
final class CaseEvents {

    private CaseEvents() {}

    /** A name-based UUID of (case, version): the same change always has the same event id. */
    static UUID eventId(UUID caseId, int version) {
        return UUID.nameUUIDFromBytes(("case.events:" + caseId + ":" + version).getBytes(StandardCharsets.UTF_8));
    }

    /** The event of {@code change}, given the case after it; empty for changes that are not published. */
    static Optional<CaseEvent> of(CaseChange change, CaseState after, @Nullable String actor) {
        Object fact;
        if (change instanceof CaseChange.CaseOpened opened) {
            fact = CaseOpened.newBuilder()
                    .setSource(CaseSource.WARNING)
                    .setWarningId(opened.warningId())
                    .setCategory(opened.category())
                    .setLevel(opened.level())
                    .setDueAt(opened.visitDueAt())
                    .build();
        } else if (change instanceof CaseChange.CaseAssigned assigned) {
            fact = CaseAssigned.newBuilder()
                    .setAdvisorId(assigned.advisorId())
                    .setPreviousAdvisorId(assigned.previousOwnerId())
                    .setDueAt(after.visitDueAt())
                    .build();
        } else if (change instanceof UrgencyRaised) {
            fact = CaseEscalated.newBuilder()
                    .setReason(EscalationReason.WARNING_ESCALATED)
                    .setEscalatedTo(after.ownerId())
                    .build();
        } else if (change instanceof OwnedBySupervisor owned) {
            // No NO_ADVISOR symbol in EscalationReason: BEYOND_COMPETENCE ("needs a decision above the advisor")
            // is the closest; escalatedTo names the supervisor who now owns the case.
            fact = CaseEscalated.newBuilder()
                    .setReason(EscalationReason.BEYOND_COMPETENCE)
                    .setEscalatedTo(owned.supervisorId())
                    .build();
        } else {
            return Optional.empty();
        }
        return Optional.of(CaseEvent.newBuilder()
                .setEventId(eventId(after.id(), after.version()).toString())
                .setCaseId(after.id().toString())
                .setHousehold(new HouseholdNumber(after.householdNumber()))
                .setCommunityCode(after.communityCode())
                .setOccurredAt(change.at())
                .setUrgency(after.urgency())
                .setActor(actor)
                .setFact(fact)
                .build());
    }
}
