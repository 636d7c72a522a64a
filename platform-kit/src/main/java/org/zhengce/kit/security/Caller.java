package org.zhengce.kit.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who makes a request, from the JWT: {@code sub} the user id, {@code roles} (those of the service's own role enum
 * {@code R}), and {@code jurisdictions}, the area codes (prefixes) the user covers: a community code, a street code,
 * a district code. Entries of the claim that are not area codes (blank, or not digits) are dropped: they cover nothing.
 */
public record Caller<R extends Enum<R>>(String userId, Set<R> roles, List<String> jurisdictions) {

    /** The claim that lists the caller's roles. */
    public static final String ROLES = "roles";

    /** The claim that lists the area codes the caller covers. */
    public static final String JURISDICTIONS = "jurisdictions";

    /** An administrative area code: a province's 2 digits up to a community's 12. */
    private static final Pattern AREA_CODE = Pattern.compile("[0-9]{2,12}");

    public Caller {
        roles = Set.copyOf(roles);
        jurisdictions = List.copyOf(jurisdictions);
    }

    /** The caller of a validated token; roles that {@code known} does not name are ignored. */
    public static <R extends Enum<R>> Caller<R> of(Jwt jwt, Class<R> known) {
        List<String> roleNames = jwt.hasClaim(ROLES) ? jwt.getClaimAsStringList(ROLES) : List.of();
        Set<R> roles = EnumSet.noneOf(known);
        for (String name : roleNames) {
            for (R role : known.getEnumConstants()) {
                if (role.name().equals(name)) {
                    roles.add(role);
                }
            }
        }
        List<String> claimed = jwt.hasClaim(JURISDICTIONS) ? jwt.getClaimAsStringList(JURISDICTIONS) : List.of();
        // an area code is digits; a blank entry would be a prefix of every area, so what is not one covers nothing
        List<String> jurisdictions = claimed.stream()
                .filter(code -> code != null && AREA_CODE.matcher(code).matches())
                .toList();
        return new Caller<>(jwt.getSubject() == null ? "" : jwt.getSubject(), roles, jurisdictions);
    }

    /** True when one of the caller's jurisdictions is {@code areaCode} or contains it. */
    public boolean covers(String areaCode) {
        return !areaCode.isEmpty() && jurisdictions.stream().anyMatch(areaCode::startsWith);
    }

    public boolean has(R role) {
        return roles.contains(role);
    }
}
