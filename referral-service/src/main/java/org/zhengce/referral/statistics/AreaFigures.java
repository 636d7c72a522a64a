package org.zhengce.referral.statistics;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.zhengce.referral.jurisdictions.JurisdictionLevel;

/**
 * The figures of one jurisdiction. {@code openNow} and {@code overdueNow} are the state at {@code asOf} of every
 * case of the jurisdiction, whenever it was opened (the backlog a supervisor watches); every other figure is about
 * the cases opened in the period, as they stand now.
 *
 * @param opened cases opened in the period
 * @param openNow cases open now (any opening date)
 * @param overdueNow open cases whose current step was due before now
 * @param medianHoursToFirstVisit median hours from the warning (else the opening) to the first visit, over the
 *     period's visited cases; null when none was visited
 * @param p90HoursToFirstVisit the 90th percentile of the same (continuous, as PostgreSQL's percentile_cont)
 * @param visited cases of the period visited at least once
 * @param visitRate visited / opened
 * @param verified cases of the period verified (核实属实)
 * @param dismissed cases of the period dismissed after verification, whatever the reason
 * @param referred cases of the period referred by tier
 * @param closed cases of the period closed after verification (stage CLOSED; dismissed cases are not in it)
 * @param resolved closed cases whose outcome is {@code ASSISTED} or {@code NEEDS_MET}
 * @param resolutionRate resolved / closed
 * @param assistFirst cases of the period taken the assist-first way (先行救助)
 * @param referralsByTier the referrals the period's cases' plans made, by tier (every tier, 0 included)
 * @param referralsByOrganisation referrals to social organisations, by organisation, with their status counts
 * @param complaints the complaints about the area's cases (issue 19)
 * @param delivery the services the period's plans committed and how many reached the household (服务送达率)
 * @param feedback the households' evaluations of the services delivered to them
 */
record AreaFigures(
        String code,
        String name,
        JurisdictionLevel level,
        long opened,
        long openNow,
        long overdueNow,
        @Nullable Double medianHoursToFirstVisit,
        @Nullable Double p90HoursToFirstVisit,
        long visited,
        @Nullable Double visitRate,
        long verified,
        long dismissed,
        long referred,
        long closed,
        long resolved,
        @Nullable Double resolutionRate,
        long assistFirst,
        Map<String, Long> referralsByTier,
        List<OrganisationReferrals> referralsByOrganisation,
        ComplaintFigures complaints,
        Delivery delivery,
        FeedbackFigures feedback) {

    /**
     * The referrals to one organisation; {@code byStatus} has every referral status (0 included); {@code
     * evaluations} and {@code averageSatisfaction} are the households' evaluations of its services (null: none).
     */
    record OrganisationReferrals(
            String id,
            @Nullable String name,
            long referrals,
            Map<String, Long> byStatus,
            long evaluations,
            @Nullable Double averageSatisfaction) {}

    /**
     * 服务送达率: of the services the period's confirmed plans committed (programme applications and referrals to
     * organisations; tracking is monitoring, not a service), how many reached the household. Counted from the
     * referrals' statuses, so a service still under way counts as committed and not (yet) delivered.
     *
     * @param services applications and organisation referrals made
     * @param delivered applications granted and referrals completed
     * @param notDelivered applications rejected and referrals declined
     * @param inProgress applications waiting for a decision, referrals proposed or accepted
     * @param deliveryRate delivered / services; null when no service was committed
     */
    record Delivery(
            long services,
            long delivered,
            long notDelivered,
            long inProgress,
            @Nullable Double deliveryRate) {

        static Delivery of(long delivered, long notDelivered, long inProgress) {
            long services = delivered + notDelivered + inProgress;
            return new Delivery(services, delivered, notDelivered, inProgress, Ratios.of(delivered, services));
        }
    }

    /**
     * The households' evaluations of the services delivered to the period's cases (one per service).
     *
     * @param evaluations services evaluated
     * @param averageSatisfaction the mean satisfaction (1 to 5) to 2 decimals; null when none was evaluated
     * @param saidDelivered evaluations in which the household said the service reached it
     * @param saidNotDelivered evaluations in which the household said it did not
     */
    record FeedbackFigures(
            long evaluations, @Nullable Double averageSatisfaction, long saidDelivered, long saidNotDelivered) {

        static final FeedbackFigures NONE = new FeedbackFigures(0, null, 0, 0);
    }

    /**
     * Complaints about the cases of the area, counted in the case's community when filed.
     *
     * @param filed complaints filed in the period
     * @param acknowledgedInTime of those, acknowledged by their acknowledgement deadline
     * @param resolvedInTime of those, resolved (withdrawn included) by their resolution deadline
     * @param openNow complaints not resolved now (any filing date)
     */
    record ComplaintFigures(long filed, long acknowledgedInTime, long resolvedInTime, long openNow) {

        static final ComplaintFigures NONE = new ComplaintFigures(0, 0, 0, 0);
    }
}
