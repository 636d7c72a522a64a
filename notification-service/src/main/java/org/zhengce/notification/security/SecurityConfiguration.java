package org.zhengce.notification.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.zhengce.kit.security.RoleAuthorities;
import org.zhengce.kit.security.StatelessChains;
import org.zhengce.kit.security.SwaggerSignIn;
import org.zhengce.kit.web.ProblemResponses;

/**
 * The one security chain: stateless OAuth2 resource server, as referral's. JWTs are accepted only when an issuer or
 * JWK set is configured ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri});
 * without one everything but the health probes is closed. A user's own alerts, stream and subscriptions are open to
 * every known role; which alert is whose is decided by the features (a user sees only their own, supervisors those
 * of their jurisdictions, admins all).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@Import(SwaggerSignIn.class)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    private static final String[] EVERY_ROLE = {Role.ADVISOR.name(), Role.SUPERVISOR.name(), Role.PLATFORM_ADMIN.name()
    };

    @Bean
    SecurityWebFilterChain notificationSecurity(
            ServerHttpSecurity http, ServerCodecConfigurer codecs, ObjectProvider<ReactiveJwtDecoder> jwtDecoder) {
        ReactiveJwtDecoder decoder = jwtDecoder.getIfAvailable();
        ProblemResponses problems = new ProblemResponses(codecs);
        ServerAuthenticationEntryPoint unauthenticated = (exchange, e) -> decoder == null
                ? problems.write(exchange, HttpStatus.UNAUTHORIZED, "Unauthenticated", ProblemResponses.NO_ISSUER)
                : problems.unauthenticated(exchange, e, "Bearer", "a bearer token is required");
        log.info(
                "notification {}",
                decoder != null
                        ? "accepts OAuth2 JWTs"
                        : "has no JWT issuer configured: every endpoint but the health probes is closed");
        StatelessChains.stateless(http)
                .authorizeExchange(exchanges -> {
                    exchanges
                            .pathMatchers(StatelessChains.HEALTH)
                            .permitAll()
                            .pathMatchers("/actuator/info")
                            .permitAll();
                    if (decoder == null) {
                        exchanges.anyExchange().denyAll();
                        return;
                    }
                    exchanges
                            .pathMatchers(StatelessChains.DOCUMENTATION)
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
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler((exchange, denied) -> problems.forbidden(exchange)));
        if (decoder != null) {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .authenticationEntryPoint(unauthenticated)
                    .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(new RoleAuthorities<>(Role.class))));
        }
        return http.build();
    }
}
