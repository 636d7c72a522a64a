package org.zhengce.referral.complaints;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.ComplaintCategory;
import org.zhengce.events.ComplaintOutcome;
import org.zhengce.events.ComplaintSubject;

/**
 * A complaint as its complainant and handlers see it (no one else sees it).
 *
 * @param ownerId the handler who owns it
 * @param handlers the owner and the handlers above, in escalation order
 * @param escalatedTo the highest handler alerted after a missed deadline; null while none was missed
 */
record ComplaintView(
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
        String ownerId,
        List<String> handlers,
        @Nullable String escalatedTo,
        ComplaintStatus status,
        List<ComplaintStep> allowedSteps,
        Instant filedAt,
        Instant acknowledgeBy,
        Instant resolveBy,
        @Nullable Instant acknowledgedAt,
        @Nullable Instant resolvedAt,
        @Nullable ComplaintOutcome outcome,
        @Nullable String outcomeNote) {

    static ComplaintView of(Complaint complaint) {
        return new ComplaintView(
                complaint.id(),
                complaint.caseId(),
                complaint.communityCode(),
                complaint.category(),
                complaint.subject(),
                complaint.decisionId(),
                complaint.personId(),
                complaint.complainantId(),
                complaint.onBehalfOfHousehold(),
                complaint.description(),
                complaint.ownerId(),
                complaint.handlers(),
                complaint.handlerLevel() == 0 ? null : complaint.handlers().get(complaint.handlerLevel()),
                complaint.status(),
                complaint.status().allowed(),
                complaint.filedAt(),
                complaint.acknowledgeBy(),
                complaint.resolveBy(),
                complaint.acknowledgedAt(),
                complaint.resolvedAt(),
                complaint.outcome(),
                complaint.outcomeNote());
    }
}
