package org.zhengce.intake.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.zhengce.intake.departments.DepartmentPrincipal;
import org.zhengce.intake.departments.DepartmentRegistry;
import reactor.core.publisher.Mono;

/**
 * The one security chain: stateless, API keys always, JWTs only when an issuer or JWK set is configured
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}, which make Spring Boot
 * define a {@link ReactiveJwtDecoder}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(SecuritySettings.class)
class SecurityConfiguration {

    /** The header departments (and the local admin) put their API key in. */
    static final String API_KEY_HEADER = "X-API-Key";

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityWebFilterChain intakeSecurity(
            ServerHttpSecurity http,
            DepartmentRegistry registry,
            SecuritySettings settings,
            ServerCodecConfigurer codecs,
            ObjectProvider<ReactiveJwtDecoder> jwtDecoder) {
        ReactiveJwtDecoder decoder = jwtDecoder.getIfAvailable();
        ProblemResponses problems = new ProblemResponses(codecs, decoder != null);
        log.info(
                "intake accepts API keys{}; admin API key {}",
                decoder != null ? " and OAuth2 JWTs" : " only (no JWT issuer configured)",
                settings.admin().hasApiKey() ? "configured" : "not configured");

        AuthenticationWebFilter apiKeys =
                new AuthenticationWebFilter(new ApiKeyAuthenticationManager(registry, settings));
        apiKeys.setServerAuthenticationConverter(
                exchange -> Mono.justOrEmpty(exchange.getRequest().getHeaders().getFirst(API_KEY_HEADER))
                        .map(key -> UsernamePasswordAuthenticationToken.unauthenticated(API_KEY_HEADER, key)));
        apiKeys.setAuthenticationFailureHandler(
                (filterExchange, e) -> problems.refuse(filterExchange.getExchange(), e));
        apiKeys.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());

        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(
                                "/actuator/health",
                                "/actuator/health/**",
                                "/actuator/info",
                                "/v3/api-docs",
                                "/v3/api-docs/**",
                                "/swagger-ui.html",
                                "/swagger-ui/**",
                                "/webjars/**")
                        .permitAll()
                        .pathMatchers("/admin/**", "/actuator/**")
                        .hasRole("PLATFORM_ADMIN")
                        .pathMatchers(
                                "/departments/me", "/events", "/submissions", "/submissions/**", "/rejected-events")
                        .hasAuthority(DepartmentPrincipal.AUTHORITY)
                        .anyExchange()
                        .denyAll())
                .addFilterAt(apiKeys, SecurityWebFiltersOrder.AUTHENTICATION)
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems::refuse)
                        .accessDeniedHandler((exchange, denied) -> problems.write(
                                exchange,
                                HttpStatus.FORBIDDEN,
                                "Forbidden",
                                "the caller's role may not use "
                                        + exchange.getRequest().getPath())));
        if (decoder != null) {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .authenticationEntryPoint(problems::refuse)
                    .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(new JwtDepartments(registry))));
        }
        return http.build();
    }
}
