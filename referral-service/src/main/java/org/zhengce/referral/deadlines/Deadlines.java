package org.zhengce.referral.deadlines;

import java.time.Instant;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.Urgency;
import org.zhengce.kit.calendar.WorkingCalendar;
import org.zhengce.referral.cases.CaseDeadlines;
import org.zhengce.referral.cases.CaseUrgency;

/** The deadline of every step, from {@link DeadlineSettings}, working days counted by {@code calendar}. */
public record Deadlines(
        ZoneId zone,
        WorkingCalendar calendar,
        Deadline visit,
        Deadline visitUrgent,
        Deadline verify,
        Deadline verifyUrgent,
        Deadline assistFirstVerify,
        Deadline plan,
        Deadline review)
        implements CaseDeadlines {

    /** When a step of {@code deadline} started at {@code from} is due. */
    public Instant due(Deadline deadline, Instant from) {
        return deadline.after(from, zone, calendar);
    }

    @Override
    public Instant visitDue(Instant from, Urgency urgency) {
        return (CaseUrgency.isUrgent(urgency) ? visitUrgent : visit).after(from, zone, calendar);
    }

    @Override
    public Instant verifyDue(Instant from, Urgency urgency) {
        return (CaseUrgency.isUrgent(urgency) ? verifyUrgent : verify).after(from, zone, calendar);
    }

    @Override
    public Instant assistFirstVerifyDue(Instant from) {
        return assistFirstVerify.after(from, zone, calendar);
    }

    @Override
    public Instant planDue(Instant from) {
        return plan.after(from, zone, calendar);
    }

    @Override
    public Instant reviewDue(Instant from, @Nullable Integer intervalDays) {
        return intervalDays == null
                ? review.after(from, zone, calendar)
                : from.plus(java.time.Duration.ofDays(intervalDays));
    }
}
