package org.zhengce.authserver;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * The claims the services authorise on. A user's tokens (access and ID) carry {@code roles} and
 * {@code jurisdictions} (area-code prefixes) and their display {@code name}; a department's client-credentials
 * token carries the {@code department} code intake checks against its registry. An organisation's worker's tokens
 * carry the {@code organisation} they work for.
 */
@Component
class PlatformClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String ROLES = "roles";
    static final String JURISDICTIONS = "jurisdictions";
    static final String DEPARTMENT = "department";
    static final String ORGANISATION = "organisation";

    private final DemoLogins logins;

    PlatformClaims(DemoLogins logins) {
        this.logins = logins;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            logins.department(context.getRegisteredClient().getClientId())
                    .ifPresent(client -> context.getClaims().claim(DEPARTMENT, client.department()));
            return;
        }
        logins.user(context.getPrincipal().getName()).ifPresent(user -> {
            context.getClaims()
                    .claim(ROLES, user.roles())
                    .claim(JURISDICTIONS, user.jurisdictions())
                    .claim("name", user.name());
            if (user.organisation() != null) {
                context.getClaims().claim(ORGANISATION, user.organisation());
            }
        });
    }
}
