package org.zhengce.referral.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a reader of the audit trail asks for; every filter optional, all of them combined.
 *
 * @param caseId entries about this case
 * @param user entries whose actor is this user (what they read and changed)
 * @param from entries at or after this instant
 * @param to entries before this instant
 */
record AuditTrailQuery(
        @Nullable UUID caseId,
        @Nullable String user,
        @Nullable Instant from,
        @Nullable Instant to) {

    /** The longest user id accepted: longer is not one of ours. */
    static final int MAX_USER = 128;

    /** The query the parameters ask for; 400 naming the parameter that cannot be read. */
    static AuditTrailQuery of(
            @Nullable String caseId, @Nullable String user, @Nullable String from, @Nullable String to) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !end.isAfter(start)) {
            throw AuditProblem.invalid("to", "must be after from");
        }
        return new AuditTrailQuery(caseId(caseId), user(user), start, end);
    }

    /** The filters as the reader's own audit entry records them (identity numbers are masked when it is kept). */
    String describe() {
        List<String> parts = new ArrayList<>();
        if (caseId != null) {
            parts.add("caseId=" + caseId);
        }
        if (user != null) {
            parts.add("user=" + user);
        }
        if (from != null) {
            parts.add("from=" + from);
        }
        if (to != null) {
            parts.add("to=" + to);
        }
        return parts.isEmpty() ? "no filter" : String.join(", ", parts);
    }

    private static @Nullable UUID caseId(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw AuditProblem.invalid("caseId", "must be a case id (a UUID)");
        }
    }

    private static @Nullable String user(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_USER || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw AuditProblem.invalid("user", "must be a user id (1 to " + MAX_USER + " printable characters)");
        }
        return trimmed;
    }

    private static @Nullable Instant instant(String name, @Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw AuditProblem.invalid(
                    name, "must be an ISO-8601 date and time with its offset, e.g. 2026-12-01T00:00:00+08:00");
        }
    }
}
