package org.zhengce.referral.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.ErrorResponseException;
import org.zhengce.events.CaseOutcome;
import org.zhengce.events.DismissalReason;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.audit.AuditAction;
import org.zhengce.referral.audit.AuditLog;
import org.zhengce.referral.security.Role;
import org.zhengce.referral.visits.Need;
import org.zhengce.referral.visits.VisitReport;
import org.zhengce.referral.visits.VisitView;
import org.zhengce.referral.visits.Visits;
import org.zhengce.referral.web.IfMatch;
import org.zhengce.referral.web.RequestProblem;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Cases as users see and change them: only inside the caller's jurisdictions, every attempt audited (allowed or
 * refused), contact details only for callers covering the household's community.
 */
@Service
public class Cases {

    private final CaseStore store;
    private final CaseDecisions decisions;
    private final CaseJournal journal;
    private final CaseViews views;
    private final AuditLog audit;
    private final TransactionalOperator transactions;
    private final Clock clock;
    private final Visits visits;
    private final Planning plans;
    private final CaseReferrals referrals;
    private final CaseRouting router;

    Cases(
            CaseStore store,
            CaseDecisions decisions,
            CaseJournal journal,
            CaseViews views,
            AuditLog audit,
            TransactionalOperator transactions,
            Clock clock,
            Visits visits,
            @Lazy Planning plans,
            CaseReferrals referrals,
            CaseRouting router) {
        this.store = store;
        this.decisions = decisions;
        this.journal = journal;
        this.views = views;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.visits = visits;
        this.plans = plans;
        this.referrals = referrals;
        this.router = router;
    }

    /** One case: 404 if unknown, 403 outside the caller's jurisdictions; audited either way. */
    public Mono<CaseView> read(Caller<Role> caller, UUID caseId) {
        return permitted(caller, caseId, AuditAction.READ)
                .flatMap(state -> audit.record(
                                caller,
                                AuditAction.READ,
                                caseId,
                                state.household().communityCode(),
                                true,
                                null)
                        .then(views.view(caller, state)));
    }

    /** Records a visit by the caller; the first moves the case to VISITED. */
    public Mono<CaseView> recordVisit(Caller<Role> caller, UUID caseId, VisitReport report, IfMatch ifMatch) {
        Instant now = clock.instant();
        Instant visitedAt = report.visitedAt() == null ? now : report.visitedAt();
        Optional<ErrorResponseException> refused = visits.refusal(report, visitedAt, now);
        if (refused.isPresent()) {
            return Mono.error(refused.get());
        }
        UUID visitId = UUID.randomUUID();
        return change(
                caller,
                caseId,
                ifMatch,
                "visit recorded",
                state -> Mono.just(new CaseCommand.RecordVisit(
                        visitId, caller.userId(), visitedAt, report.findings(), report.needs(), report.facts(), now)));
    }

    /** The difficulty is verified, with the needs of the latest visit; the plan's first draft is made from it. */
    public Mono<CaseView> verify(Caller<Role> caller, UUID caseId, @Nullable String note, IfMatch ifMatch) {
        return within(
                caller,
                caseId,
                AuditAction.CHANGE,
                "verified",
                ifMatch,
                state -> visits.latest(caseId).flatMap(latest -> {
                    List<Need> latestNeeds = latest.map(VisitView::needs).orElse(List.of());
                    return apply(
                                    state,
                                    List.of(new CaseCommand.Verify(latestNeeds, note, clock.instant())),
                                    caller.userId())
                            .flatMap(after ->
                                    plans.draft(after, latest, caller.userId()).then(views.view(caller, after)));
                }));
    }

    public Mono<CaseView> dismiss(
            Caller<Role> caller, UUID caseId, DismissalReason reason, @Nullable String note, IfMatch ifMatch) {
        return change(
                caller,
                caseId,
                ifMatch,
                "dismissed: " + reason,
                state -> Mono.just(new CaseCommand.Dismiss(reason, note, clock.instant())));
    }

    /** 先行救助: an urgent case helped at once, verified after within its own deadline. */
    public Mono<CaseView> assistFirst(Caller<Role> caller, UUID caseId, String measures, IfMatch ifMatch) {
        return change(
                caller,
                caseId,
                ifMatch,
                "assisted first",
                state -> Mono.just(new CaseCommand.AssistFirst(measures, clock.instant())));
    }

    /** Closed with an outcome: refused while a referral is open; a tracking case's monitoring ends. */
    public Mono<CaseView> close(
            Caller<Role> caller, UUID caseId, CaseOutcome outcome, @Nullable String note, IfMatch ifMatch) {
        return change(
                caller,
                caseId,
                ifMatch,
                "closed: " + outcome,
                state -> referrals
                        .openOf(caseId)
                        .map(open -> (CaseCommand) new CaseCommand.Close(outcome, note, open, clock.instant()))
                        .flatMap(command ->
                                referrals.endTracking(caseId, clock.instant()).thenReturn(command)));
    }

