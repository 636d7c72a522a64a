package org.zhengce.referral.cases;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.zhengce.referral.audit.AuditAction;
import org.zhengce.referral.audit.AuditLog;
import org.zhengce.referral.households.HouseholdContact;
import org.zhengce.referral.households.HouseholdContacts;
import org.zhengce.referral.jurisdictions.JurisdictionDirectory;
import org.zhengce.referral.security.Caller;
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
    private final HouseholdContacts contacts;
    private final JurisdictionDirectory directory;
    private final AuditLog audit;
    private final TransactionalOperator transactions;
    private final Clock clock;

    Cases(
            CaseStore store,
            CaseDecisions decisions,
            CaseJournal journal,
            HouseholdContacts contacts,
            JurisdictionDirectory directory,
            AuditLog audit,
            TransactionalOperator transactions,
            Clock clock) {
        this.store = store;
        this.decisions = decisions;
        this.journal = journal;
        this.contacts = contacts;
        this.directory = directory;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** One case: 404 if unknown, 403 outside the caller's jurisdictions; audited either way. */
    public Mono<CaseView> read(Caller caller, UUID caseId) {
        return permitted(caller, caseId, AuditAction.READ, false)
                .flatMap(state -> audit.record(caller, AuditAction.READ, caseId, state.communityCode(), true, null)
                        .then(view(caller, state)));
    }

    /** The open cases of a community, each read audited; 403 (audited) outside the caller's jurisdictions. */
    public Mono<List<CaseView>> openCasesOf(Caller caller, String communityCode) {
        if (!caller.covers(communityCode)) {
            return audit.record(caller, AuditAction.READ, null, communityCode, false, "list outside jurisdiction")
                    .then(Mono.error(CaseProblem.outsideJurisdiction(communityCode)));
        }
        Flux<CaseView> views = store.openCasesOf(communityCode)
                .concatMap(state -> audit.record(caller, AuditAction.READ, state.id(), communityCode, true, "list")
                        .then(view(caller, state)));
        return views.collectList();
    }

    /**
     * A supervisor hands the case to {@code advisorId}, who must cover the case's community (400 otherwise);
     * published as {@code CaseAssigned} and audited.
     */
    public Mono<CaseView> reassign(Caller caller, UUID caseId, String advisorId) {
        // the access check (and a refusal's audit) outside the change's transaction, so a refusal stays audited
        return permitted(caller, caseId, AuditAction.CHANGE, false)
                .flatMap(seen -> transactions
                        .transactional(store.find(caseId, true)
                                .flatMap(state -> directory
                                        .advisor(advisorId)
                                        .onErrorMap(e -> CaseProblem.invalid("advisorId", "no advisor " + advisorId))
                                        .filter(advisor -> advisor.communities().contains(state.communityCode()))
                                        .switchIfEmpty(Mono.error(() -> CaseProblem.invalid(
                                                "advisorId",
                                                "advisor " + advisorId + " does not cover community "
                                                        + state.communityCode())))
                                        .flatMap(advisor -> {
                                            Optional<CaseState> open = Optional.of(state);
                                            List<CaseChange> changes = decisions.decide(
                                                    open,
                                                    new CaseCommand.Reassign(
                                                            advisorId, caller.userId(), clock.instant()));
                                            return journal.write(open, changes, caller.userId());
                                        }))
                                .flatMap(after -> audit.record(
                                                caller,
                                                AuditAction.CHANGE,
                                                caseId,
                                                after.communityCode(),
                                                true,
                                                "assigned to " + advisorId)
                                        .then(view(caller, after))))
                        .onErrorResume(
                                CaseProblem.class,
                                refused -> audit.record(
                                                caller,
                                                AuditAction.CHANGE,
                                                caseId,
                                                seen.communityCode(),
                                                false,
                                                refused.getBody().getDetail())
                                        .then(Mono.error(refused))));
    }

    /** The case if the caller may see it; otherwise the refusal is audited and the error emitted. */
    private Mono<CaseState> permitted(Caller caller, UUID caseId, AuditAction action, boolean lock) {
        return store.find(caseId, lock)
                .switchIfEmpty(Mono.defer(() -> audit.record(caller, action, caseId, null, false, "no such case")
                        .then(Mono.error(CaseProblem.notFound(caseId)))))
                .flatMap(state -> caller.covers(state.communityCode())
                        ? Mono.just(state)
                        : audit.record(caller, action, caseId, state.communityCode(), false, "outside jurisdiction")
                                .then(Mono.error(CaseProblem.outsideJurisdiction(state.communityCode()))));
    }

    private Mono<CaseView> view(Caller caller, CaseState state) {
        Mono<Optional<HouseholdContact>> contact = contacts.find(state.householdNumber())
                .filter(found -> caller.covers(found.communityCode()))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty());
        return store.notes(state.id())
                .collectList()
                .flatMap(notes -> store.escalations(state.id())
                        .collectList()
                        .flatMap(escalations -> contact.map(found -> new CaseView(
                                state.id(),
                                state.householdNumber(),
                                state.communityCode(),
                                "OPEN",
                                state.urgency(),
                                state.category().name(),
                                state.level() == null ? null : state.level().name(),
                                state.warningId(),
                                String.valueOf(state.ownerId()),
                                state.ownerRole().name(),
                                state.closeProposed(),
                                state.openedAt(),
                                state.visitDueAt(),
                                notes,
                                escalations,
                                found.orElse(null)))));
    }
}
