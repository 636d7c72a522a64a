package org.zhengce.scoring.model;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which facts a rule or an early-warning edge looks at: facts of these types, not cancelled by a later fact of the same
 * subject, the latest per subject (and {@code latestBy} fields) when asked, inside the window, matching every
 * condition.
 *
 * @param facts the event types (or {@code Member})
 * @param window facts count while {@code at - window < occurredAt <= at}; null: for as long as the portrait keeps them
 * @param cancelledBy a fact no longer counts once the same person (or the household, for household facts) has a later
 *     fact of one of these types
 * @param latest only the most recent fact per subject and {@code latestBy} values counts
 */
record Selector(
        List<String> facts,
        List<Condition> where,
        @Nullable Duration window,
        List<String> cancelledBy,
        boolean latest,
        List<String> latestBy) {

    Selector {
        facts = List.copyOf(facts);
        where = List.copyOf(where);
        cancelledBy = List.copyOf(cancelledBy);
        latestBy = List.copyOf(latestBy);
    }
}
