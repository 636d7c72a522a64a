package org.zhengce.kit.security;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.zhengce.kit.web.ProblemResponses;
import reactor.core.publisher.Mono;

/**
 * What every service's security chain has in common: no session, no CSRF token, no login form or basic
 * authentication, no saved request; and the paths that are open without a caller: the health probes on every port,
 * and Prometheus's scrape on the management port alone (ADR 0027).
 */
public final class StatelessChains {

    private static final Logger log = LoggerFactory.getLogger(StatelessChains.class);

    /** The health probes: open always, even when no token issuer is configured. */
    public static final String[] HEALTH = {"/actuator/health", "/actuator/health/**"};

    /** Prometheus's scrape: open on the management port alone ({@link #onManagementPort}), the admin's elsewhere. */
    public static final String[] SCRAPE = {"/actuator/prometheus"};

    /**
     * The namespace of the web server Spring Boot starts for the actuator when {@code management.server.port} differs
     * from {@code server.port} (its child context's, which every request it serves carries).
     */
    static final String MANAGEMENT_SERVER = "management";

    /** The OpenAPI document and Swagger UI: open when the API is (its operations still need a token). */
    public static final String[] DOCUMENTATION = {
        "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**"
    };

    private StatelessChains() {}

    /**
     * {@code http} made stateless: each request authenticates itself, nothing is kept between requests. Its first
     * rule opens the health probes and Prometheus's scrape on the management port ({@link #onManagementPort}): the
     * port that only the kubelet and the monitoring namespace reach (deploy's NetworkPolicy). Every other actuator
     * endpoint there, and the scrape on the service's own port, stay what the service's rules make them (the admin's).
     */
    public static ServerHttpSecurity stateless(ServerHttpSecurity http) {
        return http.authorizeExchange(exchanges -> exchanges
                        .matchers(onManagementPort(HEALTH))
                        .permitAll()
                        .matchers(onManagementPort(SCRAPE))
                        .permitAll())
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
    }

    /**
     * The requests to {@code paths} that the management server serves: none unless {@code management.server.port}
     * gives the actuator a port of its own (Spring Boot then serves it from a child context in the
     * {@code management} namespace, whose requests pass through the service's security chain as well). The same paths
     * on the service's own port never match, whichever port the actuator is on.
     */
    public static ServerWebExchangeMatcher onManagementPort(String... paths) {
        ServerWebExchangeMatcher path = ServerWebExchangeMatchers.pathMatchers(paths);
        return exchange ->
                WebServerApplicationContext.hasServerNamespace(exchange.getApplicationContext(), MANAGEMENT_SERVER)
                        ? path.matches(exchange)
                        : ServerWebExchangeMatcher.MatchResult.notMatch();
    }

    /**
     * The chain of a service whose callers bring JWTs: stateless (the scrape open on the management port); the health
     * probes and {@code /actuator/info} open;
     * without a {@code decoder} (no issuer or JWK set configured) everything else closed, a 401 saying so; with one,
     * the documentation open, {@code /admin/**} and the actuator to the {@code admin} role, then the service's own
     * {@code rules} (which end with what is left, {@code anyExchange()}), each known role of {@code roles} an
     * authority; refusals as problem details (401 with a {@code Bearer} challenge, 403 naming the endpoint). A token
     * is accepted only when its {@code aud} names {@code audience} ({@link TokenAudience}; 401 saying whom it is for);
     * a token whose jurisdictions claim is refused gets no role, its 403 naming the claim ({@link Caller#refusal}).
     * Logs once, as {@code <service> accepts OAuth2 JWTs} or that it has no issuer.
     */
    public static <R extends Enum<R>> SecurityWebFilterChain jwtResourceServer(
            ServerHttpSecurity http,
            ServerCodecConfigurer codecs,
            @Nullable ReactiveJwtDecoder decoder,
            String service,
            String audience,
            Class<R> roles,
            R admin,
            Consumer<ServerHttpSecurity.AuthorizeExchangeSpec> rules) {
        ProblemResponses problems = new ProblemResponses(codecs);
        ServerAuthenticationEntryPoint unauthenticated = (exchange, e) -> decoder == null
                ? problems.write(exchange, HttpStatus.UNAUTHORIZED, "Unauthenticated", ProblemResponses.NO_ISSUER)
                : problems.unauthenticated(exchange, e, "Bearer", "a bearer token is required");
        log.info(
                "{} {}",
                service,
                decoder != null
                        ? "accepts OAuth2 JWTs for the audience " + audience
                        : "has no JWT issuer configured: every endpoint but the health probes is closed");
        stateless(http)
                .authorizeExchange(exchanges -> {
                    exchanges
                            .pathMatchers(HEALTH)
                            .permitAll()
                            .pathMatchers("/actuator/info")
                            .permitAll();
                    if (decoder == null) {
                        exchanges.anyExchange().denyAll();
                        return;
                    }
                    exchanges
                            .pathMatchers(DOCUMENTATION)
                            .permitAll()
                            .pathMatchers("/admin/**", "/actuator/**")
                            .hasRole(admin.name());
                    rules.accept(exchanges);
                })
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden(problems)));
        if (decoder != null) {
            ReactiveJwtDecoder ofThisService = TokenAudience.required(decoder, audience);
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .authenticationEntryPoint(unauthenticated)
                    .accessDeniedHandler(forbidden(problems))
                    .jwt(jwt ->
                            jwt.jwtDecoder(ofThisService).jwtAuthenticationConverter(new RoleAuthorities<>(roles))));
        }
        return http.build();
    }

    /**
     * 403 as a problem: naming the jurisdictions claim when it is what was refused ({@link Caller#refusal}) in the
     * JWT that authenticated the caller (the authentication's credentials), else naming the endpoint the caller's
     * roles do not open.
     */
    public static ServerAccessDeniedHandler forbidden(ProblemResponses problems) {
        return (exchange, denied) -> exchange.getPrincipal()
                .ofType(Authentication.class)
                .mapNotNull(authentication -> authentication.getCredentials() instanceof Jwt jwt ? jwt : null)
                .flatMap(jwt -> Mono.justOrEmpty(Caller.refusal(jwt)))
                .map(reason -> problems.write(exchange, HttpStatus.FORBIDDEN, JurisdictionsClaimRefused.TITLE, reason))
                .switchIfEmpty(Mono.fromSupplier(() -> problems.forbidden(exchange)))
                .flatMap(refusal -> refusal);
    }
}
