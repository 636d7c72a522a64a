package org.zhengce.referral.complaints;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.zhengce.kit.failures.SetAside;
import org.zhengce.kit.sweeps.PeriodicSweep;
import reactor.core.publisher.Mono;

/**
 * Escalates complaints' missed deadlines, as {@code DeadlineWatch} does cases': every {@code
 * referral.complaints.sweep}, each unresolved complaint past its acknowledgement or resolution deadline goes to the
 * next handler above the one alerted last ({@code ComplaintEscalated}), once per deadline. Each in its own
 * transaction under its row lock, so two instances escalate it once; one that fails permanently is set aside.
 */
@Component
public class ComplaintWatch extends PeriodicSweep {

    private static final int BATCH = 200;

    private final Complaints complaints;
    private final ComplaintStore store;
    private final TransactionalOperator transactions;
    private final ComplaintSettings settings;
    private final Clock clock;
    private final Counter escalated;
    private final SetAside<UUID> setAside;

    ComplaintWatch(
            Complaints complaints,
            ComplaintStore store,
            TransactionalOperator transactions,
            ComplaintSettings settings,
            Clock clock,
            MeterRegistry meters) {
        super("complaint sweep", settings.sweep());
        this.complaints = complaints;
        this.store = store;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
        this.setAside = new SetAside<>("complaint sweep", meters);
        this.escalated = Counter.builder("referral.complaints.escalated")
                .description("Complaints escalated to the next handler after a missed deadline")
                .register(meters);
    }

    /** One sweep: escalates every missed complaint deadline found now; emits how many. */
    @Override
    public Mono<Integer> sweep() {
        return store.overdue(clock.instant(), BATCH)
                .filter(id -> !setAside.contains(id))
                .concatMap(id -> setAside.guard(
                        id,
                        complaints
                                .escalateIfMissed(id)
                                .as(transactions::transactional)
                                .doOnNext(escalated::increment)))
                .reduce(0, Integer::sum);
    }
}
