package org.zhengce.referral.cases;

import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.households.HouseholdContact;
import org.zhengce.referral.households.HouseholdContacts;
import org.zhengce.referral.security.Role;
import reactor.core.publisher.Mono;

/** A case as {@code caller} may see it: its notes, escalations and warning; contact details only in their area. */
@Component
class CaseViews {

    private final CaseStore store;
    private final KeptWarnings warnings;
    private final HouseholdContacts contacts;
    private final Clock clock;

    CaseViews(CaseStore store, KeptWarnings warnings, HouseholdContacts contacts, Clock clock) {
        this.store = store;
        this.warnings = warnings;
        this.contacts = contacts;
        this.clock = clock;
    }

    Mono<CaseView> view(Caller<Role> caller, CaseState state) {
        Mono<Optional<HouseholdContact>> contact = contacts.find(
                        state.household().number())
                .filter(found -> caller.covers(found.communityCode()))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty());
        Mono<Optional<CaseWarning>> warning =
                warnings.latest(state.id()).map(Optional::of).defaultIfEmpty(Optional.empty());
        // one after the other: inside a transaction every query runs on the same connection
        return store.notes(state.id())
                .collectList()
                .flatMap(notes -> store.escalations(state.id())
                        .collectList()
                        .flatMap(escalations -> warning.flatMap(latest -> contact.map(found -> new CaseView(
                                state.id(),
                                state.household().number(),
                                state.household().communityCode(),
                                state.isOpen() ? "OPEN" : "CLOSED",
                                state.stage(),
                                state.due().step(),
                                state.due().at(),
                                state.due().at() != null && state.due().at().isBefore(clock.instant()),
                                state.progress().assistFirst(),
                                state.referral().tier(),
                                state.warning().urgency(),
                                state.warning().category().name(),
                                state.warning().level() == null
                                        ? null
                                        : state.warning().level().name(),
                                state.warning().id(),
                                String.valueOf(state.assignment().ownerId()),
                                state.assignment().role().name(),
                                state.progress().closeProposed(),
                                state.progress().openedAt(),
                                state.progress().visitDueAt(),
                                state.version(),
                                latest.orElse(null),
                                notes,
                                escalations,
                                found.orElse(null))))));
    }
}
