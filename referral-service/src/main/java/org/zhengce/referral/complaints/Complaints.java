package org.zhengce.referral.complaints;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.ErrorResponseException;
import org.zhengce.events.CaseEvent;
import org.zhengce.events.ComplaintCategory;
import org.zhengce.events.ComplaintOutcome;
import org.zhengce.events.ComplaintSubject;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.audit.AuditAction;
import org.zhengce.referral.audit.AuditLog;
import org.zhengce.referral.cases.CaseState;
import org.zhengce.referral.cases.Cases;
import org.zhengce.referral.jurisdictions.JurisdictionDirectory;
import org.zhengce.referral.jurisdictions.Supervisor;
import org.zhengce.referral.outbox.CaseEventOutbox;
import org.zhengce.referral.routing.RoutingSettings;
import org.zhengce.referral.security.Role;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Complaints: filed by someone of the case's area, seen only by the complainant and the handlers, every read and
 * change audited (allowed or refused) and every change published on {@code case.events} in its transaction.
 *
 * <p>The handlers are fixed when it is filed: the supervisors whose area contains the case's community, the most
 * local first (street, district, city), then the fallback owner; the person complained about is never one of them,
 * so when they are the street's supervisor the complaint goes to the next level up. The first is the owner. A
 * handler acknowledges and resolves it; its complainant (or a handler) may withdraw it.
 */
@Service
public class Complaints {

    /** Rule: an unknown category. */
    static final String UNKNOWN_CATEGORY = "complaint.category.unknown";

    private static final int MAX_LIST = 200;

    private final ComplaintStore store;
    private final Cases cases;
    private final JurisdictionDirectory directory;
    private final CaseEventOutbox outbox;
    private final AuditLog audit;
    private final ComplaintDeadlines deadlines;
    private final TransactionalOperator transactions;
    private final String fallbackOwner;
    private final Clock clock;

    Complaints(
            ComplaintStore store,
            Cases cases,
            JurisdictionDirectory directory,
            CaseEventOutbox outbox,
            AuditLog audit,
            ComplaintDeadlines deadlines,
            TransactionalOperator transactions,
            RoutingSettings routing,
            Clock clock) {
        this.store = store;
        this.cases = cases;
        this.directory = directory;
        this.outbox = outbox;
        this.audit = audit;
        this.deadlines = deadlines;
        this.transactions = transactions;
        this.fallbackOwner = routing.fallbackOwner();
        this.clock = clock;
    }

    /** Files a complaint about a case of the caller's area; its owner is alerted through {@code ComplaintFiled}. */
    public Mono<ComplaintView> file(Caller<Role> caller, ComplaintFiling filing) {
        ComplaintCategory category = category(filing.category());
        ComplaintSubject subject = filing.subject() == null ? ComplaintSubject.CASE : filing.subject();
        checkSubject(caller, filing, subject);
        if (filing.recordedForHousehold() && !caller.has(Role.ADVISOR)) {
            throw ComplaintProblem.forbidden(
                    "complaint.on-behalf.advisor-only", "only an advisor records a household's complaint");
        }
        Mono<ComplaintView> filed = cases.find(filing.caseId())
                .switchIfEmpty(Mono.error(() -> new Refusal(
                        ComplaintProblem.unknownCase(filing.caseId()), null, "no such case " + filing.caseId())))
                .flatMap(caseState -> {
                    String community = caseState.household().communityCode();
                    if (!caller.covers(community)) {
                        return Mono.error(new Refusal(
                                ComplaintProblem.caseOutsideJurisdiction(community),
                                community,
                                "case " + caseState.id() + " outside jurisdiction"));
                    }
                    return handlers(community, filing.personId())
                            .flatMap(handlers -> write(caller, filing, category, subject, caseState, handlers));
                })
                .as(transactions::transactional);
        return refusalsAudited(caller, AuditAction.CHANGE, null, filed);
    }

    private Mono<ComplaintView> write(
            Caller<Role> caller,
            ComplaintFiling filing,
            ComplaintCategory category,
            ComplaintSubject subject,
            CaseState caseState,
            List<String> handlers) {
        Instant now = clock.instant();
        Complaint complaint = new Complaint(
                UUID.randomUUID(),
                caseState.id(),
                caseState.household().communityCode(),
                category,
                subject,
                subject == ComplaintSubject.DECISION ? filing.decisionId() : null,
                subject == ComplaintSubject.PERSON ? filing.personId() : null,
                caller.userId(),
                filing.recordedForHousehold(),
                filing.description(),
                handlers,
                0,
                ComplaintStatus.FILED,
                now,
                deadlines.acknowledgeBy(category, now),
                deadlines.resolveBy(category, now),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                1);
        return store.insert(complaint)
                .then(outbox.append(List.of(ComplaintEvents.filed(complaint, caseState))))
                .then(audit.recordComplaint(
                        caller,
                        AuditAction.CHANGE,
                        complaint.id(),
                        complaint.communityCode(),
                        true,
                        "filed " + category + " about the " + subject.name().toLowerCase(Locale.ROOT) + " of case "
                                + caseState.id() + ", owner " + complaint.ownerId()))
                .thenReturn(ComplaintView.of(complaint));
    }

