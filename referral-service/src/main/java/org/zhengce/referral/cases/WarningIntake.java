package org.zhengce.referral.cases;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.zhengce.events.HouseholdWarningEvent;
import org.zhengce.events.WarningCleared;
import org.zhengce.events.WarningEscalated;
import org.zhengce.events.WarningRaised;
import org.zhengce.referral.households.HouseholdContact;
import org.zhengce.referral.households.HouseholdContacts;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies warnings to cases, a batch in one transaction: each warning event once (its {@code eventId} recorded in
 * the same transaction), urgent households first; a newly opened case is routed at once. A raised or escalated
 * warning is kept on its case with its reasons.
 */
@Service
class WarningIntake {

    private final CaseStore store;
    private final CaseDecisions decisions;
    private final CaseJournal journal;
    private final CaseWarnings warnings;
    private final CaseRouting router;
    private final HouseholdContacts contacts;
    private final TransactionalOperator transactions;

    WarningIntake(
            CaseStore store,
            CaseDecisions decisions,
            CaseJournal journal,
            CaseWarnings warnings,
            CaseRouting router,
            HouseholdContacts contacts,
            TransactionalOperator transactions) {
        this.store = store;
        this.decisions = decisions;
        this.journal = journal;
        this.warnings = warnings;
        this.router = router;
        this.contacts = contacts;
        this.transactions = transactions;
    }

    Mono<Void> apply(List<HouseholdWarningEvent> warnings) {
        return Flux.fromIterable(WarningBatch.urgentFirst(warnings))
                .concatMap(this::applyOne)
                .then()
                .as(transactions::transactional);
    }

    private Mono<Void> applyOne(HouseholdWarningEvent warning) {
        String household = warning.getHousehold().getValue();
        return store.claimWarningEvent(warning.getEventId(), warning.getWarningId(), warning.getOccurredAt())
                .filter(Boolean::booleanValue)
                .flatMap(fresh -> community(warning))
                .flatMap(community -> store.openCaseOf(household)
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty())
                        .flatMap(open -> {
                            CaseCommand command = command(warning, community);
                            List<CaseChange> changes = decisions.decide(open, command);
                            if (changes.isEmpty()) {
                                return Mono.<Void>empty();
                            }
                            if (!(changes.get(0) instanceof CaseChange.CaseOpened)) {
                                return journal.write(open, changes, null)
                                        .flatMap(after -> warnings.record(after.id(), warning));
                            }
                            Optional<CaseState> opened =
                                    decisions.decideAndEvolve(open, command).after();
                            return router.route(community).flatMap(decision -> {
                                List<CaseChange> all = new java.util.ArrayList<>(changes);
                                all.addAll(decisions.decide(opened, new CaseCommand.Route(decision, command.at())));
                                return journal.write(open, all, null)
                                        .flatMap(after -> warnings.record(after.id(), warning));
                            });
                        }));
    }

    /** The warning's community, else the household's registered one, else empty (unknown). */
    private Mono<String> community(HouseholdWarningEvent warning) {
        if (warning.getCommunityCode() != null && !warning.getCommunityCode().isEmpty()) {
            return Mono.just(warning.getCommunityCode());
        }
        return contacts.find(warning.getHousehold().getValue())
                .map(HouseholdContact::communityCode)
                .defaultIfEmpty("");
    }

    private static CaseCommand command(HouseholdWarningEvent warning, String community) {
        Object fact = warning.getFact();
        String household = warning.getHousehold().getValue();
        if (fact instanceof WarningRaised raised) {
            return new CaseCommand.RaiseWarning(
                    warning.getEventId(),
                    warning.getWarningId(),
                    household,
                    community,
                    raised.getCategory(),
                    raised.getLevel(),
                    warning.getModelVersion(),
                    warning.getOccurredAt());
        }
        if (fact instanceof WarningEscalated escalated) {
            return new CaseCommand.EscalateWarning(
                    warning.getEventId(),
                    warning.getWarningId(),
                    household,
                    community,
                    escalated.getCategory(),
                    escalated.getLevel(),
                    warning.getModelVersion(),
                    warning.getOccurredAt());
        }
        WarningCleared cleared = (WarningCleared) fact;
        return new CaseCommand.ClearWarning(
                warning.getEventId(), warning.getWarningId(), cleared.getReason(), warning.getOccurredAt());
    }
}
