package org.zhengce.referral.complaints;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.zhengce.events.ComplaintCategory;
import org.zhengce.referral.deadlines.Deadline;

/** The acknowledgement and resolution deadlines of each category, counted in the city's time zone. */
record ComplaintDeadlines(ZoneId zone, Map<ComplaintCategory, Window> windows) {

    record Window(Deadline acknowledge, Deadline resolve) {}

    Instant acknowledgeBy(ComplaintCategory category, Instant filedAt) {
        return windows.get(category).acknowledge().after(filedAt, zone);
    }

    Instant resolveBy(ComplaintCategory category, Instant filedAt) {
        return windows.get(category).resolve().after(filedAt, zone);
    }
}
