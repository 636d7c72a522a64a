package org.zhengce.kit.security;

import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * What every service's security chain has in common: no session, no CSRF token, no login form or basic
 * authentication, no saved request; and the paths that are open without a caller.
 */
public final class StatelessChains {

    /** The health probes: open always, even when no token issuer is configured. */
    public static final String[] HEALTH = {"/actuator/health", "/actuator/health/**"};

    /** The OpenAPI document and Swagger UI: open when the API is (its operations still need a token). */
    public static final String[] DOCUMENTATION = {
        "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**"
    };

    private StatelessChains() {}

    /** {@code http} made stateless: each request authenticates itself, nothing is kept between requests. */
    public static ServerHttpSecurity stateless(ServerHttpSecurity http) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
    }
}
