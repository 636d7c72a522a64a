package org.zhengce.referral.warnings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zhengce.events.HouseholdWarningEvent;
import org.zhengce.events.Urgency;
import org.zhengce.events.WarningEscalated;
import org.zhengce.events.WarningRaised;
import org.zhengce.referral.cases.CaseUrgency;

/**
 * The order a batch of warnings is applied in: households whose first warning in the batch is urgent first, so
 * that when several cases are routed together the urgent ones get the least-loaded advisors; a household's own
 * warnings keep their order (stable).
 */
final class WarningBatch {

    private WarningBatch() {}

    static List<HouseholdWarningEvent> urgentFirst(List<HouseholdWarningEvent> warnings) {
        Map<String, List<HouseholdWarningEvent>> byHousehold = new LinkedHashMap<>();
        for (HouseholdWarningEvent warning : warnings) {
            byHousehold
                    .computeIfAbsent(warning.getHousehold().getValue(), household -> new ArrayList<>())
                    .add(warning);
        }
        List<List<HouseholdWarningEvent>> households = new ArrayList<>(byHousehold.values());
        households.sort(Comparator.comparingInt((List<HouseholdWarningEvent> h) -> -rank(h.get(0))));
        return households.stream().flatMap(List::stream).toList();
    }

    private static int rank(HouseholdWarningEvent warning) {
        Object fact = warning.getFact();
        if (fact instanceof WarningRaised raised) {
            return CaseUrgency.rank(CaseUrgency.of(raised.getLevel()));
        }
        if (fact instanceof WarningEscalated escalated) {
            return CaseUrgency.rank(CaseUrgency.of(escalated.getLevel()));
        }
        return CaseUrgency.rank(Urgency.UNKNOWN);
    }
}
