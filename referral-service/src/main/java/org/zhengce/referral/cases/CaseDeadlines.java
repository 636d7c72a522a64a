package org.zhengce.referral.cases;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.Urgency;

/** When each step of a case falls due, counted from {@code from}: the port the deadlines feature implements. */
public interface CaseDeadlines {

    /** The first visit after assignment or re-opening. */
    Instant visitDue(Instant from, Urgency urgency);

    /** Verification after the first visit. */
    Instant verifyDue(Instant from, Urgency urgency);

    /** Verification after an urgent case was helped first (先行救助). */
    Instant assistFirstVerifyDue(Instant from);

    /** The plan after verification, or after an application was refused. */
    Instant planDue(Instant from);

    /** A tracking case's review visit, every {@code intervalDays} (null: the configured review interval). */
    Instant reviewDue(Instant from, @Nullable Integer intervalDays);
}
