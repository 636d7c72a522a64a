package org.zhengce.intake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.zhengce.embedded.EmbeddedDatabases;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Concurrent requests' events claimed, sent and marked as one group: each request learns which of its events it
 * claimed, an event id two requests of a group share goes to the first (the second finds the first's row, as a
 * re-send would), and a send Kafka refuses leaves only its own group's requests unpublished, for the relay. The
 * ledger is a real PostgreSQL; the producer is Kafka's mock, answered by the test, so the groups' timing is the test's.
 */
class ClaimGroupsTest {

    private static final String DATABASE = "intake";
    private static final String TOPIC = "household.events";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static @Nullable EmbeddedDatabases postgres;
    private static @Nullable EventLedger ledger;

    /** Kafka's mock producer, answered by the test, and kept open (KafkaTemplate closes what a factory makes). */
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer()) {
                @Override
                public void close() {}

                @Override
                public void close(Duration timeout) {}
            };

    private @Nullable ClaimGroups groups;
    private final List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Instant acceptedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @BeforeAll
    static void ledger() {
        EmbeddedDatabases db = EmbeddedDatabases.builder().databases(DATABASE).start();
        postgres = db;
        Flyway.configure()
                .dataSource(db.jdbcUrl(DATABASE), db.username(DATABASE), db.password(DATABASE))
                .locations("classpath:db/intake")
                .load()
                .migrate();
        ledger = new EventLedger(
                DatabaseClient.create(ConnectionFactories.get(ConnectionFactoryOptions.parse(db.r2dbcUrl(DATABASE))
                        .mutate()
                        .option(ConnectionFactoryOptions.USER, db.runtimeUsername(DATABASE))
                        .option(ConnectionFactoryOptions.PASSWORD, db.runtimePassword(DATABASE))
                        .build())));
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static EventLedger ledgerOf() {
        return java.util.Objects.requireNonNull(ledger);
    }

    private ClaimGroups groups(int inFlight) {
        HouseholdEventWriter writer = new HouseholdEventWriter(
                new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)),
                (topic, event) -> {
                    throw new IllegalStateException("the records of this test are built by the test");
                },
                TOPIC,
                WAIT);
        return new ClaimGroups(ledgerOf(), writer, Clock.systemUTC(), inFlight, 1_000);
    }

    @BeforeEach
    void oneGroupAtATime() {
        groups = groups(1);
    }

    /** A request of {@code department} claiming {@code eventIds}, each event registering its household. */
    private ClaimGroups.Request request(String department, String payload, String... eventIds) {
        List<EventLedger.Entry> entries = new java.util.ArrayList<>();
        List<EventLedger.Registration> registrations = new java.util.ArrayList<>();
        Map<String, ProducerRecord<String, byte[]>> records = new java.util.HashMap<>();
        for (String eventId : eventIds) {
            String household = "H-" + eventId + "-" + payload;
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                    TOPIC,
                    0,
                    acceptedAt.toEpochMilli(),
                    household,
                    (eventId + payload).getBytes(StandardCharsets.UTF_8),
                    new RecordHeaders());
            UUID platformEventId = IntakePipeline.platformEventId(department, eventId);
            entries.add(new EventLedger.Entry(
                    eventId,
                    platformEventId,
                    digestOf(payload),
                    "d1",
                    "HospitalDischarged",
                    OutgoingRecord.of(record)));
            registrations.add(new EventLedger.Registration(
                    eventId, Registrations.household(household), "110105001001", acceptedAt.minusSeconds(60)));
            records.put(eventId, record);
        }
        return new ClaimGroups.Request(
                new EventLedger.Claiming(department, acceptedAt, entries, registrations), records);
    }

    /** A digest as the ledger holds one (32 bytes), of the test's payload name. */
    private static byte[] digestOf(String payload) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Mono<ClaimGroups.Committed> started(ClaimGroups.Request request) {
        Mono<ClaimGroups.Committed> committed =
                java.util.Objects.requireNonNull(groups).commit(request).cache();
        committed.subscribe(done -> {}, failures::add);
        return committed;
    }

    private void sentSoFar(int records) {
        await().atMost(WAIT)
                .failFast("a request failed", () -> {
                    if (!failures.isEmpty()) {
                        throw new AssertionError("a request failed", failures.get(0));
                    }
                })
                .until(() -> producer.history().size() == records);
    }

    private EventLedger.Existing row(String department, String eventId) {
        return java.util.Objects.requireNonNull(
                        ledgerOf().find(department, List.of(eventId)).block(WAIT))
                .get(eventId);
    }

    @Test
    void requestsArrivingWhileAGroupIsOnItsWayShareTheNextClaimAndEachLearnsWhatItClaimed() {
        Mono<ClaimGroups.Committed> first = started(request("HEALTH", "p", "share-a1"));
        sentSoFar(1);
        Mono<ClaimGroups.Committed> second = started(request("HEALTH", "p", "share-b1", "share-b2"));
        // another department may use the same event id: it is another event
        Mono<ClaimGroups.Committed> third = started(request("CIVIL_AFFAIRS", "p", "share-a1"));

        producer.completeNext();
        ClaimGroups.Committed a = first.block(WAIT);
        sentSoFar(4);
        producer.completeNext();
        producer.completeNext();
        producer.completeNext();
        ClaimGroups.Committed b = second.block(WAIT);
        ClaimGroups.Committed c = third.block(WAIT);

        assertThat(a.claim().eventIds()).containsExactly("share-a1");
        assertThat(b.claim().eventIds()).containsExactly("share-b1", "share-b2");
        assertThat(c.claim().eventIds()).containsExactly("share-a1");
        assertThat(java.util.Arrays.asList(a.notPublished(), b.notPublished(), c.notPublished()))
                .containsOnlyNulls();
        assertThat(b.claim().batch())
                .isEqualTo(c.claim().batch())
                .isNotEqualTo(a.claim().batch());
        assertThat(row("HEALTH", "share-b2").published()).isTrue();
        assertThat(row("CIVIL_AFFAIRS", "share-a1").published()).isTrue();
        assertThat(row("CIVIL_AFFAIRS", "share-a1").acceptedAt()).isEqualTo(acceptedAt);
    }

    @Test
    void twoRequestsOfOneGroupWithTheSameEventIdGetTheFirstsRowAndOnlyTheFirstRegisters() {
        Mono<ClaimGroups.Committed> blocker = started(request("HEALTH", "p", "same-blocker"));
        sentSoFar(1);
        Mono<ClaimGroups.Committed> first = started(request("HEALTH", "first", "same-1"));
        Mono<ClaimGroups.Committed> second = started(request("HEALTH", "second", "same-1"));

        producer.completeNext();
        blocker.block(WAIT);
        sentSoFar(2);
        producer.completeNext();

        assertThat(first.block(WAIT).claim().eventIds()).containsExactly("same-1");
        assertThat(second.block(WAIT).claim().eventIds()).isEmpty();
        assertThat(producer.history()).hasSize(2);
        // what the pipeline answers the second from: the first's event, published, with the first's digest and time
        EventLedger.Existing existing = row("HEALTH", "same-1");
        assertThat(existing.platformEventId()).isEqualTo(IntakePipeline.platformEventId("HEALTH", "same-1"));
        assertThat(existing.digest()).isEqualTo(digestOf("first"));
        assertThat(existing.acceptedAt()).isEqualTo(acceptedAt);
        assertThat(existing.published()).isTrue();
        ledgerOf()
                .registered(
                        List.of(Registrations.household("H-same-1-first"), Registrations.household("H-same-1-second")))
                .as(StepVerifier::create)
                .assertNext(registered -> assertThat(registered).containsOnlyKeys("household:H-same-1-first"))
                .verifyComplete();
    }

    @Test
    void aSendKafkaRefusesLeavesOnlyTheRequestsOfItsGroupUnpublished() {
        Mono<ClaimGroups.Committed> refused = started(request("HEALTH", "p", "refused-1"));
        sentSoFar(1);
        Mono<ClaimGroups.Committed> next = started(request("HEALTH", "p", "after-refused-1"));
        Mono<ClaimGroups.Committed> alsoNext = started(request("EDUCATION", "p", "after-refused-2"));

        producer.errorNext(new NotEnoughReplicasException("fewer in-sync replicas than min.insync.replicas"));
        ClaimGroups.Committed failed = refused.block(WAIT);
        sentSoFar(3);
        producer.completeNext();
        producer.completeNext();

        assertThat(failed.claim().eventIds()).containsExactly("refused-1");
        assertThat(failed.notPublished()).isInstanceOf(NotEnoughReplicasException.class);
        // claimed, not published: the relay's to publish
        assertThat(row("HEALTH", "refused-1").published()).isFalse();
        assertThat(next.block(WAIT).notPublished()).isNull();
        assertThat(alsoNext.block(WAIT).notPublished()).isNull();
        assertThat(row("HEALTH", "after-refused-1").published()).isTrue();
        assertThat(row("EDUCATION", "after-refused-2").published()).isTrue();
    }

    @Test
    void aRequestWhoseEventsWereAllClaimedBeforeSendsNothing() {
        Mono<ClaimGroups.Committed> earlier = started(request("HEALTH", "p", "again-1"));
        sentSoFar(1);
        producer.completeNext();
        earlier.block(WAIT);

        ClaimGroups.Committed again = started(request("HEALTH", "p", "again-1")).block(WAIT);

        assertThat(again.claim().eventIds()).isEmpty();
        assertThat(again.notPublished()).isNull();
        assertThat(producer.history()).hasSize(1);
    }
}
