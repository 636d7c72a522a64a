package org.zhengce.referral.resources;

/**
 * An organisation, caring company or volunteer team that covers the community and offers the service, with room
 * for another case.
 *
 * @param openReferrals its referrals not yet answered ({@code PROPOSED}) or being served ({@code ACCEPTED})
 * @param freeCapacity {@code capacity - openReferrals}, more than zero
 */
public record MatchedResource(
        String organisationId, String name, OrganisationKind kind, int capacity, int openReferrals, int freeCapacity) {}