    /** The complaints the caller filed or handles, newest first; the list read is audited. */
    public Mono<List<ComplaintView>> mine(Caller<Role> caller) {
        return store.of(caller.userId(), MAX_LIST)
                .map(ComplaintView::of)
                .collectList()
                .flatMap(list -> audit.recordComplaint(
                                caller, AuditAction.READ, null, null, true, "own complaints listed: " + list.size())
                        .thenReturn(list));
    }

    /** The complaint, to its complainant and handlers; 404 to anyone else. The attempt is audited. */
    public Mono<ComplaintView> read(Caller<Role> caller, UUID id) {
        Mono<ComplaintView> read = visible(caller, id, false)
                .flatMap(complaint -> audit.recordComplaint(
                                caller, AuditAction.READ, id, complaint.communityCode(), true, null)
                        .thenReturn(ComplaintView.of(complaint)));
        return refusalsAudited(caller, AuditAction.READ, id, read);
    }

    /** A handler acknowledges the complaint. */
    public Mono<ComplaintView> acknowledge(Caller<Role> caller, UUID id) {
        return change(caller, id, (complaint, now) -> {
            if (!complaint.isHandler(caller.userId())) {
                throw new Refusal(
                        ComplaintProblem.forbidden(
                                "complaint.acknowledge.handlers-only", "only the complaint's handlers acknowledge it"),
                        complaint.communityCode(),
                        "not a handler");
            }
            return new ComplaintCommand.Acknowledge(caller.userId(), now);
        });
    }

    /**
     * A handler resolves the complaint with an outcome and a note; its complainant or a handler withdraws it
     * ({@code WITHDRAWN}). The complainant is told through {@code ComplaintResolved}.
     */
    public Mono<ComplaintView> resolve(Caller<Role> caller, UUID id, ComplaintOutcome outcome, @Nullable String note) {
        return change(caller, id, (complaint, now) -> {
            boolean withdrawing = outcome == ComplaintOutcome.WITHDRAWN
                    && complaint.complainantId().equals(caller.userId());
            if (!withdrawing && !complaint.isHandler(caller.userId())) {
                throw new Refusal(
                        ComplaintProblem.forbidden(
                                "complaint.resolve.handlers-only",
                                "only the complaint's handlers resolve it; its complainant may withdraw it"),
                        complaint.communityCode(),
                        "not a handler");
            }
            return new ComplaintCommand.Resolve(caller.userId(), outcome, note, now);
        });
    }

    /**
     * Escalates the complaint if a deadline of it was missed at the clock's now: the next handler is alerted through
     * {@code ComplaintEscalated}. In the caller's transaction, under the complaint's lock; emits the changes made.
     */
    Mono<Integer> escalateIfMissed(UUID id) {
        Instant now = clock.instant();
        return store.find(id, true)
                .flatMap(complaint -> {
                    List<ComplaintChange> changes =
                            ComplaintDecisions.decide(complaint, new ComplaintCommand.MissDeadline(now));
                    if (changes.isEmpty()) {
                        return Mono.just(0);
                    }
                    return apply(complaint, changes, null)
                            .flatMap(after -> audit.recordComplaintSystem(
                                            "complaint-watch",
                                            id,
                                            after.communityCode(),
                                            "deadline missed, escalated to "
                                                    + after.handlers().get(after.handlerLevel()))
                                    .thenReturn(changes.size()));
                })
                .defaultIfEmpty(0);
    }

    private Mono<ComplaintView> change(
            Caller<Role> caller, UUID id, BiFunction<Complaint, Instant, ComplaintCommand> command) {
        Mono<ComplaintView> changed = visible(caller, id, true)
                .flatMap(complaint -> {
                    ComplaintCommand asked = command.apply(complaint, clock.instant());
                    List<ComplaintChange> changes;
                    try {
                        changes = ComplaintDecisions.decide(complaint, asked);
                    } catch (ComplaintRefused refused) {
                        return Mono.error(new Refusal(
                                ComplaintProblem.refused(refused), complaint.communityCode(), refused.rule()));
                    }
                    return apply(complaint, changes, caller.userId())
                            .flatMap(after -> audit.recordComplaint(
                                            caller,
                                            AuditAction.CHANGE,
                                            id,
                                            after.communityCode(),
                                            true,
                                            asked.getClass().getSimpleName().toLowerCase(Locale.ROOT))
                                    .thenReturn(ComplaintView.of(after)));
                })
                .as(transactions::transactional);
        return refusalsAudited(caller, AuditAction.CHANGE, id, changed);
    }