    /** A closed or dismissed case opened again (409 when the household has another open case). */
    public Mono<CaseView> reopen(Caller<Role> caller, UUID caseId, String reason, IfMatch ifMatch) {
        return change(
                caller,
                caseId,
                ifMatch,
                "re-opened",
                state -> store.openCaseOf(state.household().number())
                        .flatMap(other -> Mono.<CaseCommand>error(RequestProblem.conflict(
                                "household " + state.household().number() + " has another open case, " + other.id())))
                        .switchIfEmpty(Mono.fromSupplier(() -> new CaseCommand.Reopen(null, reason, clock.instant()))));
    }

    /**
     * One step on a case by {@code caller}, in one transaction: the case locked, its version checked against
     * {@code ifMatch} (412 naming {@code currentVersion}), the command made from it, decided (a refused step is a
     * 409 naming the stage and the allowed steps), written with its events, audited. A refusal (404, 403, 400, 409,
     * 412) is audited outside the transaction, so it stays audited.
     */
    public Mono<CaseView> change(
            Caller<Role> caller,
            UUID caseId,
            IfMatch ifMatch,
            String detail,
            Function<CaseState, Mono<? extends CaseCommand>> command) {
        return within(
                caller,
                caseId,
                AuditAction.CHANGE,
                detail,
                ifMatch,
                state -> command.apply(state)
                        .flatMap(cmd -> apply(state, List.of(cmd), caller.userId()))
                        .flatMap(after -> views.view(caller, after)));
    }

    /** {@link #within(Caller, UUID, AuditAction, String, IfMatch, Function)} on any version of the case. */
    public <T> Mono<T> within(
            Caller<Role> caller, UUID caseId, AuditAction action, String detail, Function<CaseState, Mono<T>> work) {
        return within(caller, caseId, action, detail, IfMatch.ANY, work);
    }

    /**
     * Work on one case by {@code caller} in one transaction, the case locked: 404 and 403 first, then the case's
     * version against {@code ifMatch} under the lock (412, so two changes made on the same version cannot both
     * win), the work, then the audit entry ({@code detail}); a refusal (a {@link CaseProblem} or a
     * {@link CaseTransitionRefused}) is audited outside
     * the transaction, so it stays audited.
     */
    public <T> Mono<T> within(
            Caller<Role> caller,
            UUID caseId,
            AuditAction action,
            String detail,
            IfMatch ifMatch,
            Function<CaseState, Mono<T>> work) {
        return permitted(caller, caseId, action)
                .flatMap(seen -> transactions
                        .transactional(store.find(caseId, true)
                                .flatMap(state -> ifMatch.matches(state.version())
                                        ? Mono.just(state)
                                        : Mono.error(CaseProblem.stale(state)))
                                .flatMap(state -> work.apply(state)
                                        .flatMap(result -> audit.record(
                                                        caller,
                                                        action,
                                                        caseId,
                                                        state.household().communityCode(),
                                                        true,
                                                        detail)
                                                .thenReturn(result))))
                        .onErrorResume(
                                Cases::isRefusal,
                                refused -> audit.record(
                                                caller,
                                                action,
                                                caseId,
                                                seen.household().communityCode(),
                                                false,
                                                refused instanceof ErrorResponseException problem
                                                        ? problem.getBody().getDetail()
                                                        : refused.getMessage())
                                        .then(Mono.error(refused))));
    }

    /** A refused request (a problem) or step (the workflow's refusal): audited as refused. */
    private static boolean isRefusal(Throwable e) {
        return e instanceof ErrorResponseException || e instanceof CaseTransitionRefused;
    }

    /**
     * Decides {@code commands} one after the other on {@code state}, each change applied once, and writes them with
     * their events; the case after them.
     */
    public Mono<CaseState> apply(CaseState state, List<CaseCommand> commands, @Nullable String actor) {
        CaseEvolution decided = new CaseEvolution(Optional.of(state), List.of());
        for (CaseCommand command : commands) {
            decided = decided.then(decisions, command);
        }
        Mono<CaseState> written = journal.write(decided, actor);
        return actor != null || decided.steps().isEmpty()
                ? written
                : written.flatMap(after -> audit.recordSystem(
                                systemComponent(commands),
                                after.id(),
                                after.household().communityCode(),
                                steps(commands))
                        .thenReturn(after));
    }

