package org.zhengce.referral.warnings;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.zhengce.events.HouseholdWarningEvent;
import org.zhengce.events.WarningCleared;
import org.zhengce.events.WarningEscalated;
import org.zhengce.events.WarningRaised;
import org.zhengce.kit.tracing.TraceParent;
import org.zhengce.referral.cases.CaseCommand;
import org.zhengce.referral.cases.Cases;
import org.zhengce.referral.households.HouseholdContact;
import org.zhengce.referral.households.HouseholdContacts;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies warnings to cases, a batch in one transaction: each warning event once (its {@code eventId} recorded in
 * the same transaction), urgent households first; a newly opened case is routed at once. A raised or escalated
 * warning is kept on its case with its reasons.
 */
/**
 * Applies warnings to cases, a batch in one transaction: each warning event once (its {@code eventId} recorded in
 * the same transaction), urgent households first; the household's case decides what the warning changes (a newly
 * opened case is routed at once). A raised or escalated warning is kept on its case with its reasons.
 */
@Service
class WarningIntake {

    private final Cases cases;
    private final CaseWarnings warnings;
    private final HouseholdContacts contacts;
    private final TransactionalOperator transactions;

    WarningIntake(Cases cases, CaseWarnings warnings, HouseholdContacts contacts, TransactionalOperator transactions) {
        this.cases = cases;
        this.warnings = warnings;
        this.contacts = contacts;
        this.transactions = transactions;
    }

    Mono<Void> apply(List<HouseholdWarningEvent> warnings) {
        return apply(warnings, warning -> null);
    }

    /**
     * Applies {@code warnings} as {@link #apply(List)}, each in its trace ({@code traces}, a W3C traceparent or
     * null): the case events it causes carry that trace on (ADR 0023).
     */
    Mono<Void> apply(List<HouseholdWarningEvent> warnings, Function<HouseholdWarningEvent, @Nullable String> traces) {
        return Flux.fromIterable(WarningBatch.urgentFirst(warnings))
                .concatMap(warning ->
                        applyOne(warning).contextWrite(context -> TraceParent.in(context, traces.apply(warning))))
                .then()
                .as(transactions::transactional);
    }

    private Mono<Void> applyOne(HouseholdWarningEvent warning) {
        return warnings.claimWarningEvent(warning.getEventId(), warning.getWarningId(), warning.getOccurredAt())
                .filter(Boolean::booleanValue)
                .flatMap(fresh -> community(warning))
                .flatMap(community ->
                        cases.onWarning(warning.getHousehold().getValue(), community, command(warning, community)))
                .flatMap(after -> warnings.record(after.id(), warning));
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
