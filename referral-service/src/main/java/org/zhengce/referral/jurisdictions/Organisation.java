package org.zhengce.referral.jurisdictions;

import java.util.List;
import org.zhengce.referral.resources.OrganisationKind;

/**
 * A resource of the resource library (资源库): a social organisation (社会组织: social-work agency, charity), a
 * caring company (爱心企业) or a volunteer team (志愿服务队).
 *
 * @param services codes of the services it offers (service-menu items, e.g. {@code medical.escort})
 * @param capacity how many cases it can take at once
 * @param communities the community codes it serves
 */
public record Organisation(
        String id, String name, OrganisationKind kind, List<String> services, int capacity, List<String> communities) {

    public Organisation {
        services = List.copyOf(services);
        communities = List.copyOf(communities);
    }

    /** A social organisation ({@link OrganisationKind#SOCIAL_ORGANISATION}), as before kinds existed. */
    public Organisation(String id, String name, List<String> services, int capacity, List<String> communities) {
        this(id, name, OrganisationKind.SOCIAL_ORGANISATION, services, capacity, communities);
    }
}
