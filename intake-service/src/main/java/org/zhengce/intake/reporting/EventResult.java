package org.zhengce.intake.reporting;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.zhengce.intake.pipeline.Outcome;
import org.zhengce.intake.validation.Violation;

/**
 * The answer for one event: one per NDJSON line, per CSV row, or the body of a single event's answer.
 *
 * @param line the NDJSON line or CSV row number, when the event came in one
 * @param status accepted, duplicate, rejected, conflict or pending
 * @param platformEventId the platform's id of an accepted (or duplicate, or pending) event: the same on every re-send
 * @param rejectionId the kept rejection, to look at or replay
 * @param acceptedDigest for a conflict: the SHA-256 of the event accepted first; {@code presentedDigest} of this one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventResult(
        @Nullable Long line,
        @Nullable String eventId,
        String status,
        @Nullable UUID platformEventId,
        @Nullable Instant acceptedAt,
        @Nullable UUID rejectionId,
        @Nullable List<ViolationView> violations,
        @Nullable String acceptedDigest,
        @Nullable String presentedDigest) {

    /** One error, as departments read it. */
    public record ViolationView(
            String fieldPath, String rule, @Nullable String offendingValue) {
        static ViolationView of(Violation v) {
            return new ViolationView(v.fieldPath(), v.ruleCode(), v.offendingValue());
        }
    }

    /** The result for {@code outcome}, with the line or row it came from. */
    public static EventResult of(@Nullable Long line, Outcome outcome) {
        if (outcome instanceof Outcome.Accepted a) {
            return new EventResult(
                    line, a.eventId(), a.status(), a.platformEventId(), a.acceptedAt(), null, null, null, null);
        }
        if (outcome instanceof Outcome.Duplicate d) {
            return new EventResult(
                    line, d.eventId(), d.status(), d.platformEventId(), d.acceptedAt(), null, null, null, null);
        }
        if (outcome instanceof Outcome.Pending p) {
            return new EventResult(line, p.eventId(), p.status(), p.platformEventId(), null, null, null, null, null);
        }
        if (outcome instanceof Outcome.Unavailable u) {
            return new EventResult(line, u.eventId(), u.status(), null, null, null, null, null, null);
        }
        if (outcome instanceof Outcome.Conflict c) {
            return new EventResult(
                    line,
                    c.eventId(),
                    c.status(),
                    null,
                    null,
                    c.rejectionId(),
                    null,
                    c.acceptedDigest(),
                    c.presentedDigest());
        }
        Outcome.Rejected r = (Outcome.Rejected) outcome;
        return new EventResult(
                line,
                r.eventId(),
                r.status(),
                null,
                null,
                r.rejectionId(),
                r.violations().stream().map(ViolationView::of).toList(),
                null,
                null);
    }

    static EventResult streamLimit(long line, int limit) {
        return new EventResult(
                line,
                null,
                "rejected",
                null,
                null,
                null,
                List.of(
                        new ViolationView(
                                "",
                                "size.events-per-stream",
                                "more than " + limit
                                        + " events in one stream: this line and the ones after it were not read; send them again")),
                null,
                null);
    }
}
