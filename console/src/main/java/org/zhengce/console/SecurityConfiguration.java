package org.zhengce.console;

import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * The backend-for-frontend's security: the user signs in with OpenID Connect (authorization code with PKCE, as a
 * confidential client), the tokens stay in the server-side session, the browser holds only the session cookie.
 * API calls need a session (401 as a problem otherwise, never a redirect: the page decides); state-changing calls
 * need the CSRF token the page reads from the {@code XSRF-TOKEN} cookie.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain consoleSecurity(
            ServerHttpSecurity http,
            ReactiveClientRegistrationRepository registrations,
            ConsoleSettings settings,
            SignIn signIn) {
        ClientRegistration registration = registrations
                .findByRegistrationId(settings.registrationId())
                .blockOptional()
                .orElseThrow(() -> new IllegalStateException(
                        "console.registration-id names no client registration: " + settings.registrationId()));
        DefaultServerOAuth2AuthorizationRequestResolver authorizationRequests =
                new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
        // PKCE for a confidential client too (OAuth 2.1; the identity provider may require it, ours does).
        authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        OidcClientInitiatedServerLogoutSuccessHandler signedOut =
                new OidcClientInitiatedServerLogoutSuccessHandler(registrations);
        signedOut.setPostLogoutRedirectUri("{baseUrl}/");
        CookieServerCsrfTokenRepository csrfTokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));

        return http.authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/api/**")
                        .authenticated()
                        .pathMatchers(HttpMethod.POST, "/logout")
                        .authenticated()
                        .anyExchange()
                        .permitAll())
                .oauth2Login(login -> login
                        // our own /login (SignIn) starts the flow; no generated login page
                        .loginPage("/login")
                        .authenticationMatcher(new PathPatternParserServerWebExchangeMatcher("/login/callback"))
                        .authorizationRequestResolver(authorizationRequests)
                        .authenticationSuccessHandler(signIn)
                        .authenticationFailureHandler(
                                new RedirectServerAuthenticationFailureHandler("/?signin=failed")))
                .logout(logout -> logout.logoutSuccessHandler(signedOut))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        // the page sends the cookie's value as it is (X-XSRF-TOKEN)
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler()))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(Problems.entryPoint(
                        HttpStatus.UNAUTHORIZED, "Not signed in, or the session has ended: sign in again.")))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(
                        URI.create(registration.getProviderDetails().getAuthorizationUri())))))
                .addFilterAfter(csrfCookie(), SecurityWebFiltersOrder.CSRF)
                .build();
    }

    /**
     * Only this origin's scripts, styles and calls; forms may go here and to the identity provider (sign-out
     * redirects there); never framed.
     */
    static String contentSecurityPolicy(URI identityProvider) {
        String provider = identityProvider.getScheme() + "://" + identityProvider.getRawAuthority();
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
                + " font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self' "
                + provider;
    }

    /** Sets the CSRF cookie on every answer (Spring Security creates the token lazily). */
    private static WebFilter csrfCookie() {
        return (exchange, chain) -> exchange.<Mono<CsrfToken>>getAttributeOrDefault(
                        CsrfToken.class.getName(), Mono.empty())
                .then(chain.filter(exchange));
    }

    /** Signs the relayed calls with the user's access token, refreshing it when it is about to expire. */
    @Bean
    ReactiveOAuth2AuthorizedClientManager authorizedClients(
            ReactiveClientRegistrationRepository registrations, ServerOAuth2AuthorizedClientRepository clients) {
        DefaultReactiveOAuth2AuthorizedClientManager manager =
                new DefaultReactiveOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken()
                .build());
        return manager;
    }
}
