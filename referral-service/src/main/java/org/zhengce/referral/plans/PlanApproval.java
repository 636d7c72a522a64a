package org.zhengce.referral.plans;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.zhengce.referral.plans.PlanBody.PlannedProgramme;
import org.zhengce.referral.policies.PolicyLibrary;

/**
 * Why a plan waits for a supervisor's approval (maker-checker), if it does: it commits more than {@code
 * referral.plans.approval-above-fen}, or it holds a programme whose amount is unknown. A programme's amount is
 * unknown when the advisor added it against the rules (nothing estimated it: it is not counted as 0 fen), or when
 * the rules proposed a programme that pays a regular amount but could not estimate it (a fact was missing). A
 * programme that pays no regular amount (a status, a service; one-off help is the plan's own figure) proposed by
 * the rules has a known amount: none.
 */
@Component
class PlanApproval {

    private final PlanSettings settings;
    private final PolicyLibrary policies;

    PlanApproval(PlanSettings settings, PolicyLibrary policies) {
        this.settings = settings;
        this.policies = policies;
    }

    /** The reasons {@code body} needs a supervisor's approval, for the advisor and the supervisor; empty when none. */
    List<ApprovalReason> reasons(PlanBody body) {
        List<ApprovalReason> reasons = new ArrayList<>();
        if (body.committedAmountFen() > settings.approvalAboveFen()) {
            reasons.add(new ApprovalReason(
                    ApprovalReason.Kind.ABOVE_APPROVAL_LINE,
                    null,
                    "it commits " + body.committedAmountFen() + " fen, more than " + settings.approvalAboveFen()
                            + " fen"));
        }
        for (PlannedProgramme programme : body.programmes()) {
            if (programme.estimatedMonthlyAmountFen() != null) {
                continue;
            }
            if (programme.matchedRule().isEmpty()) {
                reasons.add(new ApprovalReason(
                        ApprovalReason.Kind.AMOUNT_UNKNOWN,
                        programme.code(),
                        programme.code() + " was added by the advisor against the rules: its amount is unknown"));
            } else if (policies.programme(programme.code())
                    .map(definition -> definition.estimatedMonthlyAmountFen() != null)
                    .orElse(true)) {
                reasons.add(new ApprovalReason(
                        ApprovalReason.Kind.AMOUNT_UNKNOWN,
                        programme.code(),
                        programme.code() + ": the rules could not estimate its amount, so it is unknown"));
            }
        }
        return List.copyOf(reasons);
    }
}
