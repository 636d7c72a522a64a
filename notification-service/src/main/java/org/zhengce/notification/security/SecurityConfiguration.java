package org.zhengce.notification.security;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import reactor.core.publisher.Mono;

/**
 * The one security chain: stateless OAuth2 resource server, as referral's. JWTs are accepted only when an issuer or
 * JWK set is configured ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri});
 * without one everything but the health probes is closed. A user's own alerts, stream and subscriptions are open to
 * every known role; which alert is whose is decided by the features (a user sees only their own, supervisors those
 * of their jurisdictions, admins all).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    private static final String[] EVERY_ROLE = {Role.ADVISOR.name(), Role.SUPERVISOR.name(), Role.PLATFORM_ADMIN.name()
    };

    @Bean
    SecurityWebFilterChain notificationSecurity(
            ServerHttpSecurity http, ServerCodecConfigurer codecs, ObjectProvider<ReactiveJwtDecoder> jwtDecoder) {
        ReactiveJwtDecoder decoder = jwtDecoder.getIfAvailable();
        ProblemResponses problems = new ProblemResponses(codecs, decoder != null);
        log.info(
                "notification {}",
                decoder != null
                        ? "accepts OAuth2 JWTs"
                        : "has no JWT issuer configured: every endpoint but the health probes is closed");
        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> {
                    exchanges
                            .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                            .permitAll();
                    if (decoder == null) {
                        exchanges.anyExchange().denyAll();
                        return;
                    }
                    exchanges
                            .pathMatchers(
                                    "/v3/api-docs",
                                    "/v3/api-docs/**",
                                    "/swagger-ui.html",
                                    "/swagger-ui/**",
                                    "/webjars/**")
                            .permitAll()
                            .pathMatchers("/admin/**", "/actuator/**")
                            .hasRole(Role.PLATFORM_ADMIN.name())
                            .pathMatchers("/communities/*/alerts")
                            .hasAnyRole(Role.SUPERVISOR.name(), Role.PLATFORM_ADMIN.name())
                            .pathMatchers("/alerts", "/alerts/**", "/subscriptions/me")
                            .hasAnyRole(EVERY_ROLE)
                            .anyExchange()
                            .denyAll();
                })
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems::unauthenticated)
                        .accessDeniedHandler((exchange, denied) -> problems.write(
                                exchange,
                                HttpStatus.FORBIDDEN,
                                "Forbidden",
                                "the caller's roles may not use "
                                        + exchange.getRequest().getMethod() + " "
                                        + exchange.getRequest().getPath())));
        if (decoder != null) {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .authenticationEntryPoint(problems::unauthenticated)
                    .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(SecurityConfiguration::roles)));
        }
        return http.build();
    }

    private static Mono<AbstractAuthenticationToken> roles(Jwt jwt) {
        List<SimpleGrantedAuthority> authorities = Caller.of(jwt).roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                .toList();
        return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
    }
}
