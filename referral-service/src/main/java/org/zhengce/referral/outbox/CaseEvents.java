package org.zhengce.referral.outbox;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.CaseAssigned;
import org.zhengce.events.CaseClosed;
import org.zhengce.events.CaseDismissed;
import org.zhengce.events.CaseEscalated;
import org.zhengce.events.CaseEvent;
import org.zhengce.events.CaseOpened;
import org.zhengce.events.CaseReferred;
import org.zhengce.events.CaseReopened;
import org.zhengce.events.CaseSource;
import org.zhengce.events.CaseVerified;
import org.zhengce.events.CaseVisited;
import org.zhengce.events.EscalationReason;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.Programme;
import org.zhengce.events.ReferralTier;
import org.zhengce.referral.cases.CaseChange;
import org.zhengce.referral.cases.CaseChange.OwnedBySupervisor;
import org.zhengce.referral.cases.CaseChange.UrgencyRaised;
import org.zhengce.referral.cases.CaseState;
import org.zhengce.referral.cases.DueStep;
import org.zhengce.referral.visits.Need;

/** The {@code case.events} record of a published change. */
public final class CaseEvents {

    private CaseEvents() {}

    /** A name-based UUID of (case, version): the same change always has the same event id. */
    public static UUID eventId(UUID caseId, int version) {
        return UUID.nameUUIDFromBytes(("case.events:" + caseId + ":" + version).getBytes(StandardCharsets.UTF_8));
    }

    private static java.util.List<String> items(java.util.List<Need> needs) {
        return needs.stream().map(Need::item).toList();
    }

    /** The event of {@code change}, given the case after it; empty for changes that are not published. */
    public static Optional<CaseEvent> of(CaseChange change, CaseState after, @Nullable String actor) {
        Object fact;
        if (change instanceof CaseChange.CaseOpened opened) {
            fact = CaseOpened.newBuilder()
                    .setSource(opened.source())
                    // a tip-opened case follows no warning: its tip is named on the timeline instead
                    .setWarningId(opened.source() == CaseSource.WARNING ? opened.warningId() : null)
                    .setCategory(opened.category())
                    .setLevel(opened.level())
                    .setDueAt(opened.visitDueAt())
                    .build();
        } else if (change instanceof CaseChange.CaseAssigned assigned) {
            fact = CaseAssigned.newBuilder()
                    .setAdvisorId(assigned.advisorId())
                    .setPreviousAdvisorId(assigned.previousOwnerId())
                    .setDueAt(after.due().step() == DueStep.VISIT ? after.due().at() : null)
                    .build();
        } else if (change instanceof UrgencyRaised) {
            fact = CaseEscalated.newBuilder()
                    .setReason(EscalationReason.WARNING_ESCALATED)
                    .setEscalatedTo(after.assignment().ownerId())
                    .build();
        } else if (change instanceof OwnedBySupervisor owned) {
            // No NO_ADVISOR symbol in EscalationReason: BEYOND_COMPETENCE ("needs a decision above the advisor")
            // is the closest; escalatedTo names the supervisor who now owns the case.
            fact = CaseEscalated.newBuilder()
                    .setReason(EscalationReason.BEYOND_COMPETENCE)
                    .setEscalatedTo(owned.supervisorId())
                    .build();
        } else if (change instanceof CaseChange.Visited visited) {
            fact = CaseVisited.newBuilder()
                    .setNeeds(items(visited.needs()))
                    .setNote(visited.findings())
                    .build();
        } else if (change instanceof CaseChange.Verified verified) {
            fact = CaseVerified.newBuilder()
                    .setNeeds(items(verified.needs()))
                    .setAssistedFirst(verified.assistedFirst())
                    .setNote(verified.note())
                    .build();
        } else if (change instanceof CaseChange.Dismissed dismissed) {
            fact = CaseDismissed.newBuilder()
                    .setReason(dismissed.reason())
                    .setNote(dismissed.note())
                    .build();
        } else if (change instanceof CaseChange.AssistedFirst assisted) {
            // 先行救助 is temporary assistance given at once: a comprehensive-service referral to it, before the
            // verification (CaseVerified.assistedFirst says so afterwards)
            fact = CaseReferred.newBuilder()
                    .setTier(ReferralTier.COMPREHENSIVE_SERVICE)
                    .setProgramme(Programme.TEMPORARY_ASSISTANCE)
                    .setNote("先行救助 assist first: " + assisted.measures())
                    .build();
        } else if (change instanceof CaseChange.Referred referred) {
            fact = CaseReferred.newBuilder()
                    .setTier(referred.tier())
                    .setProgramme(referred.programme())
                    .setOrganisationId(referred.organisationId())
                    .setOrganisationName(referred.organisationName())
                    .setReviewIntervalDays(referred.reviewIntervalDays())
                    .setNote(referred.note())
                    .build();
        } else if (change instanceof CaseChange.Closed closed) {
            fact = CaseClosed.newBuilder()
                    .setOutcome(closed.outcome())
                    .setNote(closed.note())
                    .build();
        } else if (change instanceof CaseChange.Reopened reopened) {
            fact = CaseReopened.newBuilder()
                    .setWarningId(reopened.warningId())
                    .setReason(reopened.reason())
                    .setOwnerId(after.assignment().ownerId())
                    .setDueAt(after.due().step() == DueStep.VISIT ? after.due().at() : null)
                    .build();
        } else if (change instanceof CaseChange.DeadlineMissed missed) {
            fact = CaseEscalated.newBuilder()
                    .setReason(EscalationReason.DEADLINE_MISSED)
                    .setEscalatedTo(missed.supervisorId())
                    .build();
        } else {
            return Optional.empty();
        }
        return Optional.of(CaseEvent.newBuilder()
                .setEventId(eventId(after.id(), after.version()).toString())
                .setCaseId(after.id().toString())
                .setHousehold(new HouseholdNumber(after.household().number()))
                .setCommunityCode(after.household().communityCode())
                .setOccurredAt(change.at())
                .setUrgency(after.warning().urgency())
                .setActor(actor)
                .setFact(fact)
                .build());
    }
}
