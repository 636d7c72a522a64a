package org.zhengce.intake.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.zhengce.kit.outbox.PublishedRecords;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes what a crash left claimed but unpublished (ADR 0004). Before sending a row again it looks for the
 * record on its partition, from the row's claim time on (the record's timestamp), by its CloudEvents id: a record
 * that made it to Kafka before the crash is only marked, so nothing reaches {@code household.events} twice. Rows
 * are locked while relayed ({@code for update skip locked}), so several instances never relay the same row.
 */
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String CE_ID = "ce_id";
    private static final int BATCH = 5_000;

    private final EventLedger ledger;
    private final HouseholdEventWriter writer;
    private final ConsumerFactory<String, byte[]> consumers;
    private final TransactionalOperator transactions;
    private final Duration relayAfter;
    private final Clock clock;
    private final AtomicLong unpublished;

    OutboxRelay(
            EventLedger ledger,
            HouseholdEventWriter writer,
            ConsumerFactory<String, byte[]> consumers,
            TransactionalOperator transactions,
            Duration relayAfter,
            Clock clock,
            AtomicLong unpublished) {
        this.ledger = ledger;
        this.writer = writer;
        this.consumers = consumers;
        this.transactions = transactions;
        this.relayAfter = relayAfter;
        this.clock = clock;
        this.unpublished = unpublished;
    }

    @Scheduled(
            fixedDelayString = "${intake.pipeline.relay-interval:30s}",
            initialDelayString = "${intake.pipeline.relay-interval:30s}")
    void scheduled() {
        try {
            relay().block(Duration.ofMinutes(5));
            unpublished.set(java.util.Objects.requireNonNullElse(
                    ledger.countUnpublished().block(), 0L));
        } catch (RuntimeException e) {
            log.warn("outbox relay failed, will retry: {}", e.toString());
        }
    }

    /** One pass: emits how many rows were sent again (rows found on the topic are marked without sending). */
    Mono<Integer> relay() {
        Mono<Integer> pass = ledger.lockUnpublished(clock.instant().minus(relayAfter), BATCH)
                .collectList()
                .flatMap(rows -> {
                    if (rows.isEmpty()) {
                        return Mono.just(0);
                    }
                    return Mono.fromCallable(() -> alreadyPublished(rows))
                            .subscribeOn(Schedulers.boundedElastic())
                            .flatMap(found -> {
                                List<EventLedger.Unpublished> missing = rows.stream()
                                        .filter(row -> !found.contains(row.platformEventId()))
                                        .toList();
                                log.info(
                                        "outbox relay: {} unpublished events, {} already on {}, sending {}",
                                        rows.size(),
                                        found.size(),
                                        writer.topic(),
                                        missing.size());
                                return writer.send(missing.stream()
                                                .map(row -> row.record()
                                                        .toProducerRecord(
                                                                writer.topic(),
                                                                row.acceptedAt().toEpochMilli()))
                                                .toList())
                                        .then(ledger.markPublished(
                                                rows.stream()
                                                        .map(EventLedger.Unpublished::platformEventId)
                                                        .toList(),
                                                clock.instant()))
                                        .thenReturn(missing.size());
                            });
                });
        return transactions.transactional(pass);
    }

    /** The ids among {@code rows} whose record is on its partition at or after its claim time. */
    private Set<UUID> alreadyPublished(List<EventLedger.Unpublished> rows) {
        Map<TopicPartition, Long> since = new HashMap<>();
        Set<String> wanted = new HashSet<>();
        for (EventLedger.Unpublished row : rows) {
            since.merge(
                    new TopicPartition(writer.topic(), row.record().partition()),
                    row.acceptedAt().toEpochMilli(),
                    Math::min);
            wanted.add(row.platformEventId().toString());
        }
        try (Consumer<String, byte[]> consumer = consumers.createConsumer("intake-relay", "-check")) {
            return PublishedRecords.find(consumer, since, wanted, CE_ID, Duration.ofMinutes(2)).stream()
                    .map(UUID::fromString)
                    .collect(Collectors.toSet());
        }
    }
}
