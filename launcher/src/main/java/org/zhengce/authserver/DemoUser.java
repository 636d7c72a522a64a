package org.zhengce.authserver;

import jakarta.validation.constraints.NotEmpty;
import java.util.List;

/**
 * A demo user, as the demo city knows them (referral's {@code demo-city/jurisdictions.yaml}).
 *
 * @param id the login and the token's {@code sub}: the advisor's or supervisor's id in referral
 * @param name the display name ({@code name} claim)
 * @param roles the {@code roles} claim: ADVISOR, SUPERVISOR, PLATFORM_ADMIN
 * @param jurisdictions the {@code jurisdictions} claim: the area codes (prefixes) the user covers
 */
public record DemoUser(
        @NotEmpty String id,
        @NotEmpty String name,
        @NotEmpty List<String> roles,
        List<String> jurisdictions) {

    public DemoUser {
        roles = List.copyOf(roles);
        jurisdictions = jurisdictions == null ? List.of() : List.copyOf(jurisdictions);
    }
}
