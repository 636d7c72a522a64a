package org.zhengce.referral.security;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The organisation a caller with role {@link Role#ORGANISATION} works for: claim {@code organisation}, referral's
 * own (the kit's {@code Caller} has the user, roles and jurisdictions every service knows).
 */
public final class OrganisationClaim {

    /** The claim naming the caller's organisation. */
    public static final String ORGANISATION = "organisation";

    private OrganisationClaim() {}

    /** The organisation of the token's caller, or empty. */
    public static String of(Jwt jwt) {
        String organisation = jwt.getClaimAsString(ORGANISATION);
        return organisation == null ? "" : organisation;
    }
}
