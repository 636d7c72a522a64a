package org.zhengce.referral.deadlines;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.zhengce.kit.failures.SetAside;
import org.zhengce.kit.sweeps.PeriodicSweep;
import org.zhengce.referral.cases.CaseCommand;
import org.zhengce.referral.cases.Cases;
import org.zhengce.referral.jurisdictions.JurisdictionDirectory;
import org.zhengce.referral.jurisdictions.Supervisor;
import org.zhengce.referral.routing.RoutingSettings;
import reactor.core.publisher.Mono;

/**
 * Escalates missed deadlines: every {@code referral.cases.deadline-sweep}, each open case whose due step is past
 * its deadline goes to the supervisor of its street (else district, else the fallback owner) as
 * {@code CaseEscalated} {@code DEADLINE_MISSED}, once per deadline. Each case in its own transaction, re-checked
 * under its lock, so a sweep on two instances escalates it once. A case that cannot be escalated for a permanent
 * reason is set aside ({@link SetAside}) and the sweep goes on; a transient failure ends the sweep until the next.
 */
@Component
public class DeadlineWatch extends PeriodicSweep {

    private static final int BATCH = 200;

    private final Cases cases;
    private final JurisdictionDirectory directory;
    private final TransactionalOperator transactions;
    private final DeadlineSettings settings;
    private final String fallbackOwner;
    private final Clock clock;
    private final Counter escalated;
    private final SetAside<UUID> setAside;

    DeadlineWatch(
            Cases cases,
            JurisdictionDirectory directory,
            TransactionalOperator transactions,
            DeadlineSettings settings,
            RoutingSettings routing,
            Clock clock,
            MeterRegistry meters) {
        super("deadline sweep", settings.deadlineSweep());
        this.cases = cases;
        this.directory = directory;
        this.transactions = transactions;
        this.settings = settings;
        this.fallbackOwner = routing.fallbackOwner();
        this.clock = clock;
        this.setAside = new SetAside<>("deadline sweep", meters);
        this.escalated = Counter.builder("referral.deadlines.missed")
                .description("Missed deadlines escalated to a supervisor")
                .register(meters);
    }

    /** One sweep: escalates every missed deadline found now; emits how many. */
    @Override
    public Mono<Integer> sweep() {
        return cases.overdue(clock.instant(), BATCH)
                .filter(caseId -> !setAside.contains(caseId))
                .concatMap(caseId -> setAside.guard(caseId, escalate(caseId)))
                .reduce(0, (count, one) -> count + one);
    }

    private Mono<Integer> escalate(UUID caseId) {
        return cases.locked(caseId)
                .flatMap(state -> directory
                        .supervisorOf(state.household().communityCode())
                        .map(Supervisor::id)
                        .defaultIfEmpty(fallbackOwner)
                        // re-checked under the lock: escalated once, or nothing (the case's version unchanged)
                        .flatMap(supervisor -> cases.apply(
                                        state, List.of(new CaseCommand.MissDeadline(supervisor, clock.instant())), null)
                                .map(after -> after.version() - state.version())))
                .defaultIfEmpty(0)
                .as(transactions::transactional)
                .doOnNext(count -> escalated.increment(count));
    }
}
