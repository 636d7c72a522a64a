package org.zhengce.referral.complaints;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.ComplaintOutcome;

/** What is asked of a complaint; {@link ComplaintDecisions} decides what it changes. */
sealed interface ComplaintCommand {

    Instant at();

    /** A handler acknowledges it. */
    record Acknowledge(String by, Instant at) implements ComplaintCommand {}

    /** A handler resolves it, or someone withdraws it ({@code WITHDRAWN}). */
    record Resolve(
            String by, ComplaintOutcome outcome, @Nullable String note, Instant at) implements ComplaintCommand {}

    /** The watch found it may be past a deadline at {@code at}. */
    record MissDeadline(Instant at) implements ComplaintCommand {}
}
