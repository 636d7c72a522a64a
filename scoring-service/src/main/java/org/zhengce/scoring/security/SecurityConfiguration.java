package org.zhengce.scoring.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.zhengce.kit.audit.AuditedRequests;
import org.zhengce.kit.security.StatelessChains;
import org.zhengce.kit.security.SwaggerSignIn;
import org.zhengce.kit.security.TokenAudience;
import org.zhengce.kit.web.ProblemResponses;
import org.zhengce.kit.web.UnavailableAnswers;

/**
 * The one security chain: stateless, JWTs of the platform's identity provider only, and only when an issuer or JWK
 * set is configured ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}, which make
 * Spring Boot define a {@link ReactiveJwtDecoder}); without one, everything but health is closed. A token is accepted
 * only when its {@code aud} names this service ({@code platform.security.audience}).
 *
 * <p>Households, their scores and the shadow report are open to platform admins, supervisors, advisors and social
 * workers, each controller narrowing them to the caller's jurisdictions; publishing and retiring models, the
 * unresolved persons, the processing dead letters and their replay ({@code /admin/**}) and the actuator beyond health
 * and info to platform admins alone. Each of those requests is audited with its caller, allowed or refused (the
 * kit's {@link AuditedRequests}, declared by the {@code audit} feature).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@Import({SwaggerSignIn.class, UnavailableAnswers.class})
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    private static final String[] HEALTH = StatelessChains.HEALTH;
    private static final String[] INFO = {"/actuator/info"};

    @Bean
    SecurityWebFilterChain scoringSecurity(
            ServerHttpSecurity http,
            ServerCodecConfigurer codecs,
            ObjectProvider<ReactiveJwtDecoder> jwtDecoder,
            @Value(TokenAudience.SETTING) String audience,
            AuditedRequests audited) {
        ReactiveJwtDecoder decoder = jwtDecoder.getIfAvailable();
        ProblemResponses problems = new ProblemResponses(codecs);
        // 401: no token, or one that is invalid or expired; or, without an issuer, that the API is closed
        ServerAuthenticationEntryPoint unauthenticated = (exchange, e) -> decoder == null
                ? problems.write(
                        exchange,
                        HttpStatus.UNAUTHORIZED,
                        "API closed",
                        "no JWT issuer is configured (spring.security.oauth2.resourceserver.jwt.issuer-uri or"
                                + " jwk-set-uri): only health is open")
                : problems.unauthenticated(exchange, e, "Bearer", "a bearer token is required");
        // household reads, reports and admin actions audited after authentication, before authorisation (403s too)
        StatelessChains.stateless(audited.addTo(http))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(StatelessChains.forbidden(problems)));
        if (decoder == null) {
            log.warn("scoring-service: NO JWT ISSUER CONFIGURED (spring.security.oauth2.resourceserver.jwt.issuer-uri"
                    + " or jwk-set-uri): the query and model API is CLOSED, only /actuator/health is open");
            http.authorizeExchange(exchanges ->
                    exchanges.pathMatchers(HEALTH).permitAll().anyExchange().denyAll());
            return http.build();
        }
        log.info(
                "scoring-service accepts JWTs (roles and jurisdictions claims) of the configured issuer for the"
                        + " audience {}",
                audience);
        http.authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HEALTH)
                        .permitAll()
                        .pathMatchers(INFO)
                        .permitAll()
                        .pathMatchers(StatelessChains.DOCUMENTATION)
                        .permitAll()
                        .pathMatchers(HttpMethod.POST, "/models", "/models/*/retire")
                        .hasRole(Caller.PLATFORM_ADMIN)
                        .pathMatchers(HttpMethod.GET, "/unresolved-persons")
                        .hasRole(Caller.PLATFORM_ADMIN)
                        .pathMatchers("/admin/**")
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
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(StatelessChains.forbidden(problems))
                        .jwt(jwt -> jwt.jwtDecoder(TokenAudience.required(decoder, audience))
                                .jwtAuthenticationConverter(new JwtCallers())));
        return http.build();
    }
}