    /** The part of the platform that makes a change no user asked for: its actor is {@code system:<component>}. */
    private static String systemComponent(List<CaseCommand> commands) {
        return commands.stream().anyMatch(CaseCommand.MissDeadline.class::isInstance)
                ? "deadline-sweep"
                : commands.stream()
                                .anyMatch(command ->
                                        command instanceof CaseCommand.Close || command instanceof CaseCommand.Replan)
                        ? "department-decisions"
                        : "referral";
    }

    private static String steps(List<CaseCommand> commands) {
        return String.join(
                ", ",
                commands.stream()
                        .map(command -> command.getClass().getSimpleName())
                        .toList());
    }

    /**
     * A warning (raised, escalated, cleared) on the household's open case (locked), decided once; a case it opens is
     * routed in the same evolution; written once. Emits the case after, nothing when nothing changed.
     */
    public Mono<CaseState> onWarning(String householdNumber, String communityCode, CaseCommand command) {
        return onHousehold(householdNumber, communityCode, command, "warnings");
    }

    /**
     * A reporter's tip that opens a case: on the household's open case (locked) a note on its timeline; otherwise a
     * new case with source TIP, routed, assigned and alerted as a warning's case is. Emits the case after.
     */
    public Mono<CaseState> onTip(CaseCommand.ReportTip tip) {
        return onHousehold(tip.householdNumber(), tip.communityCode(), tip, "tips");
    }

    /** What {@code command} changes on the household's case (opened and routed when none is open), by the platform. */
    private Mono<CaseState> onHousehold(
            String householdNumber, String communityCode, CaseCommand command, String component) {
        return store.openCaseOf(householdNumber)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(open -> {
                    CaseEvolution decided = decisions.decideAndEvolve(open, command);
                    if (decided.steps().isEmpty()) {
                        return Mono.empty();
                    }
                    if (open.isPresent()) {
                        return journal.write(decided, null).flatMap(after -> bySystem(component, after, command));
                    }
                    return router.route(communityCode)
                            .map(owner -> decided.then(decisions, new CaseCommand.Route(owner, command.at())))
                            .flatMap(routed -> journal.write(routed, null))
                            .flatMap(after -> bySystem(component, after, command));
                });
    }

    /**
     * A change a warning or a tip made (opened, escalated, cleared a case, noted a tip): the platform's, {@code
     * system:warnings} or {@code system:tips}.
     */
    private Mono<CaseState> bySystem(String component, CaseState after, CaseCommand command) {
        return audit.recordSystem(
                        component,
                        after.id(),
                        after.household().communityCode(),
                        command.getClass().getSimpleName())
                .thenReturn(after);
    }

    /** The case as it stands; empty when unknown. */
    public Mono<CaseState> find(UUID caseId) {
        return store.find(caseId, false);
    }

    /** A list's position: the opening time and id of the case a page ends with. */
    public record Position(Instant at, UUID id) {}

    /** Up to {@code limit} open cases of a community, by opening time then id, after {@code after} when given. */
    public Flux<CaseState> openCasesOf(String communityCode, @Nullable Position after, int limit) {
        return store.openCasesOf(communityCode, after, limit);
    }

    /** The case as {@code caller} may see it (contact details only in their area). */
    public Mono<CaseView> view(Caller<Role> caller, CaseState state) {
        return views.view(caller, state);
    }

    /** The case, locked for the caller's transaction; empty when unknown. */
    public Mono<CaseState> locked(UUID caseId) {
        return store.find(caseId, true);
    }

    /** Up to {@code limit} open cases whose due step's deadline passed before {@code now}, not escalated yet. */
    public Flux<UUID> overdue(Instant now, int limit) {
        return store.overdue(now, limit);
    }

    /** A note of the platform's ({@code author} null) or a user's on the case, in the caller's transaction. */
    public Mono<Void> addNote(UUID caseId, Instant at, @Nullable String author, String text) {
        return store.addNote(caseId, at, author, text);
    }

    /** The case if the caller may see it; otherwise the refusal is audited and the error emitted. */
    public Mono<CaseState> permitted(Caller<Role> caller, UUID caseId, AuditAction action) {
        return store.find(caseId, false)
                .switchIfEmpty(Mono.defer(() -> audit.record(caller, action, caseId, null, false, "no such case")
                        .then(Mono.error(CaseProblem.notFound(caseId)))))
                .flatMap(state -> caller.covers(state.household().communityCode())
                        ? Mono.just(state)
                        : audit.record(
                                        caller,
                                        action,
                                        caseId,
                                        state.household().communityCode(),
                                        false,
                                        "outside jurisdiction")
                                .then(Mono.error(CaseProblem.outsideJurisdiction(
                                        state.household().communityCode()))));
    }
}
