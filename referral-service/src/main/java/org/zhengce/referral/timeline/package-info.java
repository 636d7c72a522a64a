/**
 * A case's timeline: every step, who took it, when, the stage after it; written by the features that take them (a
 * case's own changes through the cases feature's {@link org.zhengce.referral.cases.CaseHistory}).
 */
@NullMarked
package org.zhengce.referral.timeline;

import org.jspecify.annotations.NullMarked;
