package org.zhengce.scoring.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * The one security chain: stateless, JWTs of the platform's identity provider only, and only when an issuer or JWK
 * set is configured ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}, which make
 * Spring Boot define a {@link ReactiveJwtDecoder}); without one, everything but health is closed.
 *
 * <p>Households, their scores and the shadow report are open to platform admins, supervisors, advisors and social
 * workers, each controller narrowing them to the caller's jurisdictions; publishing and retiring models, the
 * unresolved persons and the actuator beyond health and info to platform admins alone.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    private static final String[] HEALTH = {"/actuator/health", "/actuator/health/**"};
    private static final String[] DOCUMENTATION = {
        "/actuator/info", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**"
    };

    @Bean
    SecurityWebFilterChain scoringSecurity(
            ServerHttpSecurity http, ServerCodecConfigurer codecs, ObjectProvider<ReactiveJwtDecoder> jwtDecoder) {
        ReactiveJwtDecoder decoder = jwtDecoder.getIfAvailable();
        ProblemResponses problems = new ProblemResponses(codecs, decoder != null);
        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems::unauthenticated)
                        .accessDeniedHandler((exchange, denied) -> problems.forbidden(exchange)));
        if (decoder == null) {
            log.warn("scoring-service: NO JWT ISSUER CONFIGURED (spring.security.oauth2.resourceserver.jwt.issuer-uri"
                    + " or jwk-set-uri): the query and model API is CLOSED, only /actuator/health is open");
            http.authorizeExchange(exchanges ->
                    exchanges.pathMatchers(HEALTH).permitAll().anyExchange().denyAll());
            return http.build();
        }
        log.info("scoring-service accepts JWTs (roles and jurisdictions claims) of the configured issuer");
        http.authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HEALTH)
                        .permitAll()
                        .pathMatchers(DOCUMENTATION)
                        .permitAll()
                        .pathMatchers(HttpMethod.POST, "/models", "/models/*/retire")
                        .hasRole(Caller.PLATFORM_ADMIN)
                        .pathMatchers(HttpMethod.GET, "/unresolved-persons")
                        .hasRole(Caller.PLATFORM_ADMIN)
                        .pathMatchers("/actuator/**")
                        .hasRole(Caller.PLATFORM_ADMIN)
                        .pathMatchers(HttpMethod.GET, "/models", "/households/*/portrait", "/households/*/score")
                        .hasAnyRole(Caller.HOUSEHOLD_READERS)
                        .pathMatchers(HttpMethod.GET, "/shadow-report")
                        .hasAnyRole(Caller.HOUSEHOLD_READERS)
                        .anyExchange()
                        .denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationEntryPoint(problems::unauthenticated)
                        .accessDeniedHandler((exchange, denied) -> problems.forbidden(exchange))
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(new JwtCallers())));
        return http.build();
    }
}
