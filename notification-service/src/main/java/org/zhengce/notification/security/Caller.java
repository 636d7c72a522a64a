package org.zhengce.notification.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who makes a request, from the JWT: {@code sub} the user id, {@code roles}, and {@code jurisdictions}, the area
 * codes (prefixes) the user covers: a community code, a street code, a district code.
 */
public record Caller(String userId, Set<Role> roles, List<String> jurisdictions) {

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        jurisdictions = List.copyOf(jurisdictions);
    }

    /** The caller of a validated token; unknown roles are ignored. */
    public static Caller of(Jwt jwt) {
        List<String> roleNames = jwt.hasClaim("roles") ? jwt.getClaimAsStringList("roles") : List.of();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : roleNames) {
            for (Role role : Role.values()) {
                if (role.name().equals(name)) {
                    roles.add(role);
                }
            }
        }
        List<String> jurisdictions =
                jwt.hasClaim("jurisdictions") ? jwt.getClaimAsStringList("jurisdictions") : List.of();
        return new Caller(jwt.getSubject() == null ? "" : jwt.getSubject(), roles, jurisdictions);
    }

    /** True when one of the caller's jurisdictions is {@code areaCode} or contains it. */
    public boolean covers(String areaCode) {
        return !areaCode.isEmpty() && jurisdictions.stream().anyMatch(areaCode::startsWith);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
