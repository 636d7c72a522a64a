package org.zhengce.referral.cases;

/** Who owns a new case. */
public sealed interface RoutingDecision {

    /** The user id of the owner. */
    String ownerId();

    /** To the advisor with the least open load among those covering the community. */
    record ToAdvisor(String ownerId) implements RoutingDecision {}

    /**
     * No advisor covers the community: the street's supervisor (else the district's, else the configured
     * fallback) owns the case until they re-assign it, and is alerted.
     */
    record NoAdvisor(String ownerId) implements RoutingDecision {}
}
