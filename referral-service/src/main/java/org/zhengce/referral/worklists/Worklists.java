package org.zhengce.referral.worklists;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.audit.AuditAction;
import org.zhengce.referral.audit.AuditLog;
import org.zhengce.referral.cases.CaseStage;
import org.zhengce.referral.cases.CaseView;
import org.zhengce.referral.jurisdictions.Advisor;
import org.zhengce.referral.jurisdictions.JurisdictionDirectory;
import org.zhengce.referral.routing.AdvisorLoad;
import org.zhengce.referral.routing.CaseRouter;
import org.zhengce.referral.security.Role;
import org.zhengce.referral.web.Page;
import org.zhengce.referral.web.PageRequest;
import org.zhengce.referral.web.RequestProblem;
import reactor.core.publisher.Mono;

/**
 * The worklists: only inside the caller's jurisdictions (a list outside them is refused with 403 and audited),
 * every case shown audited as read, as the community's list is.
 */
@Service
class Worklists {

    private final WorklistStore store;
    private final CaseReads cases;
    private final JurisdictionDirectory directory;
    private final CaseRouter router;
    private final AuditLog audit;
    private final Clock clock;

    Worklists(
            WorklistStore store,
            CaseReads cases,
            JurisdictionDirectory directory,
            CaseRouter router,
            AuditLog audit,
            Clock clock) {
        this.store = store;
        this.cases = cases;
        this.directory = directory;
        this.router = router;
        this.audit = audit;
        this.clock = clock;
    }

    /** The open cases the caller owns in the communities they cover, narrowed by community, stage, overdue. */
    Mono<Page<CaseView>> mine(
            Caller<Role> caller,
            @Nullable String community,
            @Nullable CaseStage stage,
            @Nullable Boolean overdue,
            PageRequest request) {
        WorklistStore.Position after = request.after(WorklistStore.Position::of);
        WorklistStore.Query query = new WorklistStore.Query(
                caller.jurisdictions(),
                caller.userId(),
                community,
                stage == null ? null : stage.name(),
                overdue,
                null,
                clock.instant());
        return covered(caller, community, "own cases")
                .then(rows(query, after, request))
                .flatMap(page -> cases.listed(caller, ids(page), "mine").map(page::with));
    }

    /**
     * Every open case in communities under {@code area} (else under any of the caller's jurisdictions), narrowed
     * by community and {@code filter}; each with its plan's status and whether it is escalated.
     */
    Mono<Page<WorklistItem>> worklist(
            Caller<Role> caller,
            @Nullable String area,
            @Nullable String community,
            @Nullable WorklistFilter filter,
            PageRequest request) {
        if (area != null && community != null && !community.startsWith(area)) {
            return Mono.error(RequestProblem.invalid("community", community + " is not in area " + area));
        }
        WorklistStore.Position after = request.after(WorklistStore.Position::of);
        WorklistStore.Query query = new WorklistStore.Query(
                area == null ? caller.jurisdictions() : List.of(area),
                null,
                community,
                null,
                null,
                filter,
                clock.instant());
        return covered(caller, area, "worklist")
                .then(covered(caller, community, "worklist"))
                .then(rows(query, after, request))
                .flatMap(page -> cases.listed(caller, ids(page), "worklist").map(views -> {
                    Map<UUID, WorklistStore.Row> rows =
                            page.items().stream().collect(Collectors.toMap(WorklistStore.Row::id, Function.identity()));
                    return page.with(views.stream()
                            .map(view -> new WorklistItem(
                                    view,
                                    rows.get(view.id()).planStatus(),
                                    rows.get(view.id()).escalated()))
                            .toList());
                }));
    }

    /** The advisors covering {@code community}, by id, with the open cases each owns. */
    Mono<Page<AdvisorChoice>> advisors(Caller<Role> caller, String community, PageRequest request) {
        if (!caller.covers(community)) {
            return Mono.error(RequestProblem.outsideJurisdiction(community));
        }
        String after = request.after(parts -> parts.get(0));
        return directory
                .advisorsCovering(community)
                .filter(advisor -> after == null || advisor.id().compareTo(after) > 0)
                .sort(Comparator.comparing(Advisor::id))
                .take(request.fetch())
                .collectList()
                .flatMap(advisors -> router.loads(
                                advisors.stream().map(Advisor::id).toList())
                        .map(loads -> {
                            Map<String, Integer> open = loads.stream()
                                    .collect(Collectors.toMap(AdvisorLoad::advisorId, AdvisorLoad::openCases));
                            return advisors.stream()
                                    .map(a ->
                                            new AdvisorChoice(a.id(), a.name(), a.kind(), open.getOrDefault(a.id(), 0)))
                                    .toList();
                        }))
                .map(choices -> request.page(choices, choice -> List.of(choice.id())));
    }

    /** Nothing when {@code area} is absent or the caller covers it; else the refusal, audited, as a 403. */
    private Mono<Void> covered(Caller<Role> caller, @Nullable String area, String what) {
        if (area == null || caller.covers(area)) {
            return Mono.empty();
        }
        return audit.record(caller, AuditAction.READ, null, area, false, what + " outside jurisdiction")
                .then(Mono.error(RequestProblem.outsideJurisdiction(area)));
    }

    private Mono<Page<WorklistStore.Row>> rows(
            WorklistStore.Query query, WorklistStore.@Nullable Position after, PageRequest request) {
        return store.find(query, after, request.fetch())
                .collectList()
                .map(fetched -> request.page(fetched, WorklistStore.Row::position));
    }

    private static List<UUID> ids(Page<WorklistStore.Row> page) {
        return page.items().stream().map(WorklistStore.Row::id).toList();
    }
}
