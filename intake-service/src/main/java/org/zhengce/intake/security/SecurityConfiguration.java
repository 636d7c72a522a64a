package org.zhengce.intake.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.zhengce.intake.departments.DepartmentPrincipal;
import org.zhengce.intake.departments.DepartmentRegistry;
import org.zhengce.kit.audit.AuditedRequests;
import org.zhengce.kit.security.StatelessChains;
import org.zhengce.kit.security.SwaggerSignIn;
import org.zhengce.kit.security.TokenAudience;
import org.zhengce.kit.web.ProblemResponses;
import org.zhengce.kit.web.UnavailableAnswers;
import reactor.core.publisher.Mono;

/**
 * The one security chain: stateless, API keys always, JWTs only when an issuer or JWK set is configured
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}, which make Spring Boot
 * define a {@link ReactiveJwtDecoder}), and then only those whose {@code aud} names intake
 * ({@code platform.security.audience}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@Import({SwaggerSignIn.class, UnavailableAnswers.class})
@EnableConfigurationProperties(SecuritySettings.class)
class SecurityConfiguration {

    /** The header departments (and the local admin) put their API key in. */
    static final String API_KEY_HEADER = "X-API-Key";

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /**
     * Spring Security's own observations off: with tracing on, every request opened spans and timers for each phase
     * of the filter chain, the authentication and the authorization, about a tenth of a single-event request's CPU
     * (issue 16's profile). A request stays one server span (WebFlux's observation, which ADR 0023's trace context
     * starts from), whose status says when security refused it; refusals are audited as before.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityWebFilterChain intakeSecurity(
            ServerHttpSecurity http,
            DepartmentRegistry registry,
            SecuritySettings settings,
            ServerCodecConfigurer codecs,
            ObjectProvider<ReactiveJwtDecoder> jwtDecoder,
            @Value(TokenAudience.SETTING) String audience,
            AuditedRequests audited) {
        ReactiveJwtDecoder decoder = jwtDecoder.getIfAvailable();
        ProblemResponses problems = new ProblemResponses(codecs);
        String challenge = decoder != null ? "ApiKey header=\"X-API-Key\", Bearer" : "ApiKey header=\"X-API-Key\"";
        // 403 naming the department if it is disabled, otherwise 401 with the schemes intake accepts
        ServerAuthenticationEntryPoint refuse = (exchange, e) -> e instanceof DisabledException
                ? problems.write(exchange, HttpStatus.FORBIDDEN, "Department disabled", String.valueOf(e.getMessage()))
                : problems.unauthenticated(exchange, e, challenge, "an X-API-Key header or a bearer token is required");
        log.info(
                "intake accepts API keys{}; admin API key {}",
                decoder != null ? " and OAuth2 JWTs for the audience " + audience : " only (no JWT issuer configured)",
                settings.admin().hasApiKey() ? "configured" : "not configured");

        AuthenticationWebFilter apiKeys =
                new AuthenticationWebFilter(new ApiKeyAuthenticationManager(registry, settings));
        apiKeys.setServerAuthenticationConverter(
                exchange -> Mono.justOrEmpty(exchange.getRequest().getHeaders().getFirst(API_KEY_HEADER))
                        .map(key -> UsernamePasswordAuthenticationToken.unauthenticated(API_KEY_HEADER, key)));
        apiKeys.setAuthenticationFailureHandler(
                (filterExchange, e) -> refuse.commence(filterExchange.getExchange(), e));
        apiKeys.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());

        StatelessChains.stateless(audited.addTo(http))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(StatelessChains.HEALTH)
                        .permitAll()
                        .pathMatchers("/actuator/info")
                        .permitAll()
                        .pathMatchers(StatelessChains.DOCUMENTATION)
                        .permitAll()
                        // the pages of the event types belong with the OpenAPI document, public like it
                        .pathMatchers("/event-types", "/event-types/*")
                        .permitAll()
                        .pathMatchers("/admin/**", "/actuator/**")
                        .hasRole("PLATFORM_ADMIN")
                        // a registered reporter's tips (issue 19): a person's token with the role REPORTER
                        .pathMatchers("/tips", "/tips/mine")
                        .hasRole("REPORTER")
                        .pathMatchers(
                                "/departments/me",
                                "/departments/me/webhook",
                                "/decisions",
                                "/decisions/deliveries",
                                "/events",
                                "/events/dry-run",
                                "/submissions",
                                "/submissions/**",
                                "/rejected-events")
                        .hasAuthority(DepartmentPrincipal.AUTHORITY)
                        .anyExchange()
                        .denyAll())
                .addFilterAt(apiKeys, SecurityWebFiltersOrder.AUTHENTICATION)
                .exceptionHandling(handling -> handling.authenticationEntryPoint(refuse)
                        .accessDeniedHandler((exchange, denied) -> problems.write(
                                exchange,
                                HttpStatus.FORBIDDEN,
                                "Forbidden",
                                "the caller's role may not use "
                                        + exchange.getRequest().getPath())));
        if (decoder != null) {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .authenticationEntryPoint(refuse)
                    .jwt(jwt -> jwt.jwtDecoder(TokenAudience.required(decoder, audience))
                            .jwtAuthenticationConverter(new JwtDepartments(registry))));
        }
        return http.build();
    }
}
