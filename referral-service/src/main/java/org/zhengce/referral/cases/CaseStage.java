package org.zhengce.referral.cases;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Where a case is in the workflow, and the steps each stage allows (the guards of the state machine). A step asked
 * of a stage that does not allow it is refused with 409, naming the stage and the steps it allows.
 *
 * <pre>
 * OPENED ─route─▶ ASSIGNED ─visit─▶ VISITED ─verify─▶ VERIFIED ─refer─▶ REFERRED ─close─▶ CLOSED
 *                    │ assist-first     │ dismiss          │ plan          │ visit (review), refer
 *                    ▼ (urgent)         ▼                                  │ a new warning: re-open ─▶ ASSIGNED
 *               (verify after)     DISMISSED ─reopen─▶ ASSIGNED            ▼
 *                                                                       CLOSED ─reopen─▶ ASSIGNED
 * </pre>
 */
public enum CaseStage {
    /** Just opened from a warning; routed in the same transaction, so never seen outside a decision. */
    OPENED,
    /** Owned by an advisor (or a supervisor when no advisor covers the community): the visit is due. */
    ASSIGNED,
    /** Visited: the difficulty is to be verified or the case dismissed. */
    VISITED,
    /** Difficulty verified (甄别): a plan and a referral are due. */
    VERIFIED,
    /** Dismissed after a visit, with a reason: closed. */
    DISMISSED,
    /** Referred by tier: a programme application, an organisation, or long-term tracking. */
    REFERRED,
    /** Closed with an outcome. */
    CLOSED;

    /** The steps a user may take on a case in this stage. */
    public Set<Step> allowed() {
        switch (this) {
            case ASSIGNED:
                return EnumSet.of(Step.VISIT, Step.ASSIST_FIRST, Step.CLOSE);
            case VISITED:
                return EnumSet.of(Step.VISIT, Step.VERIFY, Step.DISMISS, Step.ASSIST_FIRST, Step.CLOSE);
            case VERIFIED:
                return EnumSet.of(Step.VISIT, Step.PLAN, Step.REFER);
            case REFERRED:
                return EnumSet.of(Step.VISIT, Step.PLAN, Step.REFER, Step.CLOSE);
            case DISMISSED:
            case CLOSED:
                return EnumSet.of(Step.REOPEN);
            default:
                return EnumSet.noneOf(Step.class);
        }
    }

    /** True for the stages of a case that is no longer open. */
    public boolean isClosed() {
        return this == DISMISSED || this == CLOSED;
    }

    /** The steps of the workflow, as the API names them. */
    public enum Step {
        VISIT,
        VERIFY,
        DISMISS,
        ASSIST_FIRST,
        PLAN,
        REFER,
        CLOSE,
        REOPEN;

        /** The allowed steps, for a 409 problem. */
        static List<String> names(Set<Step> steps) {
            return steps.stream().map(Enum::name).toList();
        }
    }
}
