package org.zhengce.scoring.portrait;

import org.jspecify.annotations.Nullable;
import org.zhengce.events.UtilityType;

/** 水电气欠费 {@code UtilityArrearsReported}. */
public record UtilityArrears(
        @Nullable String person,
        UtilityType utility,
        int monthsUnpaid,
        @Nullable Long amountFen,
        Source source) implements Fact {}
