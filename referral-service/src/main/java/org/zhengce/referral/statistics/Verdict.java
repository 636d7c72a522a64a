package org.zhengce.referral.statistics;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.zhengce.events.DismissalReason;

/**
 * What the verification of a case from a warning says about the warning.
 *
 * <ul>
 *   <li>{@link #VERIFIED}: the household was found in difficulty (verified): the warning was right;
 *   <li>{@link #FALSE_ALARM}: dismissed as {@code NOT_IN_DIFFICULTY} or {@code ALREADY_ASSISTED}: the warning
 *       was wrong about the household;
 *   <li>{@link #EXCLUDED}: dismissed for a reason that says nothing about the model ({@code MOVED_AWAY},
 *       {@code DECEASED}, {@code DUPLICATE}, {@code DECLINED}, {@code OTHER}, and any reason added later);
 *   <li>{@link #NONE}: no verdict yet (not verified nor dismissed).
 * </ul>
 *
 * A case verified after a dismissal (re-opened) counts by its latest verdict.
 */
enum Verdict {
    VERIFIED,
    FALSE_ALARM,
    EXCLUDED,
    NONE;

    /** The dismissal reasons that make a warning a false alarm. */
    static final Set<DismissalReason> FALSE_ALARM_REASONS =
            EnumSet.of(DismissalReason.NOT_IN_DIFFICULTY, DismissalReason.ALREADY_ASSISTED);

    /** The dismissal reasons left out of the verdicts. */
    static List<DismissalReason> excludedReasons() {
        return Arrays.stream(DismissalReason.values())
                .filter(reason -> !FALSE_ALARM_REASONS.contains(reason))
                .toList();
    }

    /** The SQL expression of a {@code cases} row's verdict (alias {@code c}). */
    static String sql() {
        return "case when c.verified_at is not null and (c.dismissed_at is null or c.verified_at >= c.dismissed_at)"
                + " then 'VERIFIED'"
                + " when c.dismissed_at is not null and c.dismissal_reason in ("
                + CaseStatistics.quoted(
                        FALSE_ALARM_REASONS.stream().map(Enum::name).sorted().toList())
                + ") then 'FALSE_ALARM'"
                + " when c.dismissed_at is not null then 'EXCLUDED'"
                + " else 'NONE' end";
    }
}
