package org.zhengce.referral.plans;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Plan settings.
 *
 * @param approvalAboveFen a plan committing more than this (monthly amounts plus one-off help, in 分 fen) waits for
 *     a supervisor's approval (maker-checker)
 * @param reviewIntervalDays a tracking plan's review interval when the advisor sets none
 */
@ConfigurationProperties("referral.plans")
@Validated
record PlanSettings(@Min(0) long approvalAboveFen, @Min(1) int reviewIntervalDays) {}
