package org.zhengce.referral.complaints;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.ComplaintCategory;
import org.zhengce.events.ComplaintDeadline;
import org.zhengce.events.ComplaintOutcome;
import org.zhengce.events.ComplaintSubject;

/**
 * A complaint as the decisions see it.
 *
 * @param communityCode the case's community when it was filed: where it is counted
 * @param handlers the owner first, then each handler above, in escalation order; never the person complained about
 * @param handlerLevel the index in {@code handlers} of the highest handler alerted so far (0: the owner)
 * @param version how many events it published; the next one's id derives from it
 */
public record Complaint(
        UUID id,
        UUID caseId,
        String communityCode,
        ComplaintCategory category,
        ComplaintSubject subject,
        @Nullable String decisionId,
        @Nullable String personId,
        String complainantId,
        boolean onBehalfOfHousehold,
        String description,
        List<String> handlers,
        int handlerLevel,
        ComplaintStatus status,
        Instant filedAt,
        Instant acknowledgeBy,
        Instant resolveBy,
        @Nullable Instant acknowledgedAt,
        @Nullable String acknowledgedBy,
        @Nullable Instant resolvedAt,
        @Nullable String resolvedBy,
        @Nullable ComplaintOutcome outcome,
        @Nullable String outcomeNote,
        @Nullable Instant acknowledgementEscalatedAt,
        @Nullable Instant resolutionEscalatedAt,
        int version) {

    public Complaint {
        handlers = List.copyOf(handlers);
    }

    /** Who owns it: the first handler. */
    public String ownerId() {
        return handlers.get(0);
    }

    /** True for its owner and every handler above the owner. */
    public boolean isHandler(String userId) {
        return handlers.contains(userId);
    }

    /** True for who may see it: its complainant and its handlers, never the person complained about. */
    public boolean isVisibleTo(String userId) {
        return !userId.equals(personId) && (userId.equals(complainantId) || isHandler(userId));
    }

    /** The complaint after {@code change}, one more event published. */
    Complaint evolve(ComplaintChange change) {
        Complaint next = this;
        if (change instanceof ComplaintChange.Acknowledged acknowledged) {
            next = with(
                    ComplaintStatus.ACKNOWLEDGED,
                    acknowledged.at(),
                    acknowledged.by(),
                    resolvedAt,
                    resolvedBy,
                    outcome,
                    outcomeNote,
                    handlerLevel,
                    acknowledgementEscalatedAt,
                    resolutionEscalatedAt);
        } else if (change instanceof ComplaintChange.Resolved resolved) {
            next = with(
                    ComplaintStatus.RESOLVED,
                    acknowledgedAt,
                    acknowledgedBy,
                    resolved.at(),
                    resolved.by(),
                    resolved.outcome(),
                    resolved.note(),
                    handlerLevel,
                    acknowledgementEscalatedAt,
                    resolutionEscalatedAt);
        } else if (change instanceof ComplaintChange.Escalated escalated) {
            boolean acknowledgement = escalated.missed() == ComplaintDeadline.ACKNOWLEDGEMENT;
            next = with(
                    status,
                    acknowledgedAt,
                    acknowledgedBy,
                    resolvedAt,
                    resolvedBy,
                    outcome,
                    outcomeNote,
                    escalated.level(),
                    acknowledgement ? escalated.at() : acknowledgementEscalatedAt,
                    acknowledgement ? resolutionEscalatedAt : escalated.at());
        }
        return next;
    }

    private Complaint with(
            ComplaintStatus status,
            @Nullable Instant acknowledgedAt,
            @Nullable String acknowledgedBy,
            @Nullable Instant resolvedAt,
            @Nullable String resolvedBy,
            @Nullable ComplaintOutcome outcome,
            @Nullable String outcomeNote,
            int handlerLevel,
            @Nullable Instant acknowledgementEscalatedAt,
            @Nullable Instant resolutionEscalatedAt) {
        return new Complaint(
                id,
                caseId,
                communityCode,
                category,
                subject,
                decisionId,
                personId,
                complainantId,
                onBehalfOfHousehold,
                description,
                handlers,
                handlerLevel,
                status,
                filedAt,
                acknowledgeBy,
                resolveBy,
                acknowledgedAt,
                acknowledgedBy,
                resolvedAt,
                resolvedBy,
                outcome,
                outcomeNote,
                acknowledgementEscalatedAt,
                resolutionEscalatedAt,
                version + 1);
    }
}
