package org.zhengce.scoring.portrait;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.HousingSafetyGrade;

/** Housing (住房): dangerous-housing and rent-arrears reports, each oldest first. */
public record Housing(List<DangerousHousing> dangerous, List<RentArrears> rentArrears) {

    public Housing {
        dangerous = List.copyOf(dangerous);
        rentArrears = List.copyOf(rentArrears);
    }

    static Housing none() {
        return new Housing(List.of(), List.of());
    }

    /** 危房 {@code DangerousHousingReported}: grade C or D (D: the whole building is unsafe). */
    public record DangerousHousing(@Nullable String person, HousingSafetyGrade grade, Source source) implements Fact {}

    /** 拖欠房租 {@code RentArrearsReported}. */
    public record RentArrears(
            @Nullable String person,
            int monthsUnpaid,
            @Nullable Long amountFen,
            Source source) implements Fact {}
}
