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
        ComplaintFigures complaints) {

    /** The referrals to one organisation; {@code byStatus} has every referral status (0 included). */
    record OrganisationReferrals(String id, @Nullable String name, long referrals, Map<String, Long> byStatus) {}

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
