package org.zhengce.referral.complaints;

import java.util.List;

/**
 * A step the complaint's stage does not allow, naming the stage, the steps it allows and the rule broken: the
 * domain's refusal, answered with 409.
 */
final class ComplaintRefused extends RuntimeException {

    private final ComplaintStatus currentState;
    private final ComplaintStep step;
    private final String rule;

    ComplaintRefused(ComplaintStatus currentState, ComplaintStep step, String rule, String message) {
        super(message);
        this.currentState = currentState;
        this.step = step;
        this.rule = rule;
    }

    ComplaintStatus currentState() {
        return currentState;
    }

    List<ComplaintStep> allowedTransitions() {
        return currentState.allowed();
    }

    ComplaintStep step() {
        return step;
    }

    String rule() {
        return rule;
    }
}
