package org.zhengce.scoring.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which households a caller sees, from the area-code prefixes of their jurisdictions. */
class CallerTests {

    private static final String COMMUNITY = "110105001001";

    @Test
    void advisorSeesTheCommunitiesTheyCover() {
        Caller advisor = new Caller("a", Set.of(Caller.ADVISOR), List.of(COMMUNITY));

        assertThat(advisor.sees(COMMUNITY)).isTrue();
        assertThat(advisor.sees("110105002001")).isFalse();
    }

    @Test
    void supervisorOfAStreetOrDistrictSeesEveryCommunityInIt() {
        Caller street = new Caller("s", Set.of(Caller.SUPERVISOR), List.of("110105001"));
        Caller district = new Caller("d", Set.of(Caller.SUPERVISOR), List.of("110105"));

        assertThat(street.sees(COMMUNITY)).isTrue();
        assertThat(street.sees("110105002001")).isFalse();
        assertThat(district.sees("110105002001")).isTrue();
        assertThat(district.sees("110106001001")).isFalse();
    }

    @Test
    void whatIsNotAnAreaCodeCoversNothing() {
        Caller caller = new Caller("x", Set.of(Caller.ADVISOR), List.of("", "1", "11010", "1101050010011", "abcdef"));

        assertThat(caller.jurisdictions()).isEmpty();
        assertThat(caller.sees(COMMUNITY)).isFalse();
    }

    @Test
    void householdOfNoKnownCommunityIsSeenByThePlatformAdminAlone() {
        Caller advisor = new Caller("a", Set.of(Caller.ADVISOR), List.of(COMMUNITY));
        Caller admin = new Caller("p", Set.of(Caller.PLATFORM_ADMIN), List.of());

        assertThat(advisor.sees(null)).isFalse();
        assertThat(admin.sees(null)).isTrue();
        assertThat(admin.sees("310101001001")).isTrue();
    }
}
