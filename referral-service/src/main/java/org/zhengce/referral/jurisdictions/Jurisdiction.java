package org.zhengce.referral.jurisdictions;

import org.jspecify.annotations.Nullable;

/** A city, district, street/town or community/village; {@code parentCode} is null only for a city. */
public record Jurisdiction(
        String code,
        String name,
        JurisdictionLevel level,
        @Nullable String parentCode) {}
