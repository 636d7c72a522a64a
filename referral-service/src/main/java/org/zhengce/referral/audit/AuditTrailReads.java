package org.zhengce.referral.audit;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.security.Role;
import org.zhengce.referral.web.Page;
import org.zhengce.referral.web.PageRequest;
import reactor.core.publisher.Mono;

/**
 * Who may read which part of the audit trail, and the read itself audited. An auditor reads everything. A supervisor
 * reads the entries about cases in their area (the case's community under one of their jurisdictions), whoever the
 * actor: so a user filter shows what that user did in the supervisor's area, and nothing elsewhere; entries about
 * complaints (a supervisor may be the one complained about), statistics, admin requests and the trail's own reads are
 * the auditor's only. Anyone else is refused. Every read, allowed or refused (a bad parameter too), is appended to
 * the trail with what was asked.
 */
@Service
class AuditTrailReads {

    private final AuditTrailStore store;
    private final AuditLog audit;

    AuditTrailReads(AuditTrailStore store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    /** The page of entries the parameters ask for, newest first; a refusal as a problem naming its rule. */
    Mono<Page<AuditTrailEntry>> read(
            Caller<Role> caller,
            @Nullable String caseId,
            @Nullable String user,
            @Nullable String from,
            @Nullable String to,
            @Nullable String limit,
            @Nullable String cursor) {
        String asked = asked(caseId, user, from, to);
        return Mono.defer(() -> {
                    List<String> areas = scope(caller);
                    AuditTrailQuery query = AuditTrailQuery.of(caseId, user, from, to);
                    PageRequest request = PageRequest.of(limit, cursor);
                    Long before = request.after(parts -> Long.parseLong(parts.get(0)));
                    return caseInScope(query, areas)
                            .then(store.find(query, areas, before, request.fetch())
                                    .collectList()
                                    .map(found -> request.page(found, entry -> List.of(Long.toString(entry.seq())))))
                            .flatMap(page -> audit.recordTrailRead(
                                            caller,
                                            query.caseId(),
                                            true,
                                            query.describe() + "; "
                                                    + page.items().size() + " entries")
                                    .thenReturn(page));
                })
                .onErrorResume(
                        ErrorResponseException.class,
                        refused -> audit.recordTrailRead(
                                        caller, askedCase(caseId), false, asked + "; refused: " + reason(refused))
                                .then(Mono.error(refused)));
    }

    /** Null for an auditor (everything); a supervisor's jurisdictions; else refused. */
    private static @Nullable List<String> scope(Caller<Role> caller) {
        if (caller.has(Role.AUDITOR)) {
            return null;
        }
        if (caller.has(Role.SUPERVISOR)) {
            return caller.jurisdictions();
        }
        throw AuditProblem.readersOnly();
    }

    /** Nothing when the case asked about (if any) is in {@code areas}; else the refusal. */
    private Mono<Void> caseInScope(AuditTrailQuery query, @Nullable List<String> areas) {
        UUID caseId = query.caseId();
        if (caseId == null || areas == null) {
            return Mono.empty();
        }
        return store.communitiesOutside(caseId.toString(), areas)
                .next()
                .flatMap(community -> Mono.<Void>error(AuditProblem.caseOutsideJurisdiction(community)));
    }

    /** The case a refused read asked about, when its id can be read: the refusal is found by the case too. */
    private static @Nullable UUID askedCase(@Nullable String caseId) {
        try {
            return caseId == null ? null : UUID.fromString(caseId.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String reason(ErrorResponseException refused) {
        return refused instanceof AuditProblem problem
                ? problem.rule()
                : refused.getBody().getTitle() == null
                        ? refused.getStatusCode().toString()
                        : refused.getBody().getTitle();
    }

    /** The raw parameters of a refused read, cut short (they were not checked). */
    private static String asked(
            @Nullable String caseId, @Nullable String user, @Nullable String from, @Nullable String to) {
        StringBuilder asked = new StringBuilder();
        append(asked, "caseId", caseId);
        append(asked, "user", user);
        append(asked, "from", from);
        append(asked, "to", to);
        return asked.isEmpty() ? "no filter" : asked.toString();
    }

    private static void append(StringBuilder asked, String name, @Nullable String value) {
        if (value == null) {
            return;
        }
        String shown =
                value.length() > AuditTrailQuery.MAX_USER ? value.substring(0, AuditTrailQuery.MAX_USER) + "…" : value;
        asked.append(asked.isEmpty() ? "" : ", ").append(name).append('=').append(shown);
    }
}
