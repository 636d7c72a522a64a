package org.zhengce.scoring.portrait;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.DropOutRiskKind;
import org.zhengce.events.EducationLevel;

/** Education (教育) of the household's students, each list oldest first. */
public record Education(
        List<Enrolment> enrolments,
        List<AidRequest> aidRequested,
        List<AidGrant> aidGranted,
        List<DropOutRisk> dropOutRisks) {

    public Education {
        enrolments = List.copyOf(enrolments);
        aidRequested = List.copyOf(aidRequested);
        aidGranted = List.copyOf(aidGranted);
        dropOutRisks = List.copyOf(dropOutRisks);
    }

    static Education none() {
        return new Education(List.of(), List.of(), List.of(), List.of());
    }

    /** 入学 {@code StudentEnrolled}. */
    public record Enrolment(
            @Nullable String person,
            EducationLevel level,
            @Nullable String school,
            Source source) implements Fact {}

    /** 申请学生资助 {@code SchoolAidRequested}. */
    public record AidRequest(
            @Nullable String person,
            EducationLevel level,
            @Nullable String note,
            Source source) implements Fact {}

    /** 学生资助发放 {@code SchoolAidGranted}. */
    public record AidGrant(@Nullable String person, EducationLevel level, long annualAmountFen, Source source)
            implements Fact {}

    /** 辍学风险/缺勤 {@code DropOutRiskReported}. */
    public record DropOutRisk(
            @Nullable String person,
            DropOutRiskKind kind,
            @Nullable Integer absentDays,
            Source source) implements Fact {}
}
