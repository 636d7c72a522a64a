package org.zhengce.referral.audit;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.zhengce.kit.audit.AuditRecord;
import org.zhengce.kit.audit.AuditTrail;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.security.Role;
import org.zhengce.schemas.identity.IdentityNumbers;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The audit log of cases, kept in the kit's hash-chained audit trail (subject {@code case}): every read and change of
 * a case, allowed or refused, by whom (a user, or the platform as {@code system:<component>}), when, from which
 * jurisdiction. The service's database role may only insert and select its rows.
 */
@Service
public class AuditLog {

    /** The trail's subject of case entries. */
    static final String CASE = "case";

    /** The trail's subject of complaint entries (their reads and changes are audited as a case's are). */
    static final String COMPLAINT = "complaint";

    /** The trail's subject of reads of the trail itself ({@code GET /audit}). */
    static final String AUDIT_TRAIL = "audit-trail";

    private final AuditTrail trail;
    private final Clock clock;

    AuditLog(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    /** Records an attempt by {@code caller}; joins the caller's transaction when there is one. */
    public Mono<Void> record(
            Caller<Role> caller,
            AuditAction action,
            @Nullable UUID caseId,
            @Nullable String communityCode,
            boolean allowed,
            @Nullable String detail) {
        return byCaller(caller, action, CASE, caseId, communityCode, allowed, detail);
    }

    /**
     * Records a change the platform made to a case by itself ({@code system:<component>}: a deadline sweep, a warning
     * opening a case, a department's decision closing it); joins the caller's transaction.
     */
    public Mono<Void> recordSystem(String component, UUID caseId, String communityCode, String detail) {
        return bySystem(component, CASE, caseId, communityCode, detail);
    }

    /**
     * Records an attempt by {@code caller} on a complaint ({@code complaintId} null for a list), in the case's
     * community; joins the caller's transaction when there is one.
     */
    public Mono<Void> recordComplaint(
            Caller<Role> caller,
            AuditAction action,
            @Nullable UUID complaintId,
            @Nullable String communityCode,
            boolean allowed,
            @Nullable String detail) {
        return byCaller(caller, action, COMPLAINT, complaintId, communityCode, allowed, detail);
    }

    /** Records a change the platform made to a complaint by itself (a missed deadline escalated it). */
    public Mono<Void> recordComplaintSystem(String component, UUID complaintId, String communityCode, String detail) {
        return bySystem(component, COMPLAINT, complaintId, communityCode, detail);
    }

    /**
     * Records a read of the audit trail by {@code caller}, allowed or refused, with what was asked ({@code detail},
     * identity numbers masked) and the case asked about, if any; a reader's area is kept as their jurisdictions.
     */
    Mono<Void> recordTrailRead(Caller<Role> caller, @Nullable UUID caseId, boolean allowed, String detail) {
        return byCaller(
                caller, AuditAction.READ, AUDIT_TRAIL, caseId, null, allowed, IdentityNumbers.maskAllIn(detail));
    }

    private Mono<Void> byCaller(
            Caller<Role> caller,
            AuditAction action,
            String subject,
            @Nullable UUID subjectId,
            @Nullable String communityCode,
            boolean allowed,
            @Nullable String detail) {
        return trail.append(new AuditRecord(
                clock.instant(),
                caller.userId(),
                caller.roles().stream().map(Enum::name).sorted().toList(),
                caller.jurisdictions(),
                action.name(),
                subject,
                subjectId == null ? null : subjectId.toString(),
                communityCode,
                allowed,
                detail));
    }

    private Mono<Void> bySystem(String component, String subject, UUID subjectId, String communityCode, String detail) {
        return trail.append(new AuditRecord(
                clock.instant(),
                AuditRecord.system(component),
                List.of(),
                List.of(),
                AuditAction.SYSTEM_CHANGE.name(),
                subject,
                subjectId.toString(),
                communityCode,
                true,
                detail));
    }

    /** The entries about complaint {@code complaintId}, oldest first ({@link AuditEntry#caseId()} is null). */
    public Flux<AuditEntry> entriesForComplaint(UUID complaintId) {
        return trail.about(COMPLAINT, complaintId.toString())
                .map(record -> new AuditEntry(
                        record.at(),
                        record.actor(),
                        record.actorRoles(),
                        record.actorJurisdictions(),
                        AuditAction.valueOf(record.action()),
                        null,
                        record.jurisdiction(),
                        record.allowed(),
                        record.detail()));
    }

    /** The entries about {@code caseId}, oldest first. */
    public Flux<AuditEntry> entriesFor(UUID caseId) {
        return trail.about(CASE, caseId.toString())
                .map(record -> new AuditEntry(
                        record.at(),
                        record.actor(),
                        record.actorRoles(),
                        record.actorJurisdictions(),
                        AuditAction.valueOf(record.action()),
                        caseId,
                        record.jurisdiction(),
                        record.allowed(),
                        record.detail()));
    }
}
