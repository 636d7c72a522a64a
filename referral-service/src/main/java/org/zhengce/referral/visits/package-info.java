/**
 * Visits to a household: what an advisor reports ({@link org.zhengce.referral.visits.VisitReport}: findings, the
 * needs picked from the service menu, the household's facts as verified), kept per case in {@code case_visits} and
 * read back oldest first. {@link org.zhengce.referral.visits.Visits} is the facade.
 */
@NullMarked
package org.zhengce.referral.visits;

import org.jspecify.annotations.NullMarked;
