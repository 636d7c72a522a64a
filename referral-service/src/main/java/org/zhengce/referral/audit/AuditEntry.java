package org.zhengce.referral.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One line of the audit log.
 *
 * @param caseId the case, or null for a community's list
 * @param communityCode the jurisdiction the case (or list) belongs to
 * @param allowed false when the attempt was refused
 */
public record AuditEntry(
        Instant at,
        String actor,
        List<String> actorRoles,
        List<String> actorJurisdictions,
        AuditAction action,
        @Nullable UUID caseId,
        @Nullable String communityCode,
        boolean allowed,
        @Nullable String detail) {}
