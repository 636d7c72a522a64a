package org.zhengce.authserver;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The registered clients: the console's backend-for-frontend (confidential, authorization code with PKCE and refresh
 * tokens, no consent screen: it is the platform's own), the services' Swagger UI (public, PKCE) and one confidential
 * client-credentials client per department, for intake.
 */
@Configuration(proxyBeanMethods = false)
class Clients {

    @Bean
    RegisteredClientRepository registeredClients(
            AuthServerSettings settings, DemoLogins logins, PasswordEncoder passwords) {
        TokenSettings tokens = TokenSettings.builder()
                .accessTokenTimeToLive(settings.accessTokenTimeToLive())
                .build();
        List<RegisteredClient> clients = new ArrayList<>();
        AuthServerSettings.Console console = settings.console();
        clients.add(RegisteredClient.withId(console.clientId())
                .clientId(console.clientId())
                .clientName("Console (社区救助工作台)")
                .clientSecret(passwords.encode(logins.consoleSecret()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(console.redirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(console.postLogoutRedirectUris()))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(console.accessTokenTimeToLive())
                        .refreshTokenTimeToLive(console.refreshTokenTimeToLive())
                        // a confidential client's refresh token is kept: the page's parallel calls may renew the
                        // access token at the same moment, and a rotated token would sign all but one of them out
                        .reuseRefreshTokens(true)
                        .build())
                .build());
        if (!settings.swaggerUi().redirectUris().isEmpty()) {
            clients.add(RegisteredClient.withId(settings.swaggerUi().clientId())
                    .clientId(settings.swaggerUi().clientId())
                    .clientName("The services' Swagger UI")
                    .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUris(uris -> uris.addAll(settings.swaggerUi().redirectUris()))
                    .scope(OidcScopes.OPENID)
                    .scope(OidcScopes.PROFILE)
                    .clientSettings(ClientSettings.builder()
                            .requireProofKey(true)
                            .requireAuthorizationConsent(false)
                            .build())
                    .tokenSettings(tokens)
                    .build());
        }
        for (DemoLogins.DepartmentClient department : logins.departments()) {
            clients.add(RegisteredClient.withId(
                            UUID.nameUUIDFromBytes(department.clientId().getBytes())
                                    .toString())
                    .clientId(department.clientId())
                    .clientName("Department " + department.department())
                    .clientSecret(passwords.encode(department.secret()))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scope("events.report")
                    .tokenSettings(tokens)
                    .build());
        }
        return new InMemoryRegisteredClientRepository(clients);
    }
}
