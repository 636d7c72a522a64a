package org.zhengce.referral.cases;

import java.time.Instant;
import java.time.ZoneId;
import org.zhengce.events.Urgency;

/** The deadline of every step, from {@link CaseSettings}. */
record Deadlines(
        ZoneId zone,
        Deadline visit,
        Deadline visitUrgent,
        Deadline verify,
        Deadline verifyUrgent,
        Deadline assistFirstVerify,
        Deadline plan,
        Deadline review) {

    Instant visitDue(Instant from, Urgency urgency) {
        return (CaseUrgency.isUrgent(urgency) ? visitUrgent : visit).after(from, zone);
    }

    Instant verifyDue(Instant from, Urgency urgency) {
        return (CaseUrgency.isUrgent(urgency) ? verifyUrgent : verify).after(from, zone);
    }

    Instant assistFirstVerifyDue(Instant from) {
        return assistFirstVerify.after(from, zone);
    }

    Instant planDue(Instant from) {
        return plan.after(from, zone);
    }

    Instant reviewDue(Instant from, Integer intervalDays) {
        return intervalDays == null ? review.after(from, zone) : from.plus(java.time.Duration.ofDays(intervalDays));
    }
}