    /** Writes each change and its event, in the caller's transaction; emits the complaint after them. */
    private Mono<Complaint> apply(Complaint complaint, List<ComplaintChange> changes, @Nullable String actor) {
        return cases.find(complaint.caseId()).flatMap(caseState -> {
            Complaint after = complaint;
            List<CaseEvent> events = new ArrayList<>();
            for (ComplaintChange change : changes) {
                after = after.evolve(change);
                events.add(ComplaintEvents.of(change, after, caseState));
            }
            Complaint last = after;
            return store.update(last).then(outbox.append(events)).thenReturn(last);
        });
    }

    /** The complaint if the caller may see it; a refusal (404, existence not revealed) otherwise. */
    private Mono<Complaint> visible(Caller<Role> caller, UUID id, boolean lock) {
        return store.find(id, lock)
                .switchIfEmpty(Mono.error(() -> new Refusal(ComplaintProblem.notFound(id), null, "no such complaint")))
                .flatMap(complaint -> complaint.isVisibleTo(caller.userId())
                        ? Mono.just(complaint)
                        : Mono.error(new Refusal(
                                ComplaintProblem.notFound(id),
                                complaint.communityCode(),
                                caller.userId().equals(complaint.personId())
                                        ? "the person complained about"
                                        : "neither complainant nor handler")));
    }

    /** Refusals are audited after their transaction rolled back, then answered. */
    private <T> Mono<T> refusalsAudited(Caller<Role> caller, AuditAction action, @Nullable UUID id, Mono<T> work) {
        return work.onErrorResume(
                Refusal.class,
                refusal -> audit.recordComplaint(caller, action, id, refusal.communityCode, false, refusal.reason)
                        .then(Mono.error(refusal.problem)));
    }

    /** The owner and the handlers above, most local first, never {@code personId}; the fallback owner last. */
    private Mono<List<String>> handlers(String communityCode, @Nullable String personId) {
        return directory
                .supervisors()
                .filter(supervisor -> communityCode.startsWith(supervisor.jurisdictionCode()))
                .sort(Comparator.comparingInt((Supervisor supervisor) ->
                                -supervisor.jurisdictionCode().length())
                        .thenComparing(Supervisor::id))
                .map(Supervisor::id)
                .concatWith(Flux.just(fallbackOwner))
                .filter(id -> !id.equals(personId))
                .distinct()
                .collectList()
                .flatMap(handlers -> handlers.isEmpty()
                        ? Mono.error(new IllegalStateException("no handler for a complaint in " + communityCode))
                        : Mono.just(handlers));
    }

    private static ComplaintCategory category(String text) {
        try {
            return ComplaintCategory.valueOf(text.trim());
        } catch (IllegalArgumentException e) {
            throw ComplaintProblem.invalid(
                    "category",
                    UNKNOWN_CATEGORY,
                    "'" + text + "' is not a complaint category: one of "
                            + Arrays.toString(ComplaintCategory.values()));
        }
    }

    private static void checkSubject(Caller<Role> caller, ComplaintFiling filing, ComplaintSubject subject) {
        if (subject == ComplaintSubject.DECISION && isBlank(filing.decisionId())) {
            throw ComplaintProblem.invalid(
                    "decisionId", "complaint.subject.decision-missing", "a complaint about a decision names it");
        }
        if (subject == ComplaintSubject.PERSON) {
            if (isBlank(filing.personId())) {
                throw ComplaintProblem.invalid(
                        "personId", "complaint.subject.person-missing", "a complaint about a person names them");
            }
            if (caller.userId().equals(filing.personId())) {
                throw ComplaintProblem.invalid(
                        "personId", "complaint.subject.person-is-complainant", "one does not complain about oneself");
            }
        }
    }

    private static boolean isBlank(@Nullable String text) {
        return text == null || text.isBlank();
    }

    /** A refused attempt: the answer, and what the audit records of it. */
    private static final class Refusal extends RuntimeException {
        private final ErrorResponseException problem;
        private final @Nullable String communityCode;
        private final String reason;

        Refusal(ErrorResponseException problem, @Nullable String communityCode, String reason) {
            super(reason, null, false, false);
            this.problem = problem;
            this.communityCode = communityCode;
            this.reason = reason;
        }
    }
}
