/**
 * Applications followed and decisions shared: a department's decision on a programme a case applied for
 * ({@code AssistanceGranted}, {@code AssistanceApplicationRejected} on {@code household.events}, handed on by the
 * households feature's {@link org.zhengce.referral.households.DepartmentDecisions}) moves the application and the
 * case, and a grant is shared back on {@code decisions.shared}. {@link
 * org.zhengce.referral.decisions.ApplicationDecisions} is the facade.
 */
@NullMarked
package org.zhengce.referral.decisions;

import org.jspecify.annotations.NullMarked;
