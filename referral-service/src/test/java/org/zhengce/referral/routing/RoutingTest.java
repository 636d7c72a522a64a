package org.zhengce.referral.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.zhengce.referral.cases.RoutingDecision;

class RoutingTest {

    @Test
    void leastLoadedAdvisorGetsTheCase() {
        assertThat(Routing.route(
                        List.of(new AdvisorLoad("advisor-a", 3), new AdvisorLoad("advisor-b", 1)),
                        Optional.of("supervisor"),
                        "fallback"))
                .isEqualTo(new RoutingDecision.ToAdvisor("advisor-b"));
    }

    @Test
    void tiesGoToTheSmallestAdvisorId() {
        assertThat(Routing.route(
                        List.of(new AdvisorLoad("advisor-z", 2), new AdvisorLoad("advisor-c", 2)),
                        Optional.empty(),
                        "fallback"))
                .isEqualTo(new RoutingDecision.ToAdvisor("advisor-c"));
    }

    @Test
    void withoutAdvisorTheSupervisorOwnsTheCase() {
        assertThat(Routing.route(List.of(), Optional.of("supervisor-street"), "fallback"))
                .isEqualTo(new RoutingDecision.NoAdvisor("supervisor-street"));
    }

    @Test
    void withoutAdvisorOrSupervisorTheFallbackOwnsTheCase() {
        assertThat(Routing.route(List.of(), Optional.empty(), "fallback"))
                .isEqualTo(new RoutingDecision.NoAdvisor("fallback"));
    }
}
