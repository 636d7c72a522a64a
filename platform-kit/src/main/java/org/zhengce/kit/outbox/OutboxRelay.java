package org.zhengce.kit.outbox;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Publishes an outbox table to Kafka (ADR 0005), every {@code relayInterval} once the service's scheduling is on
 * ({@code @EnableScheduling}). A pass claims unsent rows (committing the claim), sends
 * them with {@code acks=all}, waits for Kafka, and marks them sent. A row that was claimed before and never marked
 * (the relay crashed between send and mark, or Kafka did not answer in time) is first looked for on its
 * partition by its {@code event_id} header, from its creation time on: found, it is only marked; so a crash never
 * publishes an event twice, and never loses one. A row is not taken while an earlier row of its case is in flight,
 * so a case's events stay in order.
 */
public class OutboxRelay implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final OutboxTable table;
    private final OutboxRecords records;
    private final OutboxSettings settings;
    private final Clock clock;

    /**
     * A relay of {@code table}, its records made by {@code records}; {@code consumers} read the log back after a
     * crash ({@link #logReaders}); {@code clock} the wall clock (record timestamps are compared with the broker's).
     */
    public OutboxRelay(
            DatabaseClient db,
            TransactionalOperator transactions,
            KafkaTemplate<String, byte[]> kafka,
            Supplier<Consumer<String, byte[]>> consumers,
            OutboxTable table,
            OutboxRecords records,
            OutboxSettings settings,
            Clock clock) {
        this.db = db;
        this.transactions = transactions;
        this.kafka = kafka;
        this.consumers = consumers;
        this.table = table;
        this.records = records;
        this.settings = settings;
        this.clock = clock;
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

    /** Relays until a pass finds less than a full batch; a failure is logged, and the next run tries again. */
    public void relayAll() {
        try {
            while (relayOnce() == settings.batchSize()) {
                // a full batch: there may be more
            }
        } catch (RuntimeException e) {
            log.warn("{} outbox relay failed, will retry: {}", table.label(), e.toString());
        }
    }

    /** One pass; returns how many rows it claimed. */
    public int relayOnce() {
        List<OutboxRow> rows = claim(clock.instant());
        if (rows.isEmpty()) {
            return 0;
        }
        List<OutboxRow> maybeSent = rows.stream().filter(OutboxRow::maybeSent).toList();
        Set<UUID> found = maybeSent.isEmpty() ? Set.of() : onTopic(maybeSent);
        List<OutboxRow> toSend =
                rows.stream().filter(row -> !found.contains(row.eventId())).toList();
        if (!found.isEmpty()) {
            log.info("outbox relay: {} events claimed before a crash were already on {}", found.size(), table.label());
        }
        send(toSend);
        markSent(rows.stream().map(OutboxRow::eventId).toList());
        return rows.size();
    }

    private List<OutboxRow> claim(Instant now) {
        String outbox = table.name();
        String routing = table.routedByColumns() ? " o.topic, o.record_key," : "";
        List<OutboxRow> rows = db.sql("with picked as (select o.event_id, o.claimed_at as previous from " + outbox
                        + " o where o.sent_at is null and (o.claimed_at is null or o.claimed_at < :stale)"
                        + " and not exists (select 1 from " + outbox + " e where e.case_id = o.case_id"
                        + " and e.sent_at is null and e.position < o.position and e.claimed_at >= :stale)"
                        + " order by o.position limit :limit for update skip locked)"
                        + " update " + outbox
                        + " o set claimed_at = :now from picked where o.event_id = picked.event_id"
                        + " returning o.event_id, o.position," + routing + " o.created_at, o.event,"
                        + " picked.previous is not null as maybe_sent")
                .bind("stale", now.minus(settings.claimTimeout()))
                .bind("now", now)
                .bind("limit", settings.batchSize())
                .map(row -> new OutboxRow(
                        Objects.requireNonNull(row.get("event_id", UUID.class)),
                        Objects.requireNonNull(row.get("position", Long.class)),
                        table.routedByColumns() ? row.get("topic", String.class) : null,
                        table.routedByColumns() ? row.get("record_key", String.class) : null,
                        Objects.requireNonNull(row.get("created_at", Instant.class)),
                        bytes(row.get("event")),
                        Boolean.TRUE.equals(row.get("maybe_sent", Boolean.class))))
                .all()
                .collectList()
                .as(transactions::transactional)
                .block(Duration.ofMinutes(1));
        List<OutboxRow> claimed = new ArrayList<>(Objects.requireNonNull(rows));
        claimed.sort(Comparator.comparingLong(OutboxRow::position));
        return claimed;
    }

    /** Sends in position order and waits until Kafka has acknowledged every record. */
    public void send(List<OutboxRow> rows) {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (OutboxRow row : rows) {
            sends.add(kafka.send(records.record(row)));
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending the " + table.label() + " outbox", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka did not acknowledge " + rows.size() + " events of the " + table.label() + " outbox", e);
        }
    }

    private void markSent(List<UUID> eventIds) {
        db.sql("update " + table.name() + " set sent_at = :at where event_id = any(:ids::uuid[])")
                .bind("at", clock.instant())
                .bind("ids", eventIds.stream().map(UUID::toString).toArray(String[]::new))
                .then()
                .block(Duration.ofMinutes(1));
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
