package org.zhengce.console;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is signed in, from the ID token: the page shows the pages of the user's roles for their jurisdictions. */
@RestController
class Me {

    /**
     * The signed-in user.
     *
     * @param id the login ({@code sub}), the advisor's, supervisor's or organisation worker's id in referral
     * @param organisation the organisation an {@code ORGANISATION} user works for
     */
    record User(
            String id,
            String name,
            List<String> roles,
            List<String> jurisdictions,
            @Nullable String organisation) {}

    @GetMapping("/api/me")
    User me(@AuthenticationPrincipal OidcUser user) {
        String name = user.getClaimAsString("name");
        return new User(
                user.getSubject(),
                name == null ? user.getSubject() : name,
                list(user.getClaimAsStringList("roles")),
                list(user.getClaimAsStringList("jurisdictions")),
                user.getClaimAsString("organisation"));
    }

    private static List<String> list(@Nullable List<String> claim) {
        return claim == null ? List.of() : claim;
    }
}
