package org.zhengce.scoring.portrait;

import org.jspecify.annotations.Nullable;

/**
 * The result of civil affairs' household economic check (家庭经济状况核对, {@code EconomicCheckDone}); a portrait keeps
 * the latest one only.
 */
public record EconomicCheck(
        @Nullable String person,
        long monthlyIncomePerHeadFen,
        boolean assetsAboveLimit,
        @Nullable String note,
        Source source)
        implements Fact {}
