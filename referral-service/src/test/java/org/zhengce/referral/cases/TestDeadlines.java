package org.zhengce.referral.cases;

import java.time.ZoneId;
import org.zhengce.kit.calendar.WorkingCalendar;
import org.zhengce.referral.deadlines.Deadline;
import org.zhengce.referral.deadlines.Deadlines;

/** The deadlines the pure tests use: calendar durations, so the arithmetic is plain. */
final class TestDeadlines {

    static final Deadlines DEADLINES = new Deadlines(
            ZoneId.of("Asia/Shanghai"),
            WorkingCalendar.shipped(),
            Deadline.parse("72h"),
            Deadline.parse("24h"),
            Deadline.parse("120h"),
            Deadline.parse("48h"),
            Deadline.parse("96h"),
            Deadline.parse("5d"),
            Deadline.parse("30d"));

    private TestDeadlines() {}
}
