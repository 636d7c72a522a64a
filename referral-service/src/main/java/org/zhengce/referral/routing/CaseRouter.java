package org.zhengce.referral.routing;

import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.zhengce.referral.cases.CaseRouting;
import org.zhengce.referral.cases.OpenCaseLoads;
import org.zhengce.referral.cases.RoutingDecision;
import org.zhengce.referral.jurisdictions.Advisor;
import org.zhengce.referral.jurisdictions.JurisdictionDirectory;
import org.zhengce.referral.jurisdictions.Supervisor;
import reactor.core.publisher.Mono;

/**
 * Routes a new case of a community ({@link Routing}): the covering advisors from the directory, their open loads
 * counted by cases ({@link OpenCaseLoads}, inside the caller's transaction, so cases routed earlier in the same batch
 * count).
 */
@Service
@EnableConfigurationProperties(RoutingSettings.class)
public class CaseRouter implements CaseRouting {

    private final JurisdictionDirectory directory;
    private final OpenCaseLoads openCases;
    private final RoutingSettings settings;

    CaseRouter(JurisdictionDirectory directory, OpenCaseLoads openCases, RoutingSettings settings) {
        this.directory = directory;
        this.openCases = openCases;
        this.settings = settings;
    }

    @Override
    public Mono<RoutingDecision> route(String communityCode) {
        if (communityCode.isEmpty()) {
            return Mono.just(Routing.route(List.of(), Optional.empty(), settings.fallbackOwner()));
        }
        Mono<List<AdvisorLoad>> loads = directory
                .advisorsCovering(communityCode)
                .map(Advisor::id)
                .collectList()
                .flatMap(this::loads);
        Mono<Optional<String>> supervisor = directory
                .supervisorOf(communityCode)
                .map(Supervisor::id)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty());
        // one after the other: inside a transaction both run on the same connection
        return loads.flatMap(covering ->
                supervisor.map(responsible -> Routing.route(covering, responsible, settings.fallbackOwner())));
    }

    /** The open cases each of {@code advisorIds} owns, in that order (0 for none). */
    public Mono<List<AdvisorLoad>> loads(List<String> advisorIds) {
        if (advisorIds.isEmpty()) {
            return Mono.just(List.of());
        }
        return openCases
                .openCasesOwnedBy(advisorIds)
                .map(open -> advisorIds.stream()
                        .map(id -> new AdvisorLoad(id, open.getOrDefault(id, 0)))
                        .toList());
    }
}
