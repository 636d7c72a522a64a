package org.zhengce.intake.decisions;

import java.time.Instant;

/**
 * One decision as both ways give it, the Standard Webhooks payload structure: the body of a webhook delivery and one
 * item of {@code GET /decisions}, so that a department handles both with the same code.
 *
 * @param type always {@value #TYPE}
 * @param timestamp when the decision was taken (not when it was delivered)
 * @param cursor its place in the department's sequence: {@code GET /decisions?after=<cursor>} continues after it
 * @param data the decision
 */
record DecisionMessage(String type, Instant timestamp, long cursor, SharedDecision data) {

    static final String TYPE = "assistance_decision.shared";

    static DecisionMessage of(long cursor, SharedDecision decision) {
        return new DecisionMessage(TYPE, decision.decidedAt(), cursor, decision);
    }
}
