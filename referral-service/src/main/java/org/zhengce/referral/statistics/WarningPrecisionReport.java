package org.zhengce.referral.statistics;

import java.time.LocalDate;
import java.util.List;
import org.zhengce.referral.jurisdictions.Jurisdiction;

/**
 * The precision of the warnings behind the cases of an area opened from {@code from} to {@code to}: in total, by
 * warning category, by scoring model version and by child jurisdiction (every child, zeros included).
 *
 * @param falseAlarmReasons the dismissal reasons counted as false alarms
 * @param excludedReasons the dismissal reasons left out of the verdicts
 * @param byReason by the kind of fact that moved the warning's score ({@code <eventType>@<dimension>}): a case
 *     counts once under each of its warnings' reasons
 * @param byRule by the id of the model rule that gave the points (the reasons that name one): a case counts once under
 *     each rule behind its warnings
 */
record WarningPrecisionReport(
        Jurisdiction area,
        LocalDate from,
        LocalDate to,
        String timeZone,
        List<String> falseAlarmReasons,
        List<String> excludedReasons,
        Verdicts total,
        List<Verdicts> byCategory,
        List<Verdicts> byModelVersion,
        List<Verdicts> byJurisdiction,
        List<Verdicts> byReason,
        List<Verdicts> byRule) {}
