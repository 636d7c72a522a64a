/**
 * Worklists for the web console: an advisor's own open cases, a supervisor's area, the advisors of a community to
 * re-assign to; sorted by urgency, then deadline.
 */
@NullMarked
package org.zhengce.referral.worklists;

import org.jspecify.annotations.NullMarked;
