package org.zhengce.scoring.portrait;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.CareSetting;
import org.zhengce.events.IllnessCategory;
import org.zhengce.events.InsuranceScheme;

/** Health (健康状况): hospital stays, medical expenses, certified illnesses and insurance lapses, each oldest first. */
public record Health(
        List<Admission> admissions,
        List<Discharge> discharges,
        List<Expense> expenses,
        List<Illness> illnesses,
        List<InsuranceLapse> insuranceLapses) {

    public Health {
        admissions = List.copyOf(admissions);
        discharges = List.copyOf(discharges);
        expenses = List.copyOf(expenses);
        illnesses = List.copyOf(illnesses);
        insuranceLapses = List.copyOf(insuranceLapses);
    }

    static Health none() {
        return new Health(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** 入院 {@code HospitalAdmitted}. */
    public record Admission(
            @Nullable String person, @Nullable String hospital, boolean emergency, Source source) implements Fact {}

    /** 出院 {@code HospitalDischarged}. */
    public record Discharge(
            @Nullable String person,
            @Nullable String hospital,
            @Nullable Integer lengthOfStayDays,
            Source source) implements Fact {}

    /** 医疗费用结算 {@code MedicalExpenseSettled}: the total and the part the family paid itself, in fen. */
    public record Expense(
            @Nullable String person, CareSetting setting, long totalFen, long outOfPocketFen, Source source)
            implements Fact {}

    /** 大病慢病认定 {@code IllnessCertified}; kept for as long as the person is a member. */
    public record Illness(@Nullable String person, IllnessCategory category, Source source) implements Fact {}

    /** 医保断保 {@code InsuranceLapsed}. */
    public record InsuranceLapse(@Nullable String person, InsuranceScheme scheme, Source source) implements Fact {}
}
