package org.zhengce.referral.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What commands did to a case, each change applied once: the case before them, then each change with the case after
 * it. What the journal writes, the outbox publishes and the timeline shows: nothing is applied twice.
 */
public record CaseEvolution(Optional<CaseState> before, List<Step> steps) {

    /** A change and the case after it. */
    public record Step(CaseChange change, CaseState after) {}

    public List<CaseChange> changes() {
        return steps.stream().map(Step::change).toList();
    }

    /** The case after every change (before them when there is none). */
    public Optional<CaseState> after() {
        return steps.isEmpty()
                ? before
                : Optional.of(steps.get(steps.size() - 1).after());
    }

    /** These changes, then those {@code command} makes to the case after them, decided and applied once. */
    CaseEvolution then(CaseDecisions decisions, CaseCommand command) {
        List<Step> all = new ArrayList<>(steps);
        Optional<CaseState> state = after();
        for (CaseChange change : decisions.decide(state, command)) {
            state = decisions.evolve(state, change);
            all.add(new Step(change, state.orElseThrow()));
        }
        return new CaseEvolution(before, List.copyOf(all));
    }
}
