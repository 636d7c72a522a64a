package org.zhengce.referral.feedback;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * What the household said about a service delivered to it, as the advisor or the organisation records it: a
 * satisfaction of 1 (not at all) to 5 (very), whether the service reached it, and a short note (identity numbers
 * masked as the body is read).
 */
record Evaluation(
        @NotNull @Min(1) @Max(5) Integer satisfaction,
        @NotNull Boolean delivered,
        @Size(max = 2000) @Nullable String note) {}
