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
 * The registered clients: the console (public, authorization code with PKCE, no consent screen: it is the
 * platform's own) and one confidential client-credentials client per department, for intake.
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
        clients.add(RegisteredClient.withId(settings.console().clientId())
                .clientId(settings.console().clientId())
                .clientName("Advisor console (社区救助顾问工作台)")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(settings.console().redirectUris()))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(tokens)
                .build());
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
