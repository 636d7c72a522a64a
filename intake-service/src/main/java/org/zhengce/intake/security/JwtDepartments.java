package org.zhengce.intake.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.zhengce.intake.departments.DepartmentNotFoundException;
import org.zhengce.intake.departments.DepartmentPrincipal;
import org.zhengce.intake.departments.DepartmentRegistry;
import reactor.core.publisher.Mono;

/**
 * Turns a validated client-credentials JWT into an authentication: each entry of its {@code roles} claim becomes
 * a role ({@code PLATFORM_ADMIN} opens the admin API), and a {@code department} claim makes it a registered,
 * enabled department with authority {@code DEPARTMENT}.
 */
final class JwtDepartments implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    private final DepartmentRegistry registry;

    JwtDepartments(DepartmentRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        List<String> roles = jwt.hasClaim("roles") ? jwt.getClaimAsStringList("roles") : List.of();
        roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        String code = jwt.getClaimAsString("department");
        if (code == null) {
            return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
        }
        authorities.add(new SimpleGrantedAuthority(DepartmentPrincipal.AUTHORITY));
        return registry.get(code)
                .onErrorMap(
                        DepartmentNotFoundException.class,
                        e -> new BadCredentialsException("the token's department " + code + " is not registered"))
                .flatMap(department -> department.enabled()
                        ? Mono.just(new DepartmentAuthentication(new DepartmentPrincipal(department), authorities))
                        : Mono.error(new DisabledException("department " + code + " is disabled")));
    }
}
