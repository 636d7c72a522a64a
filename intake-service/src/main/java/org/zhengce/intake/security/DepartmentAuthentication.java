package org.zhengce.intake.security;

import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.zhengce.intake.departments.DepartmentPrincipal;

/** A department authenticated by API key or JWT; the credentials are not kept. */
final class DepartmentAuthentication extends AbstractAuthenticationToken {

    private final DepartmentPrincipal principal;

    DepartmentAuthentication(DepartmentPrincipal principal, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public DepartmentPrincipal getPrincipal() {
        return principal;
    }

    /** The department's code: who the audit trail names. */
    @Override
    public String getName() {
        return principal.department().code();
    }
}
