/**
 * Referrals and organisations' answers: the referrals a confirmed plan makes ({@code case_referrals}), what a social
 * organisation sees of those made to it and how it answers (accept, decline, report back). {@link
 * org.zhengce.referral.referrals.Referrals} is the facade; the organisations' endpoint and its service are internal.
 */
@NullMarked
package org.zhengce.referral.referrals;

import org.jspecify.annotations.NullMarked;
