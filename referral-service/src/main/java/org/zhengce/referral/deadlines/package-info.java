/**
 * Deadlines: when each step of a case is due ({@link org.zhengce.referral.deadlines.Deadlines}, the cases feature's
 * {@link org.zhengce.referral.cases.CaseDeadlines}, from {@code referral.cases.*} in
 * {@link org.zhengce.referral.deadlines.Deadline} syntax) and the watch that escalates a missed one to the
 * supervisor ({@link org.zhengce.referral.deadlines.DeadlineWatch}, the facade).
 */
@NullMarked
package org.zhengce.referral.deadlines;

import org.jspecify.annotations.NullMarked;
