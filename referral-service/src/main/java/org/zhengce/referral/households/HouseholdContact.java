package org.zhengce.referral.households;

import org.jspecify.annotations.Nullable;

/** How to reach a household for a visit, as civil affairs last registered it; no member, no pseudonym. */
public record HouseholdContact(
        String householdNumber,
        String communityCode,
        @Nullable String address,
        @Nullable String headName,
        @Nullable String phone) {}
