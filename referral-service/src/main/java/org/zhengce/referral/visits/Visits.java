package org.zhengce.referral.visits;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;
import org.zhengce.referral.policies.HouseholdFacts;
import org.zhengce.referral.web.Page;
import org.zhengce.referral.web.PageRequest;
import org.zhengce.referral.web.RequestProblem;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The visits of a case: what an advisor may report (needs from the service menu, never in the future), the visits
 * kept with their needs and the household's facts, read back oldest first. The case's workflow takes the visit as a
 * step; this feature keeps what was found.
 */
@Service
public class Visits {

    private final VisitStore store;
    private final VisitFormat format;
    private final NeedCatalogue needs;
    private final JsonMapper json;
    private final Clock clock;

    Visits(VisitStore store, VisitFormat format, NeedCatalogue needs, JsonMapper json, Clock clock) {
        this.store = store;
        this.format = format;
        this.needs = needs;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Why {@code report}, of a visit at {@code visitedAt}, cannot be recorded at {@code now} (400 naming the field):
     * a visit in the future, a need off the service menu; empty when it can.
     */
    public Optional<ErrorResponseException> refusal(VisitReport report, Instant visitedAt, Instant now) {
        if (visitedAt.isAfter(now.plusSeconds(300))) {
            return Optional.of(
                    RequestProblem.invalid("visitedAt", "a visit cannot be in the future (" + visitedAt + ")"));
        }
        for (int i = 0; i < report.needs().size(); i++) {
            Need need = report.needs().get(i);
            if (!needs.isMenuItem(need.item())) {
                return Optional.of(RequestProblem.invalid(
                        "needs[" + i + "].item", "'" + need.item() + "' is not an item of the service menu"));
            }
        }
        return Optional.empty();
    }

    /** Keeps a visit of the case, in the caller's transaction. */
    public Mono<Void> record(
            UUID caseId,
            UUID visitId,
            String advisorId,
            Instant visitedAt,
            @Nullable String findings,
            List<Need> needs,
            @Nullable HouseholdFacts facts) {
        return store.add(
                caseId,
                visitId,
                advisorId,
                visitedAt,
                findings,
                clock.instant(),
                json.writeValueAsString(needs),
                facts == null ? "{}" : json.writeValueAsString(facts));
    }

    /** The case's latest visit, if any. */
    public Mono<Optional<VisitView>> latest(UUID caseId) {
        return store.visits(caseId)
                .collectList()
                .map(all -> all.isEmpty() ? Optional.empty() : Optional.of(format.view(all.get(all.size() - 1))));
    }

    /** The case's visits, oldest first, a page at a time. */
    public Mono<Page<VisitView>> page(UUID caseId, PageRequest request) {
        VisitStore.VisitPosition after = request.after(parts -> new VisitStore.VisitPosition(
                Instant.parse(parts.get(0)), Instant.parse(parts.get(1)), UUID.fromString(parts.get(2))));
        return store.visits(caseId, after, request.fetch())
                .collectList()
                .map(fetched -> request.page(
                        fetched,
                        visit -> List.of(
                                visit.visitedAt().toString(),
                                visit.recordedAt().toString(),
                                visit.id().toString())))
                .map(page -> page.with(page.items().stream().map(format::view).toList()));
    }
}
