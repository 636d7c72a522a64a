package org.zhengce.faults.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.zhengce.faults.platform.Component;

/**
 * What a run came to: the rounds per component, the events sent and accepted, and everything that must be empty for
 * the platform to have kept its promise (nothing lost, nothing counted twice, no identity number anywhere).
 *
 * @param rounds kills per component
 * @param exits times a component ended on its own (a failed start) and was started again, as Kubernetes would
 * @param sent distinct events the load sent
 * @param accepted events intake accepted (or the department topic acknowledged)
 * @param repeats deliveries sent again after a failure
 * @param refused valid events refused for good (id and rule): a fault must never turn into a rejection
 * @param serverErrors deliveries answered 500 (event id, way): a fault is answered 503 with Retry-After, never 500
 * @param lost accepted events not on {@code household.events}
 * @param duplicatedEvents event ids on {@code household.events} more than once
 * @param warnings warnings raised (distinct warning ids)
 * @param duplicatedWarnings warning events or raised warning ids on {@code household.warnings} more than once
 * @param warnedHouseholds households with a warning raised
 * @param cases cases of the warned households in referral's database
 * @param householdsWithoutCase warned households without a case
 * @param householdsWithSeveralCases warned households with more than one case
 * @param duplicatedCaseEvents case event ids on {@code case.events} more than once
 * @param assignments {@code CaseAssigned} events, each owed one alert to its advisor
 * @param alerts alert rows in notification's database
 * @param missingAlerts assignments without their advisor's alert, and case events notification never processed
 * @param duplicatedAlerts alert event ids on {@code alert.events} more than once
 * @param leaks identity numbers found that the load sent (where, masked): a resident's number got out
 * @param lookAlikes digit runs the detector takes for a number but that are none the load sent (a hex pseudonym
 *     with 18 digits in a row, say): listed, not a failure, as the load sent every identity number the run knows
 */
public record Figures(
        Map<Component, Integer> rounds,
        Map<Component, Integer> exits,
        int sent,
        int accepted,
        long repeats,
        List<String> refused,
        List<String> serverErrors,
        List<String> lost,
        List<String> duplicatedEvents,
        int warnings,
        List<String> duplicatedWarnings,
        int warnedHouseholds,
        int cases,
        List<String> householdsWithoutCase,
        List<String> householdsWithSeveralCases,
        List<String> duplicatedCaseEvents,
        int assignments,
        int alerts,
        List<String> missingAlerts,
        List<String> duplicatedAlerts,
        List<String> leaks,
        List<String> lookAlikes) {

    /** Everything accepted arrived and was followed through: the condition the end of a run waits for. */
    boolean settled() {
        return lost.isEmpty() && householdsWithoutCase.isEmpty() && missingAlerts.isEmpty();
    }

    /** Nothing lost, refused, duplicated or leaked. */
    public boolean passed() {
        return failures().isEmpty();
    }

    /** What went wrong, one line per kind with up to ten examples; empty when the run passed. */
    public List<String> failures() {
        List<String> failures = new ArrayList<>();
        add(failures, "valid events refused", refused);
        add(failures, "deliveries answered 500 (a fault must be answered 503)", serverErrors);
        add(failures, "accepted events lost (not on household.events)", lost);
        add(failures, "events duplicated on household.events", duplicatedEvents);
        add(failures, "warnings duplicated on household.warnings", duplicatedWarnings);
        add(failures, "warned households without a case", householdsWithoutCase);
        add(failures, "warned households with more than one case", householdsWithSeveralCases);
        add(failures, "case events duplicated on case.events", duplicatedCaseEvents);
        add(failures, "alerts missing (case event, recipient)", missingAlerts);
        add(failures, "alert events duplicated on alert.events", duplicatedAlerts);
        add(failures, "identity numbers found", leaks);
        return failures;
    }

    private static void add(List<String> failures, String what, List<String> items) {
        if (!items.isEmpty()) {
            failures.add(items.size() + " " + what + ": "
                    + String.join("; ", items.subList(0, Math.min(10, items.size())))
                    + (items.size() > 10 ? "; ..." : ""));
        }
    }

    /** The figures as a Markdown table. */
    public String table() {
        StringBuilder table = new StringBuilder("| figure | value |\n|---|---|\n");
        rounds.forEach((component, n) -> row(table, "kill -9 rounds: " + component.label(), n));
        exits.forEach((component, n) -> row(table, "ended on its own and started again: " + component.label(), n));
        row(table, "events sent", sent);
        row(table, "events accepted", accepted);
        row(table, "deliveries repeated after a failure", repeats);
        row(table, "valid events refused", refused.size());
        row(table, "deliveries answered 500", serverErrors.size());
        row(table, "accepted events lost", lost.size());
        row(table, "events duplicated", duplicatedEvents.size());
        row(table, "warnings raised", warnings);
        row(table, "warnings duplicated", duplicatedWarnings.size());
        row(table, "warned households", warnedHouseholds);
        row(table, "their cases", cases);
        row(table, "warned households without a case", householdsWithoutCase.size());
        row(table, "warned households with several cases", householdsWithSeveralCases.size());
        row(table, "case events duplicated", duplicatedCaseEvents.size());
        row(table, "case assignments (each owed an alert)", assignments);
        row(table, "alerts", alerts);
        row(table, "alerts missing", missingAlerts.size());
        row(table, "alert events duplicated", duplicatedAlerts.size());
        row(table, "identity numbers found", leaks.size());
        row(table, "look-alikes (no number the load sent)", lookAlikes.size());
        return table.toString();
    }

    private static void row(StringBuilder table, String figure, long value) {
        table.append("| ").append(figure).append(" | ").append(value).append(" |\n");
    }
}
