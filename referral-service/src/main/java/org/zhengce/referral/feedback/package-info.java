/**
 * The households' feedback on the services delivered to them (有评价、有反馈): a short evaluation of a service a plan
 * set going (satisfaction 1 to 5, whether it reached the household, a note), recorded by the case's advisor or
 * supervisor, or by the organisation that gave it; audited and a step of the case's timeline. {@link
 * org.zhengce.referral.feedback.ServiceEvaluations} is the facade; statistics average the evaluations per area and
 * organisation from {@code service_feedback}.
 */
@NullMarked
package org.zhengce.referral.feedback;

import org.jspecify.annotations.NullMarked;
