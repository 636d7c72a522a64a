package org.zhengce.authserver;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * The claims the services authorise on. A user's tokens (access and ID) carry {@code roles} and
 * {@code jurisdictions} (area-code prefixes) and their display {@code name}; a department's client-credentials
 * token carries the {@code department} code intake checks against its registry. An organisation's worker's tokens
 * carry the {@code organisation} they work for. A person without jurisdictions (an organisation's worker) gets no
 * {@code jurisdictions} claim: the services refuse an empty one.
 *
 * <p>Access tokens name the services they are for in {@code aud} ({@link AuthServerSettings.Audiences}): a person's
 * every service a person calls, a department's intake alone. ID tokens keep the client as their audience (OpenID
 * Connect).
 */
@Component
class PlatformClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String ROLES = "roles";
    static final String JURISDICTIONS = "jurisdictions";
    static final String DEPARTMENT = "department";
    static final String ORGANISATION = "organisation";

    private final DemoLogins logins;
    private final AuthServerSettings.Audiences audiences;

    PlatformClaims(DemoLogins logins, AuthServerSettings settings) {
        this.logins = logins;
        this.audiences = settings.audiences();
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean department = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType());
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            context.getClaims().audience(department ? audiences.departments() : audiences.people());
        }
        if (department) {
            logins.department(context.getRegisteredClient().getClientId())
                    .ifPresent(client -> context.getClaims().claim(DEPARTMENT, client.department()));
            return;
        }
        logins.user(context.getPrincipal().getName()).ifPresent(user -> {
            context.getClaims().claim(ROLES, user.roles()).claim("name", user.name());
            if (!user.jurisdictions().isEmpty()) {
                context.getClaims().claim(JURISDICTIONS, user.jurisdictions());
            }
            if (user.organisation() != null) {
                context.getClaims().claim(ORGANISATION, user.organisation());
            }
        });
    }
}
