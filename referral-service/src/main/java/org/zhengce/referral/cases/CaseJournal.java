package org.zhengce.referral.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.zhengce.referral.cases.CaseChange.CaseOpened;
import org.zhengce.referral.cases.CaseChange.NoteAdded;
import org.zhengce.referral.cases.CaseChange.OwnedBySupervisor;
import org.zhengce.referral.cases.CaseChange.UrgencyRaised;
import org.zhengce.referral.visits.Visits;
import reactor.core.publisher.Mono;

/**
 * Writes what a decision changed, inside the caller's transaction: the case row, its notes, escalations and visits,
 * its timeline's steps ({@link CaseHistory}), and the published changes for {@code case.events} ({@link
 * CaseEventLog}).
 */
@Component
class CaseJournal {

    private final CaseStore store;
    private final CaseEventLog events;
    private final CaseHistory history;
    private final Visits visits;

    CaseJournal(CaseStore store, CaseEventLog events, CaseHistory history, Visits visits) {
        this.store = store;
        this.events = events;
        this.history = history;
        this.visits = visits;
    }

    /**
     * Writes what the decision did, as it was evolved once ({@code decided}: each change with the case after it);
     * emits the case after them.
     */
    Mono<CaseState> write(CaseEvolution decided, @Nullable String actor) {
        List<CaseChange> changes = decided.changes();
        if (changes.isEmpty()) {
            return Mono.justOrEmpty(decided.before());
        }
        Optional<CaseState> previous = decided.before();
        List<Mono<Void>> details = new ArrayList<>();
        details.add(history.record(decided, actor));
        for (CaseEvolution.Step evolved : decided.steps()) {
            CaseChange change = evolved.change();
            CaseState after = evolved.after();
            if (change instanceof NoteAdded note) {
                details.add(store.addNote(after.id(), note.at(), actor, note.text()));
            } else if (change instanceof UrgencyRaised raised) {
                details.add(store.addEscalation(
                        after.id(),
                        raised.at(),
                        "WARNING_ESCALATED",
                        raised.from(),
                        raised.to(),
                        after.assignment().ownerId()));
            } else if (change instanceof CaseChange.Visited visited) {
                details.add(visits.record(
                        after.id(),
                        visited.visitId(),
                        visited.advisorId(),
                        visited.visitedAt(),
                        visited.findings(),
                        visited.needs(),
                        visited.facts()));
            } else if (change instanceof CaseChange.DeadlineMissed missed) {
                details.add(store.addEscalation(
                        after.id(),
                        missed.at(),
                        "DEADLINE_MISSED",
                        after.warning().urgency(),
                        after.warning().urgency(),
                        missed.supervisorId()));
                details.add(store.addNote(
                        after.id(),
                        missed.at(),
                        null,
                        missed.step() + " was due " + missed.dueAt() + ": escalated to " + missed.supervisorId()));
            } else if (change instanceof CaseChange.Reopened reopened) {
                details.add(store.addNote(after.id(), reopened.at(), actor, "re-opened: " + reopened.reason()));
            } else if (change instanceof CaseChange.AssistedFirst assisted) {
                details.add(
                        store.addNote(after.id(), assisted.at(), actor, "先行救助 assisted first: " + assisted.measures()));
            } else if (change instanceof OwnedBySupervisor owned) {
                details.add(store.addEscalation(
                        after.id(),
                        owned.at(),
                        "NO_ADVISOR",
                        previous.map(before -> before.warning().urgency())
                                .orElse(after.warning().urgency()),
                        after.warning().urgency(),
                        owned.supervisorId()));
            }
            previous = Optional.of(after);
        }
        CaseState after = decided.after().orElseThrow();
        Mono<Void> row = changes.get(0) instanceof CaseOpened ? store.insert(after) : store.update(after);
        return row.then(Mono.defer(
                        () -> reactor.core.publisher.Flux.concat(details).then()))
                .then(Mono.defer(() -> events.append(decided, actor)))
                .thenReturn(after);
    }
}
