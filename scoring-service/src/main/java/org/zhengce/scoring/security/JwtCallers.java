package org.zhengce.scoring.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;

/**
 * Turns a validated JWT into a {@link Caller}: each entry of its {@code roles} claim becomes a role
 * ({@code ROLE_<name>}), its {@code jurisdictions} claim the area-code prefixes the caller covers. A token whose
 * jurisdictions claim the platform refuses (the kit's {@link org.zhengce.kit.security.Caller#refusal}: empty,
 * malformed, an advisor's naming no communities) gets no role, so every endpoint but the open ones refuses it.
 */
final class JwtCallers implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    static final String ROLES = "roles";
    static final String JURISDICTIONS = "jurisdictions";

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        boolean refused = org.zhengce.kit.security.Caller.refusal(jwt).isPresent();
        Set<String> roles = refused ? Set.of() : new HashSet<>(strings(jwt, ROLES));
        List<GrantedAuthority> authorities = new ArrayList<>();
        roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        String subject = jwt.getSubject() == null ? "" : jwt.getSubject();
        Caller caller = new Caller(subject, roles, refused ? List.of() : strings(jwt, JURISDICTIONS));
        return Mono.just(new CallerAuthentication(caller, jwt, authorities));
    }

    private static List<String> strings(Jwt jwt, String claim) {
        if (!jwt.hasClaim(claim)) {
            return List.of();
        }
        List<String> values = jwt.getClaimAsStringList(claim);
        return values == null ? List.of() : values;
    }
}
