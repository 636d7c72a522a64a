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
 * @param status accepted, duplicate, rejected, conflict or pending; valid in a dry run (would be accepted, nothing
 *     kept: no platform event id, no rejection id)
 * @param platformEventId the platform's id of an accepted (or duplicate, or pending) event: the same on every re-send;
 * @param rejectionId the kept rejection, to look at or replay
 * @param platformEventId for a conflict: the platform event accepted first with this eventId; {@code acceptedAt} when
 * @param maskedFields the free-text fields (paths as in violations) that held an identity number and were masked
 *     before publishing; absent when none was. Never the value.
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

        @io.swagger.v3.oas.annotations.media.Schema(
                description = "The free-text fields (paths as in violations, e.g. fact.note) that held a"
                        + " resident identity number, masked before the event was published; absent when"
                        + " none was. Never the value.")
        @Nullable
        List<String> maskedFields) {

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
                    line,
                    a.eventId(),
                    a.status(),
                    a.platformEventId(),
                    a.acceptedAt(),
                    null,
                    null,
                    masked(a.maskedFields()));
        }
        if (outcome instanceof Outcome.Duplicate d) {
            return new EventResult(
                    line,
                    d.eventId(),
                    d.status(),
                    d.platformEventId(),
                    d.acceptedAt(),
                    null,
                    null,
                    masked(d.maskedFields()));
        }
        if (outcome instanceof Outcome.Valid v) {
            return new EventResult(line, v.eventId(), v.status(), null, null, null, null, masked(v.maskedFields()));
        }
        if (outcome instanceof Outcome.Pending p) {
            return new EventResult(
                    line, p.eventId(), p.status(), p.platformEventId(), null, null, null, masked(p.maskedFields()));
        }
        if (outcome instanceof Outcome.Unavailable u) {
            return new EventResult(line, u.eventId(), u.status(), null, null, null, null, null);
        }
        if (outcome instanceof Outcome.Conflict c) {
            return new EventResult(
                    line, c.eventId(), c.status(), c.platformEventId(), c.acceptedAt(), c.rejectionId(), null, null);
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
                null);
    }

    private static @Nullable List<String> masked(List<String> fields) {
        return fields.isEmpty() ? null : fields;
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
                null);
    }
}
