package org.zhengce.referral.complaints;

import java.time.Instant;
import java.util.Map;
import org.zhengce.events.ComplaintCategory;
import org.zhengce.referral.deadlines.Deadline;
import org.zhengce.referral.deadlines.Deadlines;

/**
 * The acknowledgement and resolution deadlines of each category, counted as the cases' deadlines are (the city's time
 * zone, China's working calendar).
 */
record ComplaintDeadlines(Deadlines cases, Map<ComplaintCategory, Window> windows) {

    record Window(Deadline acknowledge, Deadline resolve) {}

    Instant acknowledgeBy(ComplaintCategory category, Instant filedAt) {
        return cases.due(windows.get(category).acknowledge(), filedAt);
    }

    Instant resolveBy(ComplaintCategory category, Instant filedAt) {
        return cases.due(windows.get(category).resolve(), filedAt);
    }
}
