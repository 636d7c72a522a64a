package org.zhengce.kit.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One line of the audit trail: who did what to which subject, in which jurisdiction, allowed or refused.
 *
 * @param at when; kept to the microsecond, as PostgreSQL keeps it, so the stored row hashes as it was written
 * @param actor a user's id, or {@code system:<component>} for the platform's own changes ({@link #system})
 * @param actorRoles the actor's roles (none for the platform)
 * @param actorJurisdictions the area codes the actor covers (none for the platform)
 * @param action what was done: {@code READ}, {@code CHANGE}, or a service's own verb
 * @param subject the kind of thing ({@code case}, {@code statistics}, {@code household-portrait}, {@code alerts})
 * @param subjectId which one, when there is one
 * @param jurisdiction the area code the subject belongs to (or the request named), when known
 * @param allowed false when the attempt was refused
 * @param detail a short note (why refused, what changed); never an identity number
 */
public record AuditRecord(
        Instant at,
        String actor,
        List<String> actorRoles,
        List<String> actorJurisdictions,
        String action,
        String subject,
        @Nullable String subjectId,
        @Nullable String jurisdiction,
        boolean allowed,
        @Nullable String detail) {

    /** The prefix of the platform's own actors. */
    public static final String SYSTEM = "system:";

    public AuditRecord {
        at = at.truncatedTo(ChronoUnit.MICROS);
        actorRoles = List.copyOf(actorRoles);
        actorJurisdictions = List.copyOf(actorJurisdictions);
        if (actor.isBlank()) {
            throw new IllegalArgumentException("an audit record names its actor");
        }
    }

    /** The actor of a change the platform made itself: {@code system:<component>}, e.g. {@code system:deadlines}. */
    public static String system(String component) {
        return SYSTEM + component;
    }
}
