package org.zhengce.kit.sweeps;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs {@link #sweep()} every period while the application runs, one sweep at a time (a tick that comes while a
 * sweep still runs is skipped, not queued). A failed sweep ends that sweep only; the next tick tries again.
 *
 * <p>What an operator reads: one WARN when sweeps start failing (with the first failure and the period they are
 * retried at), nothing more while they keep failing (DEBUG), and one INFO when a sweep succeeds again. A database down
 * for an hour is one line, not one a minute.
 */
public abstract class PeriodicSweep implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final Duration every;
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile @Nullable Disposable running;

    /**
     * @param name what the log calls it, e.g. "deadline sweep"
     * @param every the time between two sweeps, and before the first
     */
    protected PeriodicSweep(String name, Duration every) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException(name + ": the period must be positive, was " + every);
        }
        this.name = name;
        this.every = every;
    }

    /** One sweep: does the work found now; emits how many things it did. */
    public abstract Mono<Integer> sweep();

    @Override
    public void start() {
        running = Flux.interval(every, every)
                .onBackpressureDrop()
                .concatMap(tick -> sweep().doOnSuccess(done -> recovered()).onErrorResume(this::failed), 1)
                .subscribe();
    }

    private Mono<Integer> failed(Throwable failure) {
        if (failing.compareAndSet(false, true)) {
            log.warn(
                    "{} failed, tried again every {} (a line when it succeeds again): {}",
                    name,
                    every,
                    failure.toString());
        } else {
            log.debug("{} failed again: {}", name, failure.toString());
        }
        return Mono.just(0);
    }

    private void recovered() {
        if (failing.compareAndSet(true, false)) {
            log.info("{} succeeds again", name);
        }
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
