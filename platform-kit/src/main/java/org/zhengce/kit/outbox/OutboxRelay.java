package org.zhengce.kit.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.zhengce.kit.failures.Failures;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishes an outbox table to Kafka (ADR 0005), every {@code relayInterval} once the service's scheduling is on
 * ({@code @EnableScheduling}). A pass claims unsent rows (committing the claim), sends them with {@code acks=all} and
 * settles each row on its own: one record's failure never stops the others. A case's rows are sent one after the
 * other (each once the one before it is acknowledged), the cases side by side, so a case's events stay in order.
 *
 * <ul>
 *   <li>Acknowledged: marked sent.
 *   <li>Failed for a transient reason ({@link Failures#isTransient}: Kafka or the registry unavailable, a
 *       time-out): tried again after {@code claimTimeout}, the wait doubling with each failure up to {@code
 *       maxRetryDelay}; counted by {@code platform.outbox.retries}, an alarm.
 *   <li>Failed for a permanent reason (too large for Kafka, not serialisable, a topic the service may not write):
 *       <b>quarantined</b> ({@code quarantined_at}, {@code quarantine_reason}), never retried until an operator
 *       releases it ({@link #release}, the admin API of {@link QuarantineEndpoints}); counted by {@code
 *       platform.outbox.quarantined}. The case's later rows wait behind it, so its events stay in order.
 *   <li>Behind a failed row of its case in the same pass: not sent, taken again with it.
 * </ul>
 *
 * <p>A row that was claimed before and never marked (the relay crashed between send and mark, or Kafka did not
 * answer in time) is first looked for on its partition by its {@code event_id} header, from its creation time on:
 * found, it is only marked; so a crash never publishes an event twice, and never loses one. A row is not taken while
 * an earlier row of its case is in flight, waiting for a retry, or quarantined.
 */
public class OutboxRelay implements SchedulingConfigurer, OutboxQuarantine {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** Where a case's next record is handed to the producer once the one before it is acknowledged. */
    private static final Executor SENDING = Executors.newCachedThreadPool(sendingThreads());

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final OutboxTable table;
    private final OutboxRecords records;
    private final OutboxSettings settings;
    private final Clock clock;
    private final Counter retries;
    private final Counter quarantines;
    private final AtomicLong inQuarantine = new AtomicLong();
    private final AtomicLong retrying = new AtomicLong();
    /** One pass at a time in this JVM, scheduled or woken ({@link OutboxWakeUp}): a case's rows stay in order. */
    private final ReentrantLock passes = new ReentrantLock();

    /**
     * A relay of {@code table}, its records made by {@code records}; {@code consumers} read the log back after a
     * crash ({@link #logReaders}); {@code clock} the wall clock (record timestamps are compared with the broker's);
     * its meters, tagged {@code outbox=<label>}, in {@code meters}.
     */
    public OutboxRelay(
            DatabaseClient db,
            TransactionalOperator transactions,
            KafkaTemplate<String, byte[]> kafka,
            Supplier<Consumer<String, byte[]>> consumers,
            OutboxTable table,
            OutboxRecords records,
            OutboxSettings settings,
            Clock clock,
            MeterRegistry meters) {
        this.db = db;
        this.transactions = transactions;
        this.kafka = kafka;
        this.consumers = consumers;
        this.table = table;
        this.records = records;
        this.settings = settings;
        this.clock = clock;
        this.retries = Counter.builder("platform.outbox.retries")
                .description("Outbox records whose send failed for a transient reason and will be tried again (alarm)")
                .tag("outbox", table.label())
                .register(meters);
        this.quarantines = Counter.builder("platform.outbox.quarantined")
                .description("Outbox records set aside because they can never be sent as they are")
                .tag("outbox", table.label())
                .register(meters);
        Gauge.builder("platform.outbox.quarantine", inQuarantine, AtomicLong::get)
                .description("Outbox records in quarantine now (each holds back its case's later records)")
                .tag("outbox", table.label())
                .register(meters);
        Gauge.builder("platform.outbox.retrying", retrying, AtomicLong::get)
                .description("Outbox records waiting to be tried again after a transient failure")
                .tag("outbox", table.label())
                .register(meters);
    }

    /**
     * Consumers that read a topic's log to its end without a group or committed offsets, with the service's client
     * settings and {@code clientId}.
     */
    public static Supplier<Consumer<String, byte[]>> logReaders(KafkaProperties kafkaProperties, String clientId) {
        Map<String, Object> consumer = new HashMap<>(kafkaProperties.buildConsumerProperties());
        consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return () -> new KafkaConsumer<>(consumer, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(
                new FixedDelayTask(this::relayAll, settings.relayInterval(), settings.relayInterval()));
    }

    /**
     * Relays until a pass finds less than a full batch; a failure is logged, and the next run tries again. Runs of
     * the schedule and of a wake-up ({@link OutboxWakeUp}) take turns.
     */
    public void relayAll() {
        passes.lock();
        try {
            try {
                while (relayOnce() == settings.batchSize()) {
                    // a full batch: there may be more
                }
            } catch (RuntimeException e) {
                log.warn("{} outbox relay failed, will retry: {}", table.label(), e.toString());
            }
            try {
                count();
            } catch (RuntimeException e) {
                log.warn("{} outbox: cannot count quarantined records: {}", table.label(), e.toString());
            }
        } finally {
            passes.unlock();
        }
    }

    /** One pass; returns how many rows it claimed. */
    public int relayOnce() {
        Instant now = clock.instant();
        List<Claimed> claimed = claim(now);
        if (claimed.isEmpty()) {
            return 0;
        }
        List<OutboxRow> maybeSent =
                claimed.stream().map(Claimed::row).filter(OutboxRow::maybeSent).toList();
        Set<UUID> found = maybeSent.isEmpty() ? Set.of() : onTopic(maybeSent);
        if (!found.isEmpty()) {
            log.info("outbox relay: {} events claimed before a crash were already on {}", found.size(), table.label());
        }
        List<Claimed> toSend =
                claimed.stream().filter(c -> !found.contains(c.row().eventId())).toList();
        Map<UUID, Sent> sent = send(toSend);
        settle(claimed, found, sent, now);
        return claimed.size();
    }

    /** What became of a row sent in a pass. */
    private sealed interface Sent {
        record Acknowledged() implements Sent {}

        record FailedForNow(String reason) implements Sent {}

        record NeverSendable(String reason) implements Sent {}

        record HeldBack() implements Sent {}
    }

    /** A claimed row and the case whose order it keeps. */
    private record Claimed(OutboxRow row, UUID caseId) {}

    private List<Claimed> claim(Instant now) {
        String outbox = table.name();
        String routing = table.routedByColumns() ? " o.topic, o.record_key," : "";
        String trace = table.traced() ? " o.traceparent," : "";
        List<Claimed> rows = db.sql("with picked as (select o.event_id, o.claimed_at as previous from " + outbox
                        + " o where o.sent_at is null and o.quarantined_at is null"
                        + " and (o.claimed_at is null or o.claimed_at < :stale)"
                        + " and (o.retry_at is null or o.retry_at <= :now)"
                        + " and not exists (select 1 from " + outbox + " e where e.case_id = o.case_id"
                        + " and e.sent_at is null and e.position < o.position and (e.quarantined_at is not null"
                        + " or e.claimed_at >= :stale or e.retry_at > :now))"
                        + " order by o.position limit :limit for update skip locked)"
                        + " update " + outbox
                        + " o set claimed_at = :now from picked where o.event_id = picked.event_id"
                        + " returning o.event_id, o.case_id, o.position," + routing + trace + " o.created_at, o.event,"
                        + " picked.previous is not null as maybe_sent")
                .bind("stale", now.minus(settings.claimTimeout()))
                .bind("now", now)
                .bind("limit", settings.batchSize())
                .map(row -> new Claimed(
                        new OutboxRow(
                                Objects.requireNonNull(row.get("event_id", UUID.class)),
                                Objects.requireNonNull(row.get("position", Long.class)),
                                table.routedByColumns() ? row.get("topic", String.class) : null,
                                table.routedByColumns() ? row.get("record_key", String.class) : null,
                                Objects.requireNonNull(row.get("created_at", Instant.class)),
                                bytes(row.get("event")),
                                Boolean.TRUE.equals(row.get("maybe_sent", Boolean.class)),
                                table.traced() ? row.get("traceparent", String.class) : null),
                        Objects.requireNonNull(row.get("case_id", UUID.class))))
                .all()
                .collectList()
                .as(transactions::transactional)
                .block(Duration.ofMinutes(1));
        List<Claimed> claimed = new ArrayList<>(Objects.requireNonNull(rows));
        claimed.sort(Comparator.comparingLong(c -> c.row().position()));
        return claimed;
    }

    /**
     * Sends each case's rows in position order, each once the one before it is acknowledged, the cases side by side,
     * and waits up to {@code sendTimeout}: every row's fate, a row not answered in time failed for now.
     */
    private Map<UUID, Sent> send(List<Claimed> rows) {
        Map<UUID, List<OutboxRow>> byCase = new LinkedHashMap<>();
        rows.forEach(
                c -> byCase.computeIfAbsent(c.caseId(), id -> new ArrayList<>()).add(c.row()));
        Map<UUID, Sent> fates = new ConcurrentHashMap<>();
        List<CompletableFuture<Boolean>> chains = new ArrayList<>();
        for (List<OutboxRow> ofCase : byCase.values()) {
            CompletableFuture<Boolean> chain = CompletableFuture.completedFuture(true);
            for (OutboxRow row : ofCase) {
                // never on the producer's I/O thread that completed the previous send: a send to a topic the
                // producer has no metadata for yet waits for that very thread (max.block.ms, then a time-out)
                chain = chain.thenComposeAsync(
                        previousSent -> {
                            if (!previousSent) {
                                fates.put(row.eventId(), new Sent.HeldBack());
                                return CompletableFuture.completedFuture(false);
                            }
                            return sendOne(row, fates);
                        },
                        SENDING);
            }
            chains.add(chain);
        }
        try {
            CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new))
                    .get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending the " + table.label() + " outbox", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn(
                    "{} outbox: Kafka did not acknowledge every record within {}; the others are tried again",
                    table.label(),
                    settings.sendTimeout());
        }
        Map<UUID, Sent> settled = new HashMap<>(fates);
        for (Claimed c : rows) {
            settled.putIfAbsent(
                    c.row().eventId(), new Sent.FailedForNow("not acknowledged within " + settings.sendTimeout()));
        }
        return settled;
    }

    /** Completes with whether {@code row} was acknowledged, its fate in {@code fates}. */
    private CompletableFuture<Boolean> sendOne(OutboxRow row, Map<UUID, Sent> fates) {
        CompletableFuture<?> acknowledged;
        try {
            ProducerRecord<String, byte[]> record = records.record(row);
            acknowledged = kafka.send(record);
        } catch (RuntimeException e) {
            fates.put(row.eventId(), failed(e));
            return CompletableFuture.completedFuture(false);
        }
        return acknowledged.handle((result, e) -> {
            if (e == null) {
                fates.put(row.eventId(), new Sent.Acknowledged());
                return true;
            }
            fates.put(
                    row.eventId(),
                    failed(
                            e instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                                    ? c.getCause()
                                    : e));
            return false;
        });
    }

    private static Sent failed(Throwable e) {
        return Failures.isTransient(e)
                ? new Sent.FailedForNow(Failures.reason(e))
                : new Sent.NeverSendable(Failures.reason(e));
    }

    /**
     * Marks what is on Kafka sent, quarantines what never can be, sets a retry time on what failed for now (its
     * claim kept: it may have reached Kafka), and releases the claim of what waited behind a failure (not sent).
     */
    private void settle(List<Claimed> claimed, Set<UUID> found, Map<UUID, Sent> sent, Instant now) {
        List<UUID> acknowledged = new ArrayList<>(found);
        List<UUID> forNow = new ArrayList<>();
        List<UUID> heldBack = new ArrayList<>();
        for (Claimed c : claimed) {
            UUID id = c.row().eventId();
            Sent fate = sent.get(id);
            if (fate instanceof Sent.Acknowledged) {
                acknowledged.add(id);
            } else if (fate instanceof Sent.FailedForNow f) {
                forNow.add(id);
                log.warn("{} outbox: event {} not sent, will retry: {}", table.label(), id, f.reason());
            } else if (fate instanceof Sent.NeverSendable n) {
                quarantine(id, n.reason(), now);
            } else if (fate instanceof Sent.HeldBack) {
                heldBack.add(id);
            }
        }
        markSent(acknowledged);
        retryLater(forNow, now);
        releaseClaims(heldBack);
    }

    private void markSent(List<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        db.sql("update " + table.name() + " set sent_at = :at where event_id = any(:ids::uuid[])")
                .bind("at", clock.instant())
                .bind("ids", ids(eventIds))
                .then()
                .block(Duration.ofMinutes(1));
    }

    private void quarantine(UUID eventId, String reason, Instant now) {
        log.error(
                "{} outbox: event {} can never be sent as it is and is quarantined (its case's later events wait"
                        + " behind it; release it at {} after a fix): {}",
                table.label(),
                eventId,
                QuarantineEndpoints.PATH,
                reason);
        db.sql("update " + table.name() + " set quarantined_at = :at, quarantine_reason = :reason,"
                        + " claimed_at = null, retry_at = null where event_id = :id")
                .bind("at", now)
                .bind("reason", reason)
                .bind("id", eventId)
                .then()
                .block(Duration.ofMinutes(1));
        quarantines.increment();
    }

    private void retryLater(List<UUID> eventIds, Instant now) {
        if (eventIds.isEmpty()) {
            return;
        }
        db.sql("update " + table.name() + " set attempts = attempts + 1, retry_at = :now + make_interval(secs =>"
                        + " least(:first * power(2, least(attempts, 30)), :longest))"
                        + " where event_id = any(:ids::uuid[])")
                .bind("now", now)
                .bind("first", (double) settings.claimTimeout().toMillis() / 1000)
                .bind("longest", (double) settings.maxRetryDelay().toMillis() / 1000)
                .bind("ids", ids(eventIds))
                .then()
                .block(Duration.ofMinutes(1));
        retries.increment(eventIds.size());
    }

    private void releaseClaims(List<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        db.sql("update " + table.name() + " set claimed_at = null where event_id = any(:ids::uuid[])")
                .bind("ids", ids(eventIds))
                .then()
                .block(Duration.ofMinutes(1));
    }

    private void count() {
        db.sql("select count(*) filter (where quarantined_at is not null) as quarantined,"
                        + " count(*) filter (where retry_at is not null) as retrying from " + table.name()
                        + " where sent_at is null")
                .map(row -> {
                    inQuarantine.set(Objects.requireNonNullElse(row.get("quarantined", Long.class), 0L));
                    retrying.set(Objects.requireNonNullElse(row.get("retrying", Long.class), 0L));
                    return true;
                })
                .one()
                .block(Duration.ofMinutes(1));
    }

    @Override
    public String outbox() {
        return table.label();
    }

    @Override
    public Flux<QuarantinedRecord> quarantined(int limit) {
        return db.sql("select o.event_id, o.case_id, o.created_at, o.quarantined_at, o.quarantine_reason,"
                        + " (select count(*) from " + table.name() + " e where e.case_id = o.case_id"
                        + " and e.sent_at is null and e.position > o.position) as held_back"
                        + " from " + table.name() + " o where o.quarantined_at is not null and o.sent_at is null"
                        + " order by o.position limit :limit")
                .bind("limit", limit)
                .map(this::quarantinedRecord)
                .all();
    }

    /** Releases a quarantined row: the next pass sends it (and its case's rows behind it) as if it were new. */
    @Override
    public Mono<Boolean> release(String id) {
        return OutboxQuarantine.eventId(id).map(this::release).orElseGet(() -> Mono.just(false));
    }

    private Mono<Boolean> release(UUID eventId) {
        return db.sql("update " + table.name() + " set quarantined_at = null, claimed_at = null, retry_at = null,"
                        + " attempts = 0, released_at = :at where event_id = :id and quarantined_at is not null"
                        + " and sent_at is null")
                .bind("at", clock.instant())
                .bind("id", eventId)
                .fetch()
                .rowsUpdated()
                .map(updated -> updated > 0);
    }

    private QuarantinedRecord quarantinedRecord(Readable row) {
        return new QuarantinedRecord(
                table.label(),
                String.valueOf(row.get("event_id", UUID.class)),
                String.valueOf(row.get("case_id", UUID.class)),
                Objects.requireNonNull(row.get("created_at", Instant.class)),
                Objects.requireNonNull(row.get("quarantined_at", Instant.class)),
                Objects.requireNonNullElse(row.get("quarantine_reason", String.class), ""),
                Objects.requireNonNullElse(row.get("held_back", Long.class), 0L));
    }

    private static String[] ids(List<UUID> eventIds) {
        return eventIds.stream().map(UUID::toString).toArray(String[]::new);
    }

    /** The event ids among {@code rows} whose record is on its partition at or after the row's creation. */
    private Set<UUID> onTopic(List<OutboxRow> rows) {
        Map<TopicPartition, Long> since = new HashMap<>();
        Set<String> wanted = new HashSet<>();
        for (OutboxRow row : rows) {
            since.merge(records.partitionOf(row), row.createdAt().toEpochMilli(), Math::min);
            wanted.add(row.eventId().toString());
        }
        try (Consumer<String, byte[]> consumer = consumers.get()) {
            return PublishedRecords.find(consumer, since, wanted, OutboxRecords.EVENT_ID, Duration.ofMinutes(2))
                    .stream()
                    .map(UUID::fromString)
                    .collect(Collectors.toSet());
        }
    }

    private static ThreadFactory sendingThreads() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("outbox-send-");
        threads.setDaemon(true);
        return threads;
    }

    private static byte[] bytes(@Nullable Object value) {
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        throw new IllegalStateException("expected bytea, got " + (value == null ? "null" : value.getClass()));
    }
}
