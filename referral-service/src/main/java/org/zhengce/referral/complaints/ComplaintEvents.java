package org.zhengce.referral.complaints;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.CaseEvent;
import org.zhengce.events.ComplaintAcknowledged;
import org.zhengce.events.ComplaintEscalated;
import org.zhengce.events.ComplaintFiled;
import org.zhengce.events.ComplaintResolved;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.referral.cases.CaseState;

/**
 * The {@code case.events} records of a complaint (ADR 0030): in the case's envelope (its id as the key, its household,
 * community and urgency), so a complaint's events are ordered with its case's; their ids are name-based UUIDs of
 * (complaint, version), so the same change always has the same id.
 */
final class ComplaintEvents {

    private ComplaintEvents() {}

    static UUID eventId(UUID complaintId, int version) {
        return UUID.nameUUIDFromBytes(
                ("case.events:complaint:" + complaintId + ":" + version).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code ComplaintFiled} of a complaint just filed (its version 1). */
    static CaseEvent filed(Complaint complaint, CaseState caseState) {
        return envelope(
                complaint,
                caseState,
                complaint.complainantId(),
                complaint.filedAt(),
                ComplaintFiled.newBuilder()
                        .setComplaintId(complaint.id().toString())
                        .setCategory(complaint.category())
                        .setSubject(complaint.subject())
                        .setDecisionId(complaint.decisionId())
                        .setPersonId(complaint.personId())
                        .setComplainantId(complaint.complainantId())
                        .setOnBehalfOfHousehold(complaint.onBehalfOfHousehold())
                        .setOwnerId(complaint.ownerId())
                        .setAcknowledgementDueAt(complaint.acknowledgeBy())
                        .setResolutionDueAt(complaint.resolveBy())
                        .build());
    }

    /** The event of {@code change}, given the complaint after it. */
    static CaseEvent of(ComplaintChange change, Complaint after, CaseState caseState) {
        String complaintId = after.id().toString();
        if (change instanceof ComplaintChange.Acknowledged acknowledged) {
            return envelope(
                    after,
                    caseState,
                    acknowledged.by(),
                    change.at(),
                    ComplaintAcknowledged.newBuilder()
                            .setComplaintId(complaintId)
                            .setResolutionDueAt(after.resolveBy())
                            .build());
        }
        if (change instanceof ComplaintChange.Resolved resolved) {
            return envelope(
                    after,
                    caseState,
                    resolved.by(),
                    change.at(),
                    ComplaintResolved.newBuilder()
                            .setComplaintId(complaintId)
                            .setOutcome(resolved.outcome())
                            .setComplainantId(after.complainantId())
                            .setNote(resolved.note())
                            .build());
        }
        ComplaintChange.Escalated escalated = (ComplaintChange.Escalated) change;
        return envelope(
                after,
                caseState,
                null,
                change.at(),
                ComplaintEscalated.newBuilder()
                        .setComplaintId(complaintId)
                        .setMissed(escalated.missed())
                        .setEscalatedTo(escalated.to())
                        .build());
    }

    private static CaseEvent envelope(
            Complaint complaint, CaseState caseState, @Nullable String actor, Instant at, Object fact) {
        return CaseEvent.newBuilder()
                .setEventId(eventId(complaint.id(), complaint.version()).toString())
                .setCaseId(complaint.caseId().toString())
                .setHousehold(new HouseholdNumber(caseState.household().number()))
                .setCommunityCode(caseState.household().communityCode())
                .setOccurredAt(at)
                .setUrgency(caseState.warning().urgency())
                .setActor(actor)
                .setFact(fact)
                .build();
    }
}
