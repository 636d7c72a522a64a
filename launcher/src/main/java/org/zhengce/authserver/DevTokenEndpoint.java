package org.zhengce.authserver;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /dev/token} with HTTP Basic (a demo user and the demo password): that user's access token, as the
 * console would get it through the authorization-code flow (same client, same claims, same signing key), for
 * scripts and {@code curl}. Local runs only: the launcher turns it on ({@code auth-server.dev-token-endpoint});
 * see ADR 0008.
 */
@RestController
@ConditionalOnBooleanProperty("auth-server.dev-token-endpoint")
class DevTokenEndpoint {

    /** The grant a development token records in the customiser's context; no client can request it. */
    static final AuthorizationGrantType DEV_TOKEN = new AuthorizationGrantType("urn:zhengce:dev-token");

    private final JwtGenerator generator;
    private final RegisteredClient console;
    private final AuthorizationServerContext server;

    DevTokenEndpoint(
            JwtEncoder encoder,
            PlatformClaims claims,
            RegisteredClientRepository clients,
            AuthServerSettings settings,
            AuthorizationServerSettings serverSettings) {
        this.generator = new JwtGenerator(encoder);
        this.generator.setJwtCustomizer(claims);
        RegisteredClient found = clients.findByClientId(settings.console().clientId());
        if (found == null) {
            throw new IllegalStateException(
                    "the console client " + settings.console().clientId() + " is missing");
        }
        this.console = found;
        String issuer = settings.issuer().toString();
        this.server = new AuthorizationServerContext() {
            @Override
            public String getIssuer() {
                return issuer;
            }

            @Override
            public AuthorizationServerSettings getAuthorizationServerSettings() {
                return serverSettings;
            }
        };
    }

    @PostMapping(path = "/dev/token", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> token(Authentication user) {
        Jwt jwt = issue(user);
        Instant issuedAt = jwt.getIssuedAt() == null ? Instant.EPOCH : jwt.getIssuedAt();
        Instant expiresAt = jwt.getExpiresAt() == null ? issuedAt : jwt.getExpiresAt();
        return Map.of(
                "access_token", jwt.getTokenValue(),
                "token_type", "Bearer",
                "expires_in", Duration.between(issuedAt, expiresAt).toSeconds());
    }

    /** The bare token, for {@code TOKEN=$(curl -H 'Accept: text/plain' ...)} without a JSON tool. */
    @PostMapping(path = "/dev/token", produces = MediaType.TEXT_PLAIN_VALUE)
    String bareToken(Authentication user) {
        return issue(user).getTokenValue();
    }

    private Jwt issue(Authentication user) {
        Jwt jwt = generator.generate(DefaultOAuth2TokenContext.builder()
                .registeredClient(console)
                .principal(user)
                .authorizationServerContext(server)
                .authorizedScopes(Set.of(OidcScopes.OPENID, OidcScopes.PROFILE))
                .tokenType(OAuth2TokenType.ACCESS_TOKEN)
                .authorizationGrantType(DEV_TOKEN)
                .build());
        if (jwt == null) {
            throw new IllegalStateException("the console client issues no self-contained access tokens");
        }
        return jwt;
    }
}
