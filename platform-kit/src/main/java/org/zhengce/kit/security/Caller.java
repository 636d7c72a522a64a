package org.zhengce.kit.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who makes a request, from the JWT: {@code sub} the user id, {@code roles} (those of the service's own role enum
 * {@code R}), and {@code jurisdictions}, the area codes (prefixes) the user covers: a community code, a street code,
 * a district code.
 *
 * <p>The claim fails closed: present, it must name at least one area and every entry must be an area code (2, 4, 6,
 * 9 or 12 digits: province, city, district, street, community); an advisor's must be present and name communities
 * (12 digits), the level an advisor works at. Otherwise {@link #of} refuses the caller ({@link
 * JurisdictionsClaimRefused}, 403) and {@link RoleAuthorities} grants no role. A token without the claim (an
 * organisation's worker, who works by organisation) covers no area.
 */
public record Caller<R extends Enum<R>>(String userId, Set<R> roles, List<String> jurisdictions) {

    /** The claim that lists the caller's roles. */
    public static final String ROLES = "roles";

    /** The claim that lists the area codes the caller covers. */
    public static final String JURISDICTIONS = "jurisdictions";

    /** The role whose jurisdictions must be communities. */
    public static final String ADVISOR = "ADVISOR";

    /** An administrative area code: a province's 2 digits, a city's 4, a district's 6, a street's 9, a community's 12. */
    private static final Pattern AREA_CODE = Pattern.compile("[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12}");

    /** A community's code, the most specific level. */
    private static final Pattern COMMUNITY_CODE = Pattern.compile("[0-9]{12}");

    public Caller {
        roles = Set.copyOf(roles);
        jurisdictions = List.copyOf(jurisdictions);
    }

    /**
     * The caller of a validated token; roles that {@code known} does not name are ignored.
     *
     * @throws JurisdictionsClaimRefused when the token's jurisdictions claim is refused ({@link #refusal})
     */
    public static <R extends Enum<R>> Caller<R> of(Jwt jwt, Class<R> known) {
        Optional<String> refusal = refusal(jwt);
        if (refusal.isPresent()) {
            throw new JurisdictionsClaimRefused(refusal.get());
        }
        List<String> roleNames = roleNames(jwt);
        Set<R> roles = EnumSet.noneOf(known);
        for (String name : roleNames) {
            for (R role : known.getEnumConstants()) {
                if (role.name().equals(name)) {
                    roles.add(role);
                }
            }
        }
        List<String> jurisdictions = jwt.hasClaim(JURISDICTIONS) ? jwt.getClaimAsStringList(JURISDICTIONS) : List.of();
        return new Caller<>(jwt.getSubject() == null ? "" : jwt.getSubject(), roles, jurisdictions);
    }

    /**
     * Why the token's {@code jurisdictions} claim cannot be trusted, naming the claim, or empty when it can: present
     * but empty (it would name no area, and a scope built from it could read as everywhere), an entry that is not an
     * area code (a blank one is a prefix of every area), or an advisor's claim absent or naming areas above
     * communities. Entries are named by position, never echoed.
     */
    public static Optional<String> refusal(Jwt jwt) {
        boolean advisor = roleNames(jwt).contains(ADVISOR);
        if (!jwt.hasClaim(JURISDICTIONS)) {
            return advisor
                    ? Optional.of("an advisor's token must name the communities they cover in its " + JURISDICTIONS
                            + " claim")
                    : Optional.empty();
        }
        List<String> claimed;
        try {
            claimed = jwt.getClaimAsStringList(JURISDICTIONS);
        } catch (IllegalArgumentException e) {
            return Optional.of("the " + JURISDICTIONS + " claim is not a list of area codes");
        }
        if (claimed == null || claimed.isEmpty()) {
            return Optional.of("the " + JURISDICTIONS + " claim is empty: it names no area");
        }
        for (int i = 0; i < claimed.size(); i++) {
            String code = claimed.get(i);
            if (code == null || !AREA_CODE.matcher(code).matches()) {
                return Optional.of("entry " + (i + 1) + " of the " + JURISDICTIONS
                        + " claim is not an area code (2, 4, 6, 9 or 12 digits)");
            }
            if (advisor && !COMMUNITY_CODE.matcher(code).matches()) {
                return Optional.of("entry " + (i + 1) + " of the " + JURISDICTIONS
                        + " claim is not a community (12 digits): an advisor's claim must name communities");
            }
        }
        return Optional.empty();
    }

    private static List<String> roleNames(Jwt jwt) {
        try {
            List<String> names = jwt.hasClaim(ROLES) ? jwt.getClaimAsStringList(ROLES) : null;
            return names == null ? List.of() : names;
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** True when one of the caller's jurisdictions is {@code areaCode} or contains it. */
    public boolean covers(String areaCode) {
        return !areaCode.isEmpty() && jurisdictions.stream().anyMatch(areaCode::startsWith);
    }

    public boolean has(R role) {
        return roles.contains(role);
    }
}
