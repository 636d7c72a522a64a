package org.zhengce.referral.worklists;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.audit.AuditAction;
import org.zhengce.referral.audit.AuditLog;
import org.zhengce.referral.cases.CaseProblem;
import org.zhengce.referral.cases.CaseState;
import org.zhengce.referral.cases.CaseView;
import org.zhengce.referral.cases.Cases;
import org.zhengce.referral.security.Role;
import org.zhengce.referral.timeline.CaseTimeline;
import org.zhengce.referral.timeline.TimelineEntry;
import org.zhengce.referral.visits.VisitView;
import org.zhengce.referral.visits.Visits;
import org.zhengce.referral.web.Page;
import org.zhengce.referral.web.PageRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Lists of cases and of what happened to a case, a page at a time: only inside the caller's jurisdictions, every
 * case read audited (allowed or refused), as {@link Cases#read} does for one.
 */
@Service
class CaseReads {

    private final Cases cases;
    private final Visits visits;
    private final CaseTimeline timeline;
    private final AuditLog audit;

    CaseReads(Cases cases, Visits visits, CaseTimeline timeline, AuditLog audit) {
        this.cases = cases;
        this.visits = visits;
        this.timeline = timeline;
        this.audit = audit;
    }

    /** The open cases of a community by opening, each read audited; 403 (audited) outside the jurisdictions. */
    Mono<Page<CaseView>> openCasesOf(Caller<Role> caller, String communityCode, PageRequest request) {
        if (!caller.covers(communityCode)) {
            return audit.record(caller, AuditAction.READ, null, communityCode, false, "list outside jurisdiction")
                    .then(Mono.error(CaseProblem.outsideJurisdiction(communityCode)));
        }
        Cases.Position after =
                request.after(parts -> new Cases.Position(Instant.parse(parts.get(0)), UUID.fromString(parts.get(1))));
        return cases.openCasesOf(communityCode, after, request.fetch())
                .collectList()
                .map(fetched -> request.page(
                        fetched,
                        state -> List.of(
                                state.progress().openedAt().toString(),
                                state.id().toString())))
                .flatMap(page -> shown(caller, page.items(), "list").map(page::with));
    }

    /**
     * The cases of {@code caseIds} (found by another feature's query: a worklist), in that order, each read audited
     * with {@code detail}; a case gone or outside the caller's jurisdictions is left out.
     */
    Mono<List<CaseView>> listed(Caller<Role> caller, List<UUID> caseIds, String detail) {
        return Flux.fromIterable(caseIds)
                .concatMap(cases::find)
                .filter(state -> caller.covers(state.household().communityCode()))
                .collectList()
                .flatMap(states -> shown(caller, states, detail));
    }

    /** The case's visits, oldest first; the read audited. */
    Mono<Page<VisitView>> visits(Caller<Role> caller, UUID caseId, PageRequest request) {
        return cases.permitted(caller, caseId, AuditAction.READ)
                .flatMap(state -> audit.record(
                        caller, AuditAction.READ, caseId, state.household().communityCode(), true, "visits"))
                .then(visits.page(caseId, request));
    }

    /** Every step of the case, in the order taken; the read audited. */
    Mono<Page<TimelineEntry>> timeline(Caller<Role> caller, UUID caseId, PageRequest request) {
        Long after = request.after(parts -> Long.parseLong(parts.get(0)));
        return cases.permitted(caller, caseId, AuditAction.READ)
                .flatMap(state -> audit.record(
                        caller, AuditAction.READ, caseId, state.household().communityCode(), true, "timeline"))
                .then(timeline.after(caseId, after == null ? 0 : after, request.fetch())
                        .collectList())
                .map(fetched -> request.page(fetched, step -> List.of(Long.toString(step.position()))))
                .map(page -> page.with(page.items().stream()
                        .map(CaseTimeline.Positioned::entry)
                        .toList()));
    }

    private Mono<List<CaseView>> shown(Caller<Role> caller, List<CaseState> states, String detail) {
        return Flux.fromIterable(states)
                .concatMap(state -> audit.record(
                                caller,
                                AuditAction.READ,
                                state.id(),
                                state.household().communityCode(),
                                true,
                                detail)
                        .then(cases.view(caller, state)))
                .collectList();
    }
}
