package org.zhengce.referral.resources;

import java.util.List;

/**
 * The resources that could give one requested service in a community.
 *
 * @param serviceItem the service-menu item asked for
 * @param available the resources covering the community, offering the item and below their capacity, the most
 *     free capacity first (ties: by organisation id); empty when none
 * @param atCapacity ids of the resources that would match but are full (free capacity zero or less), so that the
 *     advisor knows they exist; never proposed
 */
public record ResourceMatch(
        String serviceItem, String nameZh, String nameEn, List<MatchedResource> available, List<String> atCapacity) {

    public ResourceMatch {
        available = List.copyOf(available);
        atCapacity = List.copyOf(atCapacity);
    }
}
