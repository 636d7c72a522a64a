/**
 * One household, one plan (一户一策): drafted when a case is verified (the policy library against the visit's facts,
 * the resource library against its needs), redrafted by the advisor, approved by a supervisor above an amount
 * (maker-checker), confirmed into referrals; every version kept in {@code case_plans}. {@link
 * org.zhengce.referral.plans.CasePlans} is the facade (the cases feature's {@link org.zhengce.referral.cases.Planning}).
 */
@NullMarked
package org.zhengce.referral.plans;

import org.jspecify.annotations.NullMarked;
