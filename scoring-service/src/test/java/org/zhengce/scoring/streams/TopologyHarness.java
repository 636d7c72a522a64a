package org.zhengce.scoring.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.springframework.kafka.streams.RecoveringDeserializationExceptionHandler;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdScoreChanged;
import org.zhengce.events.HouseholdWarningEvent;
import org.zhengce.events.ScoringModelPublished;
import org.zhengce.schemas.registry.InMemorySchemaRegistryClient;
import org.zhengce.schemas.serde.ConfluentAvroSerde;
import org.zhengce.schemas.serde.SerdeConfig;
import org.zhengce.scoring.model.ScoringModel;

/**
 * The topology in a {@link TopologyTestDriver}: explicit record times, wall-clock time advanced by the test, the
 * serdes on an in-memory registry, exactly-once as in production. No broker, no Spring.
 */
final class TopologyHarness implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-25T02:00:00Z");
    static final Duration TICK = Duration.ofSeconds(1);
    static final String PROCESSING_DEAD_LETTERS = "household.events.processing.dlq";

    final TopologyTestDriver driver;
    final TestInputTopic<String, HouseholdEvent> events;
    final TestInputTopic<String, byte[]> rawEvents;
    final TestInputTopic<String, ScoringModelPublished> models;
    final TestOutputTopic<String, SpecificRecord> scores;
    final TestOutputTopic<String, SpecificRecord> warnings;
    final TestOutputTopic<String, byte[]> deadLetters;
    final TestOutputTopic<String, byte[]> processingDeadLetters;
    final List<ConsumerRecord<byte[], byte[]>> unreadable = new ArrayList<>();
    /** The reasons counted for each record sent to the processing dead letters. */
    final List<String> processingFailures = new ArrayList<>();

    private final ConfluentAvroSerde<HouseholdEvent> eventSerde;
    private Instant wallClock = START;

    TopologyHarness(Path stateDir) {
        this(stateDir, 20_000);
    }

    TopologyHarness(Path stateDir, int rescoreSlice) {
        this(stateDir, rescoreSlice, Integer.parseInt(ScoringSettings.Warnings.DEFAULT_HYSTERESIS_POINTS));
    }

    /** @param hysteresisPoints the warnings' band below each line ({@code scoring.warnings.hysteresis-points}) */
    TopologyHarness(Path stateDir, int rescoreSlice, int hysteresisPoints) {
        this(stateDir, rescoreSlice, hysteresisPoints, ScoringModel.defaultModel());
    }

    /** Scoring with {@code model} until another is published (the production default otherwise). */
    TopologyHarness(Path stateDir, ScoringModel model) {
        this(stateDir, 20_000, Integer.parseInt(ScoringSettings.Warnings.DEFAULT_HYSTERESIS_POINTS), model);
    }

    private TopologyHarness(Path stateDir, int rescoreSlice, int hysteresisPoints, ScoringModel model) {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        Map<String, Object> config = Map.of();
        eventSerde = serde(registry, config, HouseholdEvent.class);
        ConfluentAvroSerde<SpecificRecord> outputSerde = serde(registry, config, null);
        ConfluentAvroSerde<ScoringModelPublished> modelSerde = serde(registry, config, ScoringModelPublished.class);
        ScoringTopology.Config topology = new ScoringTopology.Config(
                "household.events",
                "household.scores",
                "household.warnings",
                "scoring.models",
                "household.events.dlq",
                12,
                eventSerde,
                outputSerde,
                modelSerde,
                model,
                TICK,
                rescoreSlice,
                ScoringTopology.DeadLetterCounter.none(),
                hysteresisPoints,
                PROCESSING_DEAD_LETTERS,
                processingFailures::add);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "scoring-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(
                StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                RecoveringDeserializationExceptionHandler.class);
        props.put(
                RecoveringDeserializationExceptionHandler.KSTREAM_DESERIALIZATION_RECOVERER,
                (org.springframework.kafka.listener.ConsumerRecordRecoverer)
                        (record, exception) -> unreadable.add(bytes(record)));
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ProcessingFailures.class);
        driver = new TopologyTestDriver(ScoringTopology.build(topology), props, START);
        events = driver.createInputTopic("household.events", new StringSerializer(), eventSerde.serializer());
        rawEvents = driver.createInputTopic("household.events", new StringSerializer(), new ByteArraySerializer());
        models = driver.createInputTopic("scoring.models", new StringSerializer(), modelSerde.serializer());
        scores = driver.createOutputTopic("household.scores", new StringDeserializer(), outputSerde.deserializer());
        warnings = driver.createOutputTopic("household.warnings", new StringDeserializer(), outputSerde.deserializer());
        deadLetters = driver.createOutputTopic(
                "household.events.dlq",
                new StringDeserializer(),
                Serdes.ByteArray().deserializer());
        processingDeadLetters = driver.createOutputTopic(
                PROCESSING_DEAD_LETTERS,
                new StringDeserializer(),
                Serdes.ByteArray().deserializer());
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<byte[], byte[]> bytes(ConsumerRecord<?, ?> record) {
        return (ConsumerRecord<byte[], byte[]>) record;
    }

    private static <T> ConfluentAvroSerde<T> serde(
            InMemorySchemaRegistryClient registry, Map<String, Object> config, Class<T> type) {
        Map<String, Object> own = new java.util.HashMap<>(config);
        own.put(SerdeConfig.SPECIFIC_AVRO_READER, "true");
        if (type != null) {
            own.put(SerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, type.getName());
        }
        return new ConfluentAvroSerde<>(registry, own, false);
    }

    /** Sends {@code event} keyed by its subject, at its occurredAt. */
    void send(HouseholdEvent event) {
        String key = event.getSubject() instanceof org.zhengce.events.HouseholdNumber h
                ? h.getValue()
                : ((org.zhengce.events.PersonPseudonym) event.getSubject()).getValue();
        events.pipeInput(new TestRecord<>(key, event, event.getOccurredAt()));
    }

    /** Sends {@code event} as {@link #send(HouseholdEvent)}, with {@code headers}. */
    void send(HouseholdEvent event, org.apache.kafka.common.header.Headers headers) {
        String key = event.getSubject() instanceof org.zhengce.events.HouseholdNumber h
                ? h.getValue()
                : ((org.zhengce.events.PersonPseudonym) event.getSubject()).getValue();
        events.pipeInput(new TestRecord<>(key, event, headers, event.getOccurredAt()));
    }

    /** Advances wall-clock time (punctuations run). */
    void advance(Duration duration) {
        wallClock = wallClock.plus(duration);
        driver.advanceWallClockTime(duration);
    }

    Instant now() {
        return wallClock;
    }

    /** The event in a dead letter's value (the wire format it was read in). */
    HouseholdEvent event(byte[] value) {
        return eventSerde.deserializer().deserialize(PROCESSING_DEAD_LETTERS, value);
    }

    List<HouseholdScoreChanged> scoreChanges() {
        return scores.readValuesToList().stream()
                .map(HouseholdScoreChanged.class::cast)
                .toList();
    }

    /** The warnings' records, headers and all. */
    List<TestRecord<String, SpecificRecord>> warningRecords() {
        return warnings.readRecordsToList();
    }

    List<HouseholdWarningEvent> warningEvents() {
        return warnings.readValuesToList().stream()
                .map(HouseholdWarningEvent.class::cast)
                .toList();
    }

    <V> KeyValueStore<String, V> store(String name) {
        return driver.getKeyValueStore(name);
    }

    @Override
    public void close() {
        driver.close();
    }
}
