package org.zhengce.referral.policies;

import java.util.List;

/** Every programme of the library, evaluated for one household: proposed or not, and why. */
public record PolicyEvaluation(
        String communityCode, List<Eligibility> eligible, List<Ineligibility> notEligible, long libraryRevision) {

    public PolicyEvaluation {
        eligible = List.copyOf(eligible);
        notEligible = List.copyOf(notEligible);
    }
}
