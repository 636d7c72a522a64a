package org.zhengce.scoring.security;

import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** A caller authenticated by JWT; the principal is the {@link Caller}, the token stays as the credentials. */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final Jwt token;

    CallerAuthentication(Caller caller, Jwt token, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.caller = caller;
        this.token = token;
        setAuthenticated(true);
    }

    @Override
    public Jwt getCredentials() {
        return token;
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.subject();
    }
}
