package org.zhengce.kit.outbox;

import io.r2dbc.postgresql.api.Notification;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Wakes an outbox relay when rows are written, instead of letting them wait for its next scheduled pass (ADR 0021).
 * Two signals, either enough:
 *
 * <ul>
 *   <li><b>PostgreSQL's {@code NOTIFY}</b>: the table's statement-level trigger calls {@code pg_notify(<table>, '')},
 *       delivered when the writing transaction commits (whoever wrote, in whichever instance); this class holds one
 *       dedicated connection (not the pool's) that {@code LISTEN}s on the channel named after the table. When that
 *       connection drops it reconnects with back-off, from {@code reconnectFrom} doubling up to {@code reconnectUpTo},
 *       warning once per outage (not per try), and wakes the relay once it listens again.
 *   <li><b>In this JVM</b>: a writer calls {@link #wakeAfterCommit()} inside its transaction, or {@link #wake()}.
 * </ul>
 *
 * <p>Wake-ups are coalesced: a pass runs on this class's one thread, and however many signals arrive while one is
 * waiting or running, one more pass follows (it reads every row committed by then). Nothing here replaces the relay's
 * own schedule ({@code relay-interval}): that becomes the slow fallback for a lost notification and for the retries
 * due later. Started and stopped by Spring ({@link SmartLifecycle}) as a bean.
 */
public final class OutboxWakeUp implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxWakeUp.class);

    private final ConnectionFactory connections;
    private final String channel;
    private final String label;
    private final Runnable pass;
    private final Duration reconnectFrom;
    private final Duration reconnectUpTo;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicBoolean listening = new AtomicBoolean();
    private final AtomicBoolean lost = new AtomicBoolean();
    private volatile @Nullable ExecutorService passes;
    private @Nullable Disposable subscription;

    /**
     * Wakes {@code pass} (a relay's {@code relayAll}) on the rows of {@code table}, listening through a connection
     * of {@code connections} (PostgreSQL's; a pool is unwrapped, its connections are never held).
     */
    public OutboxWakeUp(
            ConnectionFactory connections,
            OutboxTable table,
            Runnable pass,
            Duration reconnectFrom,
            Duration reconnectUpTo) {
        if (reconnectFrom.isNegative() || reconnectFrom.isZero() || reconnectUpTo.compareTo(reconnectFrom) < 0) {
            throw new IllegalArgumentException(
                    "the outbox wake-up's reconnect back-off must be positive and grow, found " + reconnectFrom + " to "
                            + reconnectUpTo);
        }
        this.connections = unwrapped(connections);
        this.channel = channelOf(table);
        this.label = table.label();
        this.pass = pass;
        this.reconnectFrom = reconnectFrom;
        this.reconnectUpTo = reconnectUpTo;
    }

    /** The channel a table's trigger notifies: the table's name (a plain identifier, {@link OutboxTable}). */
    public static String channelOf(OutboxTable table) {
        return table.name();
    }

    /** Asks for a pass: one runs soon, however many are asked for meanwhile. */
    public void wake() {
        ExecutorService running = passes;
        if (running != null && pending.compareAndSet(false, true)) {
            try {
                running.execute(this::pass);
            } catch (RejectedExecutionException stopping) {
                pending.set(false);
            }
        }
    }

    /**
     * Wakes the relay when the caller's transaction commits (at once without a transaction): for a writer in this
     * JVM, so that its rows do not wait for the notification's round trip, nor for the fallback when it listens not.
     */
    public Mono<Void> wakeAfterCommit() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .flatMap(transaction -> {
                    if (!transaction.isSynchronizationActive()) {
                        return Mono.<Void>fromRunnable(this::wake);
                    }
                    transaction.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public Mono<Void> afterCommit() {
                            return Mono.fromRunnable(OutboxWakeUp.this::wake);
                        }
                    });
                    return Mono.<Void>empty();
                })
                .onErrorResume(NoTransactionException.class, none -> Mono.fromRunnable(this::wake));
    }

    /** Whether the dedicated connection listens now (false while it reconnects). */
    public boolean listening() {
        return listening.get();
    }

    private void pass() {
        pending.set(false);
        try {
            pass.run();
        } catch (RuntimeException e) {
            log.warn(
                    "{} outbox: a pass on a wake-up failed, the next wake-up or the fallback tries again: {}",
                    label,
                    e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (passes != null) {
            return;
        }
        CustomizableThreadFactory threads = new CustomizableThreadFactory("outbox-wake-" + channel + "-");
        threads.setDaemon(true);
        passes = Executors.newSingleThreadExecutor(threads);
        subscription = listen().retryWhen(Retry.backoff(Long.MAX_VALUE, reconnectFrom)
                        .maxBackoff(reconnectUpTo)
                        // a connection that listened starts the back-off again from reconnectFrom
                        .transientErrors(true)
                        .doBeforeRetry(retry -> lost(retry.failure())))
                .subscribe(
                        notification -> wake(),
                        e -> log.error("{} outbox: stopped listening for new rows: {}", label, e.toString()));
    }

    /** Every notification on the channel, led by one when the connection starts listening (to catch up). */
    private Flux<String> listen() {
        return Flux.usingWhen(
                        Mono.from(connections.create()),
                        this::notifications,
                        OutboxWakeUp::close,
                        (connection, error) -> close(connection),
                        OutboxWakeUp::close)
                .concatWith(Flux.error(() -> new IllegalStateException("the listening connection closed")));
    }

    /** Closes a connection that may be gone already (then there is nothing to close). */
    private static Mono<Void> close(Connection connection) {
        return Mono.from(connection.close()).onErrorResume(gone -> Mono.empty());
    }

    private Flux<String> notifications(Connection connection) {
        if (!(connection instanceof PostgresqlConnection postgres)) {
            return Flux.error(new IllegalStateException(
                    "an outbox wake-up needs PostgreSQL's R2DBC driver, found " + connection.getClass()));
        }
        // subscribed to before LISTEN runs: nothing notified after LISTEN is missed
        Flux<String> notified = postgres.getNotifications().map(Notification::getName);
        Flux<String> listens = postgres.createStatement("LISTEN " + channel)
                .execute()
                .flatMap(PostgresqlResult::getRowsUpdated)
                .thenMany(Mono.fromCallable(() -> {
                    listened();
                    return channel;
                }));
        return Flux.merge(notified, listens);
    }

    private void listened() {
        listening.set(true);
        if (lost.compareAndSet(true, false)) {
            log.info("{} outbox: listening for new rows again (channel {})", label, channel);
        } else {
            log.debug("{} outbox: listening for new rows (channel {})", label, channel);
        }
    }

    private void lost(Throwable reason) {
        listening.set(false);
        if (lost.compareAndSet(false, true)) {
            log.warn(
                    "{} outbox: not listening for new rows ({}); reconnecting with back-off up to {}, the relay's"
                            + " schedule relays meanwhile",
                    label,
                    reason.toString(),
                    reconnectUpTo);
        } else {
            log.debug("{} outbox: still not listening: {}", label, reason.toString());
        }
    }

    @Override
    public synchronized void stop() {
        Disposable listener = subscription;
        if (listener != null) {
            listener.dispose();
        }
        subscription = null;
        listening.set(false);
        ExecutorService running = passes;
        passes = null;
        if (running != null) {
            running.shutdown();
            try {
                if (!running.awaitTermination(30, TimeUnit.SECONDS)) {
                    running.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.shutdownNow();
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return passes != null;
    }

    private static ConnectionFactory unwrapped(ConnectionFactory factory) {
        ConnectionFactory current = factory;
        while (current instanceof Wrapped<?> wrapped
                && wrapped.unwrap() instanceof ConnectionFactory inner
                && inner != current) {
            current = inner;
        }
        return current;
    }
}
