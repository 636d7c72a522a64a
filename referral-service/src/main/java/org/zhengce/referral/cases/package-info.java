/**
 * Cases from warnings and their workflow: one open case per household, opened, escalated and proposed for closing by
 * warnings, routed, then visited, verified, dismissed, referred, closed, re-opened, each step a pure decision
 * ({@link org.zhengce.referral.cases.CaseDecisions}) written once with its events. {@link
 * org.zhengce.referral.cases.Cases} is the facade; the features it needs implement its small ports ({@link
 * org.zhengce.referral.cases.CaseRouting}, {@link org.zhengce.referral.cases.CaseDeadlines}, {@link
 * org.zhengce.referral.cases.Planning}, {@link org.zhengce.referral.cases.CaseReferrals}).
 */
@NullMarked
package org.zhengce.referral.cases;

import org.jspecify.annotations.NullMarked;
