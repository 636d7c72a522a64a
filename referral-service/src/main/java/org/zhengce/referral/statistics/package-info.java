/**
 * Statistics per community, street and district (open, overdue, time from warning to visit, visit and resolution
 * rates, referrals by tier and organisation) and the precision of warnings (verified versus dismissed as false
 * alarms, by category, model version and jurisdiction), as JSON, as CSV for upward reporting and, for the
 * scoring model's owners, as gauges.
 */
@NullMarked
package org.zhengce.referral.statistics;

import org.jspecify.annotations.NullMarked;
