package org.zhengce.scoring.security;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The user behind a request, from their JWT: the {@code roles} and {@code jurisdictions} claims.
 *
 * @param subject the token's subject (user id)
 * @param roles the platform roles, e.g. {@code ADVISOR}
 * @param jurisdictions the area-code prefixes the user covers: a district's 6 digits, a street's 9, a community's
 *     12; anything else in the claim is not a jurisdiction and is left out
 */
public record Caller(String subject, Set<String> roles, List<String> jurisdictions) {

    public static final String PLATFORM_ADMIN = "PLATFORM_ADMIN";
    public static final String SUPERVISOR = "SUPERVISOR";
    public static final String ADVISOR = "ADVISOR";
    public static final String SOCIAL_WORKER = "SOCIAL_WORKER";

    /** The roles that may read households, each within their jurisdictions (the admin everywhere). */
    static final String[] HOUSEHOLD_READERS = {PLATFORM_ADMIN, SUPERVISOR, ADVISOR, SOCIAL_WORKER};

    private static final Pattern AREA_CODE = Pattern.compile("\\d{6}|\\d{9}|\\d{12}");

    public Caller {
        roles = Set.copyOf(roles);
        jurisdictions = jurisdictions.stream()
                .filter(code -> AREA_CODE.matcher(code).matches())
                .distinct()
                .toList();
    }

    /** True for a platform admin, who sees every household. */
    public boolean isPlatformAdmin() {
        return roles.contains(PLATFORM_ADMIN);
    }

    /**
     * Whether the caller may see a household of this community: a platform admin always; anyone else when the code
     * starts with one of their jurisdictions (never for a household whose community is not known yet).
     */
    public boolean sees(@Nullable String communityCode) {
        if (isPlatformAdmin()) {
            return true;
        }
        return communityCode != null && jurisdictions.stream().anyMatch(communityCode::startsWith);
    }
}
