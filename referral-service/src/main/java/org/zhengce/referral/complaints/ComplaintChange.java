package org.zhengce.referral.complaints;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.ComplaintDeadline;
import org.zhengce.events.ComplaintOutcome;

/** What a decided command changes on a complaint; each change is published once on {@code case.events}. */
sealed interface ComplaintChange {

    Instant at();

    /** Acknowledged by a handler. */
    record Acknowledged(String by, Instant at) implements ComplaintChange {}

    /** Resolved (or withdrawn) with an outcome and a note. */
    record Resolved(
            String by, ComplaintOutcome outcome, @Nullable String note, Instant at) implements ComplaintChange {}

    /**
     * A deadline was missed: the handler at {@code level} (an index of the complaint's handlers) is alerted and
     * may act on it.
     */
    record Escalated(ComplaintDeadline missed, int level, String to, Instant at) implements ComplaintChange {}
}
