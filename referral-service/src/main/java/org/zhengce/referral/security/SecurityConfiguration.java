package org.zhengce.referral.security;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import reactor.core.publisher.Mono;

/**
 * The one security chain: stateless OAuth2 resource server. JWTs are accepted only when an issuer or JWK set is
 * configured ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}); without one
 * everything but the health probes is closed. Each entry of the {@code roles} claim becomes a role.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityWebFilterChain referralSecurity(
            ServerHttpSecurity http, ServerCodecConfigurer codecs, ObjectProvider<ReactiveJwtDecoder> jwtDecoder) {
        ReactiveJwtDecoder decoder = jwtDecoder.getIfAvailable();
        ProblemResponses problems = new ProblemResponses(codecs, decoder != null);
        log.info(
                "referral {}",
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
                            .pathMatchers(HttpMethod.POST, "/cases/*/assign")
                            .hasRole(Role.SUPERVISOR.name())
                            .pathMatchers(HttpMethod.POST, "/cases/*/plan/approve", "/cases/*/plan/reject")
                            .hasRole(Role.SUPERVISOR.name())
                            .pathMatchers(HttpMethod.POST, "/cases/*/plan/confirm")
                            .hasAnyRole(Role.ADVISOR.name(), Role.SUPERVISOR.name())
                            .pathMatchers(HttpMethod.PUT, "/cases/*/plan")
                            .hasAnyRole(Role.ADVISOR.name(), Role.SUPERVISOR.name())
                            .pathMatchers(
                                    HttpMethod.GET, "/cases/*/plan", "/cases/*/plan/versions", "/cases/*/referrals")
                            .hasAnyRole(Role.ADVISOR.name(), Role.SUPERVISOR.name())
                            .pathMatchers(HttpMethod.GET, "/referrals")
                            .hasRole(Role.ORGANISATION.name())
                            .pathMatchers(
                                    HttpMethod.POST,
                                    "/referrals/*/accept",
                                    "/referrals/*/decline",
                                    "/referrals/*/report")
                            .hasRole(Role.ORGANISATION.name())
                            .pathMatchers(HttpMethod.GET, "/cases/mine")
                            .hasRole(Role.ADVISOR.name())
                            .pathMatchers(HttpMethod.GET, "/worklist", "/advisors")
                            .hasRole(Role.SUPERVISOR.name())
                            .pathMatchers(HttpMethod.GET, "/cases", "/cases/*", "/cases/*/visits", "/cases/*/timeline")
                            .hasAnyRole(Role.ADVISOR.name(), Role.SUPERVISOR.name())
                            .pathMatchers(
                                    HttpMethod.POST,
                                    "/cases/*/visits",
                                    "/cases/*/verify",
                                    "/cases/*/dismiss",
                                    "/cases/*/assist-first",
                                    "/cases/*/close",
                                    "/cases/*/reopen")
                            .hasAnyRole(Role.ADVISOR.name(), Role.SUPERVISOR.name())
                            .pathMatchers(HttpMethod.GET, "/statistics", "/statistics/warning-precision")
                            .hasAnyRole(Role.ADVISOR.name(), Role.SUPERVISOR.name(), Role.PLATFORM_ADMIN.name())
                            // organisations read it too: their referrals name its items
                            .pathMatchers(HttpMethod.GET, "/service-menu")
                            .hasAnyRole(
                                    Role.ADVISOR.name(),
                                    Role.SUPERVISOR.name(),
                                    Role.ORGANISATION.name(),
                                    Role.PLATFORM_ADMIN.name())
                            .pathMatchers(HttpMethod.GET, "/policies", "/resources")
                            .hasAnyRole(Role.ADVISOR.name(), Role.SUPERVISOR.name())
                            .pathMatchers(HttpMethod.POST, "/policies/evaluate")
                            .hasAnyRole(Role.ADVISOR.name(), Role.SUPERVISOR.name())
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

    private static Mono<AbstractAuthenticationToken> roles(org.springframework.security.oauth2.jwt.Jwt jwt) {
        List<SimpleGrantedAuthority> authorities = Caller.of(jwt).roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                .toList();
        return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
    }
}
