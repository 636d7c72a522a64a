package org.zhengce.referral.routing;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.zhengce.referral.cases.RoutingDecision;

/** The routing rule, as a pure function. */
public final class Routing {

    private static final Comparator<AdvisorLoad> LEAST_LOADED =
            Comparator.comparingInt(AdvisorLoad::openCases).thenComparing(AdvisorLoad::advisorId);

    private Routing() {}

    /**
     * The advisor with the fewest open cases among {@code covering} (ties: the smallest advisor id); with none,
     * the responsible supervisor, or {@code fallbackOwner} when there is no supervisor either.
     */
    public static RoutingDecision route(List<AdvisorLoad> covering, Optional<String> supervisor, String fallbackOwner) {
        return covering.stream()
                .min(LEAST_LOADED)
                .<RoutingDecision>map(advisor -> new RoutingDecision.ToAdvisor(advisor.advisorId()))
                .orElseGet(() -> new RoutingDecision.NoAdvisor(supervisor.orElse(fallbackOwner)));
    }
}
