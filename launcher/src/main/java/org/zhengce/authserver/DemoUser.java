package org.zhengce.authserver;

import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * A demo user, as the demo city knows them (referral's {@code demo-city/jurisdictions.yaml}).
 *
 * @param id the login and the token's {@code sub}: the advisor's or supervisor's id in referral
 * @param name the display name ({@code name} claim)
 * @param roles the {@code roles} claim: ADVISOR, SUPERVISOR, PLATFORM_ADMIN
 * @param jurisdictions the {@code jurisdictions} claim: the area codes (prefixes) the user covers
 * @param organisation the {@code organisation} claim of an ORGANISATION user: the id of the organisation they work
 *     for in referral's resource library
 */
public record DemoUser(
        @NotEmpty String id,
        @NotEmpty String name,
        @NotEmpty List<String> roles,
        List<String> jurisdictions,
        @Nullable String organisation) {

    @ConstructorBinding
    public DemoUser {
        roles = List.copyOf(roles);
        jurisdictions = jurisdictions == null ? List.of() : List.copyOf(jurisdictions);
    }

    /** An advisor, supervisor or admin: no organisation. */
    public DemoUser(String id, String name, List<String> roles, List<String> jurisdictions) {
        this(id, name, roles, jurisdictions, null);
    }
}
