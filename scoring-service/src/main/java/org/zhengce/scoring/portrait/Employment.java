package org.zhengce.scoring.portrait;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.EmploymentEndReason;
import org.zhengce.events.InsuranceScheme;
import org.zhengce.events.SocialInsuranceKind;

/** Employment (就业状况) of the members, each list oldest first. */
public record Employment(
        List<JobEnded> ended,
        List<JobStarted> started,
        List<UnemploymentRegistration> unemployment,
        List<PensionStart> pensions,
        List<ContributionsStop> contributionsStopped) {

    public Employment {
        ended = List.copyOf(ended);
        started = List.copyOf(started);
        unemployment = List.copyOf(unemployment);
        pensions = List.copyOf(pensions);
        contributionsStopped = List.copyOf(contributionsStopped);
    }

    static Employment none() {
        return new Employment(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** 离职/失业 {@code EmploymentEnded}. */
    public record JobEnded(@Nullable String person, EmploymentEndReason reason, Source source) implements Fact {}

    /** 就业 {@code EmploymentStarted}. */
    public record JobStarted(
            @Nullable String person, @Nullable Long monthlyWageFen, Source source) implements Fact {}

    /** 失业登记 {@code UnemploymentRegistered}. */
    public record UnemploymentRegistration(
            @Nullable String person, boolean receivesUnemploymentInsurance, Source source) implements Fact {}

    /** 开始领取养老金 {@code PensionStarted}. */
    public record PensionStart(@Nullable String person, InsuranceScheme scheme, long monthlyAmountFen, Source source)
            implements Fact {}

    /** 社保停缴 {@code ContributionsStopped}. */
    public record ContributionsStop(
            @Nullable String person,
            SocialInsuranceKind insurance,
            @Nullable LocalDate lastPaidMonth,
            Source source) implements Fact {}
}
