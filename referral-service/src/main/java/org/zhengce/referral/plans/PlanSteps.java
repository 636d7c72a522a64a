package org.zhengce.referral.plans;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.zhengce.referral.cases.CaseState;
import org.zhengce.referral.timeline.StepType;
import org.zhengce.referral.timeline.TimelineEntry;

/** The timeline entries of a plan's steps: drafted, edited, submitted, approved, rejected, confirmed. */
final class PlanSteps {

    private PlanSteps() {}

    /** A new version: the first drafted on verification, the next ones edited. */
    static TimelineEntry written(PlanView plan, CaseState state) {
        return new TimelineEntry(
                plan.createdAt(),
                plan.version() == 1 ? StepType.PLAN_DRAFTED : StepType.PLAN_EDITED,
                plan.createdBy(),
                state.stage().name(),
                "plan version " + plan.version() + ": " + summary(plan.plan()));
    }

    /** A decision on version {@code plan} by {@code by}: submitted, approved, rejected or confirmed. */
    static TimelineEntry decided(
            StepType type, PlanView plan, CaseState state, String by, @Nullable String note, Instant at) {
        String what = switch (type) {
            case PLAN_SUBMITTED ->
                "submitted for a supervisor's approval, committing " + plan.committedAmountFen() + " fen";
            case PLAN_APPROVED -> "approved";
            case PLAN_REJECTED -> "rejected";
            default -> "confirmed";
        };
        return new TimelineEntry(
                at,
                type,
                by,
                state.stage().name(),
                "plan version " + plan.version() + " " + what + (note == null || note.isBlank() ? "" : ": " + note));
    }

    private static String summary(PlanBody body) {
        StringBuilder text = new StringBuilder(body.tier().name());
        if (!body.programmes().isEmpty()) {
            text.append("; programmes ")
                    .append(String.join(
                            ", ",
                            body.programmes().stream()
                                    .map(PlanBody.PlannedProgramme::code)
                                    .toList()));
        }
        if (!body.resources().isEmpty()) {
            text.append("; resources ")
                    .append(String.join(
                            ", ",
                            body.resources().stream()
                                    .map(r -> r.serviceItem() + " by " + r.organisationName())
                                    .toList()));
        }
        if (body.oneOffAssistanceFen() > 0) {
            text.append("; one-off ").append(body.oneOffAssistanceFen()).append(" fen");
        }
        return text.toString();
    }
}
