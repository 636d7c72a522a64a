package org.zhengce.referral.routing;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.zhengce.referral.jurisdictions.Advisor;
import org.zhengce.referral.jurisdictions.JurisdictionDirectory;
import org.zhengce.referral.jurisdictions.Supervisor;
import reactor.core.publisher.Mono;

/**
 * Routes a new case of a community ({@link Routing}): the covering advisors from the directory, their open loads
 * counted in the database (inside the caller's transaction, so cases routed earlier in the same batch count).
 */
@Service
@EnableConfigurationProperties(RoutingSettings.class)
public class CaseRouter {

    private final JurisdictionDirectory directory;
    private final DatabaseClient db;
    private final RoutingSettings settings;

    CaseRouter(JurisdictionDirectory directory, DatabaseClient db, RoutingSettings settings) {
        this.directory = directory;
        this.db = db;
        this.settings = settings;
    }

    /** Who should own a new case of {@code communityCode} (empty: the community is unknown). */
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
        return db.sql("select owner_id, count(*) from cases where status = 'OPEN' and owner_id = any(:ids::text[])"
                        + " group by owner_id")
                .bind("ids", advisorIds.toArray(String[]::new))
                .map(row -> Map.entry(
                        Objects.requireNonNull(row.get(0, String.class)),
                        Objects.requireNonNull(row.get(1, Long.class)).intValue()))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(open -> advisorIds.stream()
                        .map(id -> new AdvisorLoad(id, open.getOrDefault(id, 0)))
                        .toList());
    }
}
