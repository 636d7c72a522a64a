package org.zhengce.kit.security;

import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * Turns a validated JWT into an authentication whose authorities are the caller's known roles, each as
 * {@code ROLE_<name>}, so that the chain's {@code hasRole} rules apply to them. A token whose jurisdictions claim is
 * refused ({@link Caller#refusal}) gets no authority at all: every endpoint but the open ones refuses it.
 */
public final class RoleAuthorities<R extends Enum<R>> implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    private final Class<R> known;

    public RoleAuthorities(Class<R> known) {
        this.known = known;
    }

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        if (Caller.refusal(jwt).isPresent()) {
            return Mono.just(new JwtAuthenticationToken(jwt, List.of(), jwt.getSubject()));
        }
        List<SimpleGrantedAuthority> authorities = Caller.of(jwt, known).roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                .toList();
        return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
    }
}
