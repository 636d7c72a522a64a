package org.zhengce.referral.jurisdictions;

import java.util.List;

/**
 * A social organisation (社会组织: social-work agency, charity, volunteer team, caring company).
 *
 * @param services codes of the services it offers (service-menu items, e.g. {@code medical.escort})
 * @param capacity how many cases it can take at once
 * @param communities the community codes it serves
 */
public record Organisation(String id, String name, List<String> services, int capacity, List<String> communities) {

    public Organisation {
        services = List.copyOf(services);
        communities = List.copyOf(communities);
    }
}
