package org.zhengce.referral.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.zhengce.kit.audit.AuditedRequests;
import org.zhengce.kit.security.StatelessChains;
import org.zhengce.kit.security.SwaggerSignIn;
import org.zhengce.kit.security.TokenAudience;
import org.zhengce.kit.web.UnavailableAnswers;

/**
 * The one security chain: stateless OAuth2 resource server. JWTs are accepted only when an issuer or JWK set is
 * configured ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}); without one
 * everything but the health probes is closed. Each entry of the {@code roles} claim that
 * {@link Role} names becomes a role; the scaffolding (stateless, health and documentation open,
 * the admin's paths, refusals as problems, the resource server) and Swagger sign-in are the kit's.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@Import({SwaggerSignIn.class, UnavailableAnswers.class})
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain referralSecurity(
            ServerHttpSecurity http,
            ServerCodecConfigurer codecs,
            ObjectProvider<ReactiveJwtDecoder> jwtDecoder,
            @Value(TokenAudience.SETTING) String audience,
            AuditedRequests audited) {
        return StatelessChains.jwtResourceServer(
                audited.addTo(http),
                codecs,
                jwtDecoder.getIfAvailable(),
                "referral",
                audience,
                Role.class,
                Role.PLATFORM_ADMIN,
                exchanges -> exchanges
                        .pathMatchers(HttpMethod.POST, "/cases/*/assign")
                        .hasRole(Role.SUPERVISOR.name())
                        .pathMatchers(HttpMethod.POST, "/cases/*/plan/approve", "/cases/*/plan/reject")
                        .hasRole(Role.SUPERVISOR.name())
                        .pathMatchers(HttpMethod.POST, "/cases/*/plan/confirm")
                        .hasAnyRole(Role.ADVISOR.name(), Role.SUPERVISOR.name())
                        .pathMatchers(HttpMethod.PUT, "/cases/*/plan")
                        .hasAnyRole(Role.ADVISOR.name(), Role.SUPERVISOR.name())
                        .pathMatchers(
                                HttpMethod.GET,
                                "/cases/*/plan",
                                "/cases/*/plan/versions",
                                "/cases/*/referrals",
                                "/cases/*/feedback")
                        .hasAnyRole(Role.ADVISOR.name(), Role.SUPERVISOR.name())
                        // the household's evaluation of a service delivered: its case's advisor or supervisor, or
                        // the organisation that gave it
                        .pathMatchers(HttpMethod.POST, "/cases/*/referrals/*/feedback")
                        .hasAnyRole(Role.ADVISOR.name(), Role.SUPERVISOR.name())
                        .pathMatchers(HttpMethod.POST, "/referrals/*/feedback")
                        .hasRole(Role.ORGANISATION.name())
                        .pathMatchers(HttpMethod.GET, "/referrals")
                        .hasRole(Role.ORGANISATION.name())
                        .pathMatchers(
                                HttpMethod.POST, "/referrals/*/accept", "/referrals/*/decline", "/referrals/*/report")
                        .hasRole(Role.ORGANISATION.name())
                        .pathMatchers(HttpMethod.GET, "/tips/*")
                        .hasRole(Role.REPORTER.name())
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
                        // complaints: anyone signed in (advisors, supervisors, reporters); the complaints feature
                        // lets each see only the complaints they filed or handle
                        .pathMatchers(HttpMethod.GET, "/complaints", "/complaints/*")
                        .authenticated()
                        .pathMatchers(
                                HttpMethod.POST, "/complaints", "/complaints/*/acknowledge", "/complaints/*/resolve")
                        .authenticated()
                        // the audit trail: the audit feature decides (auditor, supervisor of the area) so that a
                        // refusal is
                        // audited with its rule too
                        .pathMatchers(HttpMethod.GET, "/audit")
                        .authenticated()
                        .pathMatchers(HttpMethod.GET, "/statistics", "/statistics/warning-precision")
                        .hasAnyRole(Role.ADVISOR.name(), Role.SUPERVISOR.name(), Role.PLATFORM_ADMIN.name())
                        // organisations read it too: their referrals name its items; reporters pick a tip's needs
                        .pathMatchers(HttpMethod.GET, "/service-menu")
                        .hasAnyRole(
                                Role.ADVISOR.name(),
                                Role.SUPERVISOR.name(),
                                Role.ORGANISATION.name(),
                                Role.PLATFORM_ADMIN.name(),
                                Role.REPORTER.name())
                        .pathMatchers(HttpMethod.GET, "/policies", "/resources")
                        .hasAnyRole(Role.ADVISOR.name(), Role.SUPERVISOR.name())
                        .pathMatchers(HttpMethod.POST, "/policies/evaluate")
                        .hasAnyRole(Role.ADVISOR.name(), Role.SUPERVISOR.name())
                        .anyExchange()
                        .denyAll());
    }
}
