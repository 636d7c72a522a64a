package org.zhengce.referral.statistics;

import org.jspecify.annotations.Nullable;

/**
 * The verdicts on the warnings of one group of cases.
 *
 * @param key what the group is: the area's or a child's code, a warning category, a model version (null when the
 *     cases did not record one)
 * @param name the jurisdiction's or category's name; null for a model version
 * @param verified cases verified (the warning was right)
 * @param falseAlarms cases dismissed as not in difficulty or already assisted (the warning was wrong)
 * @param excluded cases dismissed for a reason that says nothing about the model
 * @param withoutVerdict cases not verified nor dismissed (yet)
 * @param verdicts verified + false alarms
 * @param precision verified / verdicts; null when there is no verdict
 * @param falseAlarmRate false alarms / verdicts; null when there is no verdict
 */
record Verdicts(
        @Nullable String key,
        @Nullable String name,
        long verified,
        long falseAlarms,
        long excluded,
        long withoutVerdict,
        long verdicts,
        @Nullable Double precision,
        @Nullable Double falseAlarmRate) {

    static Verdicts of(
            @Nullable String key, @Nullable String name, long verified, long falseAlarms, long excluded, long none) {
        long verdicts = verified + falseAlarms;
        return new Verdicts(
                key,
                name,
                verified,
                falseAlarms,
                excluded,
                none,
                verdicts,
                Ratios.of(verified, verdicts),
                Ratios.of(falseAlarms, verdicts));
    }
}
