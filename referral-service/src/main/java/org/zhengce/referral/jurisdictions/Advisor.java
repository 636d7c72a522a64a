package org.zhengce.referral.jurisdictions;

import java.util.List;

/** An advisor and the community codes they cover (at least one). */
public record Advisor(String id, String name, AdvisorKind kind, List<String> communities) {

    public Advisor {
        communities = List.copyOf(communities);
    }
}
