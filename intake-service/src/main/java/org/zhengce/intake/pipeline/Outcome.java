package org.zhengce.intake.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.zhengce.intake.validation.ValidationRule;
import org.zhengce.intake.validation.Violation;

/** What became of one submitted event: a result, never an exception. */
public sealed interface Outcome {

    /** Where the event came from, as in its {@link Submission}. */
    String sourceRef();

    /** The department's event id, when the input named one. */
    @Nullable
    String eventId();

    /** The stable lower-case status: accepted, duplicate, rejected, conflict, pending or unavailable
     * (valid in a dry run). */
    String status();

    /**
     * Published to {@code household.events} and in the ledger. {@code maskedFields}: the free-text fields (paths as in
     * violations) that held an identity number, masked before publishing; never the value.
     */
    record Accepted(
            String sourceRef, String eventId, UUID platformEventId, Instant acceptedAt, List<String> maskedFields)
            implements Outcome {

        public Accepted {
            maskedFields = List.copyOf(maskedFields);
        }

        public Accepted(String sourceRef, String eventId, UUID platformEventId, Instant acceptedAt) {
            this(sourceRef, eventId, platformEventId, acceptedAt, List.of());
        }

        @Override
        public String status() {
            return "accepted";
        }
    }

    /** Accepted before with the same payload: the same platform id, published once; masked as the first was. */
    record Duplicate(
            String sourceRef, String eventId, UUID platformEventId, Instant acceptedAt, List<String> maskedFields)
            implements Outcome {

        public Duplicate {
            maskedFields = List.copyOf(maskedFields);
        }

        public Duplicate(String sourceRef, String eventId, UUID platformEventId, Instant acceptedAt) {
            this(sourceRef, eventId, platformEventId, acceptedAt, List.of());
        }

        @Override
        public String status() {
            return "duplicate";
        }
    }

    /**
     * Would be accepted, in a dry run ({@link IntakePipeline#tryOut}): nothing was published or kept, so there is no
     * platform event id. {@code maskedFields} as {@link Accepted}'s.
     */
    record Valid(String sourceRef, String eventId, List<String> maskedFields) implements Outcome {

        public Valid {
            maskedFields = List.copyOf(maskedFields);
        }

        @Override
        public String status() {
            return "valid";
        }
    }

    /**
     * Not accepted, for every reason at once; kept in the rejected-event store (and on the dead-letter topic) as
     * {@code rejectionId}, which is null in a dry run (nothing kept).
     */
    record Rejected(
            String sourceRef,
            @Nullable String eventId,
            @Nullable String eventType,
            List<Violation> violations,
            @Nullable UUID rejectionId)
            implements Outcome {

        public Rejected {
            violations = List.copyOf(violations);
        }

        @Override
        public String status() {
            return "rejected";
        }

        /** Whether the only reasons are the sender's terms (disabled, type not allowed): HTTP 403 rather than 400. */
        public boolean forbidden() {
            return !violations.isEmpty()
                    && violations.stream()
                            .allMatch(v -> v.rule() == ValidationRule.EVENT_TYPE_NOT_ALLOWED
                                    || v.rule() == ValidationRule.DEPARTMENT_DISABLED);
        }

        /** The refusal in words, for a 403: "department HEALTH may not report EmploymentEnded". */
        public String refusal(String department) {
            return violations.stream()
                    .map(v -> v.rule() == ValidationRule.DEPARTMENT_DISABLED
                            ? "department " + department + " is disabled"
                            : "department " + department + " may not report " + v.offendingValue())
                    .distinct()
                    .collect(java.util.stream.Collectors.joining("; "));
        }
    }

    /**
     * The same (department, eventId) was accepted before with a different payload, as {@code platformEventId} at
     * {@code acceptedAt} (null while that one is not yet confirmed); this one is kept as {@code rejectionId} (null in a
     * dry run: nothing kept). No digest is shown.
     */
    record Conflict(
            String sourceRef,
            String eventId,
            UUID platformEventId,
            @Nullable Instant acceptedAt,
            @Nullable UUID rejectionId)
            implements Outcome {
        @Override
        public String status() {
            return "conflict";
        }

        /** What happened, in words: "accepted before with another payload as platform event … at …". */
        public String explanation() {
            return explanation(platformEventId, acceptedAt);
        }

        static String explanation(UUID platformEventId, @Nullable Instant acceptedAt) {
            return "accepted before with another payload as platform event " + platformEventId
                    + (acceptedAt == null ? " (not yet confirmed)" : " at " + acceptedAt);
        }
    }

    /**
     * Claimed in the ledger but not yet confirmed on Kafka (the broker did not acknowledge in time, or another
     * request is publishing it): the relay will publish it; the department re-sends to learn the final answer.
     */
    record Pending(String sourceRef, String eventId, UUID platformEventId, List<String> maskedFields)
            implements Outcome {

        public Pending {
            maskedFields = List.copyOf(maskedFields);
        }

        public Pending(String sourceRef, String eventId, UUID platformEventId) {
            this(sourceRef, eventId, platformEventId, List.of());
        }

        @Override
        public String status() {
            return "pending";
        }
    }

    /**
     * Not taken, and nothing kept: a service intake depends on (the schema registry, the database, Kafka) failed for
     * a transient reason while the event was prepared. Never a rejection: the department sends it again (HTTP 503
     * with {@code Retry-After}); on a department topic the record is not committed and is read again.
     *
     * @param reason the failure, identity numbers masked
     */
    record Unavailable(String sourceRef, String eventId, String reason) implements Outcome {
        @Override
        public String status() {
            return "unavailable";
        }
    }
}
