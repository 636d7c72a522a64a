package org.zhengce.scoring.portrait;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.AssistanceEndReason;
import org.zhengce.events.Programme;
import org.zhengce.events.RejectionReason;

/**
 * The household's assistance (救助): the programmes it is in now, and its history (programmes left, applications
 * rejected) that the Changning plan re-screens every quarter.
 *
 * @param active one entry per programme and person (null person: the household), the latest grant
 * @param ended programmes left (救助终止), oldest first
 * @param rejected applications rejected (申请未通过), oldest first
 */
public record Programmes(List<Active> active, List<Ended> ended, List<Rejected> rejected) {

    public Programmes {
        active = List.copyOf(active);
        ended = List.copyOf(ended);
        rejected = List.copyOf(rejected);
    }

    static Programmes none() {
        return new Programmes(List.of(), List.of(), List.of());
    }

    /** A programme the household (or a member) is in: the latest {@code AssistanceGranted} not since ended. */
    public record Active(
            @Nullable String person,
            Programme programme,
            @Nullable Long monthlyAmountFen,
            @Nullable Long oneOffAmountFen,
            LocalDate startDate,
            @Nullable LocalDate endDate,
            @Nullable String reason,
            Source source)
            implements Fact {

        /** True on a day within the granted period (from the start date, up to the end date when there is one). */
        public boolean coversDay(LocalDate day) {
            return endDate == null || !day.isAfter(endDate);
        }
    }

    /** A programme left ({@code AssistanceEnded}): when (the last day) and why. */
    public record Ended(
            @Nullable String person,
            Programme programme,
            LocalDate endDate,
            AssistanceEndReason reason,
            @Nullable String note,
            Source source)
            implements Fact {}

    /** An application rejected ({@code AssistanceApplicationRejected}): which programme and why. */
    public record Rejected(
            @Nullable String person,
            Programme programme,
            RejectionReason reason,
            @Nullable String note,
            Source source) implements Fact {}
}
