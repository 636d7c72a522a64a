package org.zhengce.referral.audit;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the audit trail as {@code GET /audit} shows it.
 *
 * @param seq its position in the trail (the chain's order; newest has the highest)
 * @param actor a user's id, or {@code system:<component>} for the platform's own changes
 * @param action {@code READ}, {@code CHANGE}, {@code SYSTEM_CHANGE}, or another feature's verb
 * @param subject what it is about: {@code case}, {@code complaint}, {@code statistics}, {@code audit-trail}...
 * @param subjectId which one (a case's id), when there is one
 * @param jurisdiction the area the subject belongs to (a case's community) or the request named
 * @param outcome {@code ALLOWED} or {@code REFUSED}
 * @param detail a short note, identity numbers masked
 */
public record AuditTrailEntry(
        long seq,
        Instant at,
        String actor,
        List<String> actorRoles,
        List<String> actorJurisdictions,
        String action,
        String subject,
        @Nullable String subjectId,
        @Nullable String jurisdiction,
        String outcome,
        @Nullable String detail) {

    public AuditTrailEntry {
        actorRoles = List.copyOf(actorRoles);
        actorJurisdictions = List.copyOf(actorJurisdictions);
    }
}
