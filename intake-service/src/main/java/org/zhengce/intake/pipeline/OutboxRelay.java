package org.zhengce.intake.pipeline;

import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import org.zhengce.intake.identity.ResidentIdentityNumber;
import org.zhengce.kit.failures.Failures;
import org.zhengce.kit.outbox.OutboxQuarantine;
import org.zhengce.kit.outbox.PublishedRecords;
import org.zhengce.kit.outbox.QuarantineEndpoints;
import org.zhengce.kit.outbox.QuarantinedRecord;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes what a crash, or a Kafka that did not answer in time, left claimed but unpublished (ADR 0004). Before
 * sending a row again it looks for the record on its partition, from the row's claim time on (the record's
 * timestamp), by its CloudEvents id: a record that made it to Kafka before the crash is only marked, so nothing
 * reaches {@code household.events} twice. Rows are locked while relayed ({@code for update skip locked}), so several
 * instances never relay the same row.
 *
 * <p>Each row is settled on its own, one record's failure never stopping the others: a household's rows (one record
 * key) are sent one after the other, the households side by side. A record that can never be sent as it is (too
 * large for Kafka, a topic intake may not write: {@link Failures#isPermanent}) is quarantined, counted by {@code
 * platform.outbox.quarantined{outbox=household.events}} and never retried until the platform admin releases it at
 * {@code /admin/outbox/quarantine}; the household's later relayed events wait behind it. A transient failure is
 * retried after {@code relayAfter}, the wait doubling up to {@code maxRetryDelay}, and counted by {@code
 * platform.outbox.retries}, an alarm.
 */
class OutboxRelay implements OutboxQuarantine {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String CE_ID = "ce_id";
    private static final int BATCH = 5_000;

    private final EventLedger ledger;
    private final HouseholdEventWriter writer;
    private final ConsumerFactory<String, byte[]> consumers;
    private final TransactionalOperator transactions;
    private final Duration relayAfter;
    private final Duration maxRetryDelay;
    private final Clock clock;
    private final AtomicLong unpublished;
    private final AtomicLong quarantined;
    private final Counter retries;
    private final Counter quarantines;

    OutboxRelay(
            EventLedger ledger,
            HouseholdEventWriter writer,
            ConsumerFactory<String, byte[]> consumers,
            TransactionalOperator transactions,
            Duration relayAfter,
            Duration maxRetryDelay,
            Clock clock,
            RelayMeters meters) {
        this.ledger = ledger;
        this.writer = writer;
        this.consumers = consumers;
        this.transactions = transactions;
        this.relayAfter = relayAfter;
        this.maxRetryDelay = maxRetryDelay;
        this.clock = clock;
        this.unpublished = meters.unpublished();
        this.quarantined = meters.quarantined();
        this.retries = meters.retries();
        this.quarantines = meters.quarantines();
    }

    /** The relay's meters: the gauges' values and the counters. */
    record RelayMeters(AtomicLong unpublished, AtomicLong quarantined, Counter retries, Counter quarantines) {}

    @Scheduled(
            fixedDelayString = "${intake.pipeline.relay-interval:30s}",
            initialDelayString = "${intake.pipeline.relay-interval:30s}")
    void scheduled() {
        try {
            relay().block(Duration.ofMinutes(5));
            unpublished.set(java.util.Objects.requireNonNullElse(
                    ledger.countUnpublished().block(), 0L));
            quarantined.set(java.util.Objects.requireNonNullElse(
                    ledger.countQuarantined().block(), 0L));
        } catch (RuntimeException e) {
            log.warn("outbox relay failed, will retry: {}", e.toString());
        }
    }

    /** What became of a row the relay sent. */
    private sealed interface Fate {
        record Published() implements Fate {}

        record FailedForNow(String reason) implements Fate {}

        record NeverSendable(String reason) implements Fate {}

        record HeldBack() implements Fate {}
    }

    /** One pass: emits how many rows were sent again (rows found on the topic are marked without sending). */
    Mono<Integer> relay() {
        Instant now = clock.instant();
        Mono<Integer> pass = ledger.lockUnpublished(now.minus(relayAfter), now, BATCH)
                .collectList()
                .flatMap(rows -> {
                    if (rows.isEmpty()) {
                        return Mono.just(0);
                    }
                    Map<UUID, EventLedger.Unpublished> byId = rows.stream()
                            .collect(Collectors.toMap(EventLedger.Unpublished::platformEventId, row -> row));
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
                                return send(missing)
                                        .flatMap(fates -> settle(found, fates, byId, now))
                                        .thenReturn(missing.size());
                            });
                })
                // the floor the next passes read above: past every batch now published
                .flatMap(sent -> ledger.advanceFloor(now.minus(relayAfter)).thenReturn(sent));
        return transactions.transactional(pass);
    }

    /** Sends each household's rows in order, each once the one before it is acknowledged; the households at once. */
    private Mono<Map<UUID, Fate>> send(List<EventLedger.Unpublished> rows) {
        Map<String, List<EventLedger.Unpublished>> byKey = new LinkedHashMap<>();
        rows.forEach(row -> byKey.computeIfAbsent(row.record().key(), k -> new ArrayList<>())
                .add(row));
        return Flux.fromIterable(byKey.values())
                .flatMap(this::sendInOrder)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private Flux<Map.Entry<UUID, Fate>> sendInOrder(List<EventLedger.Unpublished> ofOneKey) {
        boolean[] failed = {false};
        return Flux.fromIterable(ofOneKey).concatMap(row -> {
            if (failed[0]) {
                return Mono.just(Map.entry(row.platformEventId(), (Fate) new Fate.HeldBack()));
            }
            return Mono.defer(() -> writer.sendOne(row.record()
                            .toProducerRecord(writer.topic(), row.acceptedAt().toEpochMilli())))
                    .then(Mono.just(Map.entry(row.platformEventId(), (Fate) new Fate.Published())))
                    .onErrorResume(e -> {
                        failed[0] = true;
                        Fate fate = Failures.isTransient(e)
                                ? new Fate.FailedForNow(Failures.reason(e))
                                : new Fate.NeverSendable(Failures.reason(e));
                        return Mono.just(Map.entry(row.platformEventId(), fate));
                    });
        });
    }

    /**
     * Marks what is on Kafka published, quarantines what never can be, and sets a retry time on what failed for now;
     * a row held back behind a failure is left as it is (the next pass takes it with the one before it).
     */
    private Mono<Void> settle(
            Set<UUID> found, Map<UUID, Fate> fates, Map<UUID, EventLedger.Unpublished> rows, Instant now) {
        List<UUID> published = new ArrayList<>(found);
        List<EventLedger.Unpublished> forNow = new ArrayList<>();
        List<Mono<Void>> quarantining = new ArrayList<>();
        fates.forEach((id, fate) -> {
            if (fate instanceof Fate.Published) {
                published.add(id);
            } else if (fate instanceof Fate.FailedForNow f) {
                forNow.add(rows.get(id));
                log.warn(
                        "outbox relay: event {} not sent to {}, will retry: {}",
                        id,
                        writer.topic(),
                        masked(f.reason()));
            } else if (fate instanceof Fate.NeverSendable n) {
                String reason = masked(n.reason());
                log.error(
                        "outbox relay: event {} can never be sent to {} as it is and is quarantined (the household's"
                                + " later relayed events wait behind it; release it at {} after a fix): {}",
                        id,
                        writer.topic(),
                        QuarantineEndpoints.PATH,
                        reason);
                quarantines.increment();
                quarantining.add(ledger.quarantine(rows.get(id), reason, now));
            }
        });
        retries.increment(forNow.size());
        return ledger.markPublished(published, clock.instant())
                .then(Flux.concat(quarantining).then())
                .then(ledger.retryLater(forNow, now, relayAfter, maxRetryDelay));
    }

    @Override
    public String outbox() {
        return writer.topic();
    }

    @Override
    public Flux<QuarantinedRecord> quarantined(int limit) {
        return ledger.quarantined(writer.topic(), limit);
    }

    @Override
    public Mono<Boolean> release(String id) {
        return OutboxQuarantine.eventId(id)
                .map(platformEventId -> ledger.release(platformEventId, clock.instant()))
                .orElseGet(() -> Mono.just(false));
    }

    private static String masked(String reason) {
        return ResidentIdentityNumber.maskAllIn(reason);
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
