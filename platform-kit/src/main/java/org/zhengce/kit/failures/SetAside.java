package org.zhengce.kit.failures;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.schemas.identity.IdentityNumbers;
import reactor.core.publisher.Mono;

/**
 * The items a sweep (deadlines, escalations) gave up on: one that fails for a {@linkplain Failures#isPermanent
 * permanent} reason is set aside (logged once as a warning, counted in the gauge {@value #GAUGE}{@code {sweep}}) and
 * the sweep goes on with the next, instead of failing on it at every tick and never reaching the items behind it. A
 * {@linkplain Failures#isTransient transient} failure ends the sweep as before, and the next tick tries again. Kept
 * in memory: a restart tries each set-aside item once more.
 *
 * @param <T> the item's id
 */
public final class SetAside<T> {

    /** Gauge of the items set aside, by sweep. */
    public static final String GAUGE = "platform.sweeps.set-aside";

    private static final Logger log = LoggerFactory.getLogger(SetAside.class);

    private final String sweep;
    private final Set<T> items = ConcurrentHashMap.newKeySet();

    /** The set-aside items of {@code sweep} (its name in the gauge and the log), measured in {@code meters}. */
    public SetAside(String sweep, MeterRegistry meters) {
        this.sweep = sweep;
        Gauge.builder(GAUGE, items, Set::size)
                .description("Items a sweep set aside after a permanent failure (see the warning naming each)")
                .tag("sweep", sweep)
                .register(meters);
    }

    /** Whether {@code item} was set aside: a sweep skips it. */
    public boolean contains(T item) {
        return items.contains(item);
    }

    /** {@code work} on {@code item}; empty, with the item set aside, if it fails for a permanent reason. */
    public <R> Mono<R> guard(T item, Mono<R> work) {
        return work.onErrorResume(Failures::isPermanent, failure -> {
            if (items.add(item)) {
                log.warn(
                        "{}: {} set aside, not tried again until a restart: {}",
                        sweep,
                        item,
                        IdentityNumbers.maskAllIn(Failures.reason(failure)));
            }
            return Mono.empty();
        });
    }
}
