package org.zhengce.intake.validation;

import java.util.Set;

/** The communities (村/居) the platform knows, by 12-digit statistical division code. */
@FunctionalInterface
public interface CommunityDirectory {

    /** Whether {@code communityCode} (already known to be 12 digits) is a known community. */
    boolean isKnown(String communityCode);

    /** A directory of a fixed set of codes. */
    static CommunityDirectory of(Set<String> communityCodes) {
        Set<String> known = Set.copyOf(communityCodes);
        return known::contains;
    }
}
