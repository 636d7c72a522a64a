package org.zhengce.referral.timeline;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One step of a case, as the API shows it.
 *
 * @param actor the user who took it ({@code sub}); null when the platform did (a warning, a deadline, a decision)
 * @param stage the case's stage after it; null for steps recorded before the timeline existed
 */
public record TimelineEntry(
        Instant at,
        StepType type,
        @Nullable String actor,
        @Nullable String stage,
        String text) {}
