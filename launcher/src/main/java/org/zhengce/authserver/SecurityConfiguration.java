package org.zhengce.authserver;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.URI;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Three chains: the OAuth2 and OpenID Connect endpoints (sending a browser without a session to the login form),
 * the development token endpoint (HTTP Basic, stateless; only when enabled), and everything else (the login form;
 * health open).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain authorisationEndpointSecurity(HttpSecurity http, AuthServerSettings settings) {
        http.cors(cors -> cors.configurationSource(swaggerUiOrigins(settings)))
                .oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    @ConditionalOnBooleanProperty("auth-server.dev-token-endpoint")
    SecurityFilterChain devTokenSecurity(HttpSecurity http) {
        http.securityMatcher("/dev/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain signInSecurity(HttpSecurity http, AuthServerSettings settings) {
        // /error: a refusal elsewhere (a wrong password on /dev/token) keeps its status instead of becoming a
        // redirect to the login form. The CORS preflight of the token endpoint (OPTIONS) lands here: the
        // authorisation server's own matchers name POST only.
        http.cors(cors -> cors.configurationSource(swaggerUiOrigins(settings)))
                .authorizeHttpRequests(
                        requests -> requests.requestMatchers("/actuator/health", "/actuator/health/**", "/error")
                                .permitAll()
                                .anyRequest()
                                .authenticated())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    /**
     * The services' Swagger UI pages exchange their code for a token from the browser, across origins: their origins
     * (and only theirs) may call the token, JWK set and userinfo endpoints.
     */
    static CorsConfigurationSource swaggerUiOrigins(AuthServerSettings settings) {
        CorsConfiguration swaggerUi = new CorsConfiguration();
        settings.swaggerUi().redirectUris().stream()
                .map(URI::create)
                .map(uri -> uri.getScheme() + "://" + uri.getRawAuthority())
                .distinct()
                .forEach(swaggerUi::addAllowedOrigin);
        swaggerUi.addAllowedMethod("GET");
        swaggerUi.addAllowedMethod("POST");
        swaggerUi.addAllowedHeader("*");
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        for (String path : new String[] {"/oauth2/token", "/oauth2/jwks", "/userinfo"}) {
            source.registerCorsConfiguration(path, swaggerUi);
        }
        return source;
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(AuthServerSettings settings) {
        return AuthorizationServerSettings.builder()
                .issuer(settings.issuer().toString())
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** The demo users, all with the demo password (hashed once); their authorities are their roles. */
    @Bean
    UserDetailsService users(DemoLogins logins, PasswordEncoder passwords) {
        String hash = passwords.encode(logins.password());
        return new InMemoryUserDetailsManager(logins.users().stream()
                .map(user -> User.withUsername(user.id())
                        .password(hash)
                        .roles(user.roles().toArray(String[]::new))
                        .build())
                .toArray(UserDetails[]::new));
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(AuthServerSettings settings) {
        RSAKey key = SigningKey.loadOrCreate(settings.secretsDirectory());
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    JwtEncoder jwtEncoder(JWKSource<SecurityContext> keys) {
        return new NimbusJwtEncoder(keys);
    }

    /** For the userinfo endpoint: the server's own tokens. */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
        return NimbusJwtDecoder.withJwkSource(keys).build();
    }
}
