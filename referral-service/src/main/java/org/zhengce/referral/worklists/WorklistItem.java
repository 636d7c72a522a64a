package org.zhengce.referral.worklists;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.jspecify.annotations.Nullable;
import org.zhengce.referral.cases.CaseView;

/**
 * A case on a supervisor's worklist: the case as {@code GET /cases/{id}} shows it, plus two fields.
 *
 * @param planStatus the status of the latest plan version, null when the case has no plan
 * @param escalated the case is the supervisor's to act on: its missed deadline was escalated, or no advisor owns it
 */
public record WorklistItem(
        @JsonUnwrapped CaseView caseView, @Nullable String planStatus, boolean escalated) {}
