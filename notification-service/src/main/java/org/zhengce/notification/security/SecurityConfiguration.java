package org.zhengce.notification.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
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
 * The one security chain: the kit's stateless OAuth2 resource server, as referral's. JWTs are accepted only when an
 * issuer or JWK set is configured ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or
 * {@code jwk-set-uri}); without one everything but the health probes is closed. A user's own alerts, stream and
 * subscriptions are open to every known role; which alert is whose is decided by the features (a user sees only
 * their own, supervisors those of their jurisdictions, admins all).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@Import({SwaggerSignIn.class, UnavailableAnswers.class})
class SecurityConfiguration {

    private static final String[] EVERY_ROLE = {Role.ADVISOR.name(), Role.SUPERVISOR.name(), Role.PLATFORM_ADMIN.name()
    };

    @Bean
    SecurityWebFilterChain notificationSecurity(
            ServerHttpSecurity http,
            ServerCodecConfigurer codecs,
            ObjectProvider<ReactiveJwtDecoder> jwtDecoder,
            @Value(TokenAudience.SETTING) String audience,
            AuditedRequests audited) {
        return StatelessChains.jwtResourceServer(
                audited.addTo(http),
                codecs,
                jwtDecoder.getIfAvailable(),
                "notification",
                audience,
                Role.class,
                Role.PLATFORM_ADMIN,
                exchanges -> exchanges
                        .pathMatchers("/communities/*/alerts")
                        .hasAnyRole(Role.SUPERVISOR.name(), Role.PLATFORM_ADMIN.name())
                        .pathMatchers("/alerts", "/alerts/**", "/subscriptions/me")
                        .hasAnyRole(EVERY_ROLE)
                        .anyExchange()
                        .denyAll());
    }
}
