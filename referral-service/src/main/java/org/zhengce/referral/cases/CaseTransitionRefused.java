package org.zhengce.referral.cases;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.zhengce.referral.cases.CaseStage.Step;

/**
 * A step the case, as it stands, does not allow: the domain's refusal, naming the case's stage, the steps that stage
 * allows and the step refused (null for a step outside the stage table, such as re-assigning a closed case). The
 * web layer answers it as a 409 problem ({@link CaseProblem#refused}).
 */
public final class CaseTransitionRefused extends RuntimeException {

    private final CaseStage currentState;
    private final @Nullable Step step;

    public CaseTransitionRefused(CaseState state, @Nullable Step step, String why) {
        super((step == null ? "this step" : step.name()) + " is not allowed on case " + state.id() + ": " + why
                + "; allowed in " + state.stage() + ": "
                + Step.names(state.stage().allowed()));
        this.currentState = state.stage();
        this.step = step;
    }

    public CaseStage currentState() {
        return currentState;
    }

    /** The steps the current stage allows, as the API names them. */
    public List<String> allowedTransitions() {
        return Step.names(currentState.allowed());
    }

    public @Nullable Step step() {
        return step;
    }
}
