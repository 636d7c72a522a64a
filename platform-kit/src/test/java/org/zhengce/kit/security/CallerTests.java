package org.zhengce.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

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
        Caller<Role> caller = Caller.of(token(List.of("ADVISOR", "ORGANISATION"), List.of()), Role.class);

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
    void blankOrMalformedJurisdictionsCoverNothing() {
        Caller<Role> caller =
                Caller.of(token(List.of("ADVISOR"), List.of("", " ", "11010500100X", "110105001001")), Role.class);

        assertThat(caller.jurisdictions()).containsExactly("110105001001");
        assertThat(caller.covers("110105002001")).isFalse();
        assertThat(Caller.of(token(List.of("ADVISOR"), List.of("")), Role.class).covers("110105001001"))
                .isFalse();
    }
}
