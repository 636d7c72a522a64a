package org.zhengce.referral.cases;

import org.zhengce.events.Urgency;
import org.zhengce.events.WarningLevel;

/** Urgency of a case from its warning's level, and how an escalation raises it. */
public final class CaseUrgency {

    private CaseUrgency() {}

    /** RED is urgent (solve now, 急难); ORANGE and YELLOW in stages; BLUE long-term; an unknown level in stages. */
    public static Urgency of(WarningLevel level) {
        return switch (level) {
            case RED -> Urgency.SOLVE_NOW;
            case ORANGE, YELLOW, UNKNOWN -> Urgency.IN_STAGES;
            case BLUE -> Urgency.LONG_TERM;
        };
    }

    /** At least the new level's urgency and one step above {@code current} (solve now is the top). */
    static Urgency escalated(Urgency current, WarningLevel level) {
        Urgency stepUp = switch (current) {
            case UNKNOWN, LONG_TERM -> Urgency.IN_STAGES;
            case IN_STAGES, SOLVE_NOW -> Urgency.SOLVE_NOW;
        };
        return max(stepUp, of(level));
    }

    static Urgency max(Urgency a, Urgency b) {
        return rank(a) >= rank(b) ? a : b;
    }

    public static int rank(Urgency urgency) {
        return switch (urgency) {
            case UNKNOWN -> 0;
            case LONG_TERM -> 1;
            case IN_STAGES -> 2;
            case SOLVE_NOW -> 3;
        };
    }

    public static boolean isUrgent(Urgency urgency) {
        return urgency == Urgency.SOLVE_NOW;
    }
}
