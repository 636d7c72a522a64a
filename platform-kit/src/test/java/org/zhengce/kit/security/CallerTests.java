package org.zhengce.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class CallerTests {

    enum Role {
        ADVISOR,
        SUPERVISOR
    }

    private static Jwt token(List<String> roles, List<String> jurisdictions) {
        return Jwt.withTokenValue("t")
                .header("alg", "none")
                .subject("advisor-7")
                .claim(Caller.ROLES, roles)
                .claim(Caller.JURISDICTIONS, jurisdictions)
                .issuedAt(Instant.parse("2026-12-01T00:00:00Z"))
                .build();
    }

    @Test
    void unknownRolesOfTheTokenAreIgnored() {
        Caller<Role> caller = Caller.of(token(List.of("ADVISOR", "ORGANISATION"), List.of("110105001001")), Role.class);

        assertThat(caller.userId()).isEqualTo("advisor-7");
        assertThat(caller.roles()).isEqualTo(Set.of(Role.ADVISOR));
        assertThat(caller.has(Role.ADVISOR)).isTrue();
        assertThat(caller.has(Role.SUPERVISOR)).isFalse();
    }

    @Test
    void streetSupervisorCoversTheCommunitiesOfTheStreetOnly() {
        Caller<Role> caller = Caller.of(token(List.of("SUPERVISOR"), List.of("110105001")), Role.class);

        assertThat(caller.covers("110105001002")).isTrue();
        assertThat(caller.covers("110105002001")).isFalse();
        assertThat(caller.covers("")).isFalse();
    }

    @Test
    void blankOrMalformedJurisdictionsAreRefusedNamingTheClaim() {
        for (String malformed : List.of("", " ", "11010500100X", "1101050010", "1")) {
            Jwt token = token(List.of("SUPERVISOR"), List.of(malformed, "110105001001"));

            assertThatThrownBy(() -> Caller.of(token, Role.class))
                    .isInstanceOf(JurisdictionsClaimRefused.class)
                    .satisfies(refused -> assertThat(((JurisdictionsClaimRefused) refused)
                                    .getStatusCode()
                                    .value())
                            .isEqualTo(403))
                    .extracting(refused ->
                            ((JurisdictionsClaimRefused) refused).getBody().getDetail())
                    .isEqualTo("entry 1 of the jurisdictions claim is not an area code (2, 4, 6, 9 or 12 digits)");
        }
    }

    @Test
    void emptyJurisdictionsClaimIsRefusedNotReadAsEverywhere() {
        Jwt token = token(List.of("SUPERVISOR"), List.of());

        assertThat(Caller.refusal(token)).contains("the jurisdictions claim is empty: it names no area");
        assertThatThrownBy(() -> Caller.of(token, Role.class)).isInstanceOf(JurisdictionsClaimRefused.class);
    }

    @Test
    void advisorsClaimMustNameCommunities() {
        Jwt street = token(List.of("ADVISOR"), List.of("110105001001", "110105002"));
        Jwt withoutClaim = Jwt.withTokenValue("t")
                .header("alg", "none")
                .subject("advisor-7")
                .claim(Caller.ROLES, List.of("ADVISOR"))
                .build();

        assertThat(Caller.refusal(street))
                .contains("entry 2 of the jurisdictions claim is not a community (12 digits): an advisor's claim must"
                        + " name communities");
        assertThat(Caller.refusal(withoutClaim))
                .contains("an advisor's token must name the communities they cover in its jurisdictions claim");
        assertThat(Caller.of(token(List.of("ADVISOR"), List.of("110105001001")), Role.class)
                        .covers("110105001001"))
                .isTrue();
    }

    @Test
    void aTokenWithoutTheClaimOfANonAdvisorCoversNoArea() {
        Jwt organisationWorker = Jwt.withTokenValue("t")
                .header("alg", "none")
                .subject("social-worker-1")
                .claim(Caller.ROLES, List.of("ORGANISATION"))
                .build();

        Caller<Role> caller = Caller.of(organisationWorker, Role.class);

        assertThat(caller.jurisdictions()).isEmpty();
        assertThat(caller.covers("110105001001")).isFalse();
    }
}
