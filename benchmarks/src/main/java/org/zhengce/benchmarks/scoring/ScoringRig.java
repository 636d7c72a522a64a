package org.zhengce.benchmarks.scoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.ScoringModelPublished;
import org.zhengce.schemas.catalogue.Topic;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.schemas.registry.HttpSchemaRegistryClient;
import org.zhengce.schemas.serde.ConfluentAvroSerde;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;
import org.zhengce.schemas.serde.SerdeConfig;
import org.zhengce.scoring.model.ScoringModel;
import org.zhengce.scoring.streams.ScoringTopology;

/**
 * What both scoring cases need: topics shaped like scoring's (from the topic catalogue, under a prefix), the
 * topology's config with the serdes on {@link HttpSchemaRegistryClient}, streams settings as
 * {@code scoring-service.yml} has them, and the wait until an application has consumed its input and committed
 * what came of it.
 */
final class ScoringRig {

    private static final Logger log = LoggerFactory.getLogger(ScoringRig.class);

    /** Scoring's production tick and re-score slice ({@code scoring.tick}, {@code scoring.rescore-slice}). */
    static final Duration TICK = Duration.ofSeconds(1);

    static final int RESCORE_SLICE = 20_000;

    private static final Duration POLL = Duration.ofMillis(100);

    /** Stream settings of both cases, also stated in the report. */
    static final String STREAMS_SETTINGS = "processing.guarantee=exactly_once_v2, commit.interval.ms=100,"
            + " num.stream.threads=1, statestore.cache.max.bytes=10485760 (scoring-service.yml), tick 1 s,"
            + " rescore slice 20,000";

    private ScoringRig() {}

    /** The topic names of one case: scoring's own, each under {@code prefix}. */
    record Topics(String prefix, String events, String scores, String warnings, String models, String deadLetters) {

        static Topics under(String prefix) {
            return new Topics(
                    prefix,
                    prefix + "household.events",
                    prefix + "household.scores",
                    prefix + "household.warnings",
                    prefix + "scoring.models",
                    prefix + "household.events.dlq");
        }

        /** Each of our names with the catalogue's topic it copies. */
        Map<String, String> catalogueNames() {
            return Map.of(
                    events, "household.events",
                    scores, "household.scores",
                    warnings, "household.warnings",
                    models, "scoring.models",
                    deadLetters, "household.events.dlq");
        }
    }

    /**
     * Creates the topics with the catalogue's partitions and configs (household.events: 12 partitions) and returns
     * once the broker leads every partition (as {@code BenchmarkContext.createTopic} does: CreateTopics answers
     * before the leaders are ready).
     */
    static void createTopics(Admin admin, Topics topics) throws Exception {
        TopicCatalogue catalogue = TopicCatalogue.load();
        Map<TopicPartition, OffsetSpec> leaders = new HashMap<>();
        List<NewTopic> created = topics.catalogueNames().entrySet().stream()
                .map(entry -> {
                    Topic topic = catalogue.topic(entry.getValue());
                    NewTopic shape = topic.newTopic();
                    int partitions = shape.numPartitions() > 0 ? shape.numPartitions() : 12;
                    IntStream.range(0, partitions)
                            .forEach(p -> leaders.put(new TopicPartition(entry.getKey(), p), OffsetSpec.latest()));
                    return new NewTopic(entry.getKey(), partitions, (short) 1).configs(topic.configs());
                })
                .toList();
        admin.createTopics(created).all().get(30, TimeUnit.SECONDS);
        awaitLeaders(admin, leaders);
    }

    static int partitions(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .size();
    }

    static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    static HttpSchemaRegistryClient registry(String registryUrl) {
        return new HttpSchemaRegistryClient(HttpSchemaRegistryClient.parseUrls(registryUrl), null);
    }

    /** The topology's config as {@code ExactlyOnceRestartTests} builds it, counting dead letters into {@code deadLetters}. */
    static ScoringTopology.Config config(String registryUrl, Topics topics, int partitions, AtomicLong deadLetters) {
        HttpSchemaRegistryClient client = registry(registryUrl);
        return new ScoringTopology.Config(
                topics.events(),
                topics.scores(),
                topics.warnings(),
                topics.models(),
                topics.deadLetters(),
                partitions,
                serde(client, HouseholdEvent.class),
                serde(client, null),
                serde(client, ScoringModelPublished.class),
                ScoringModel.defaultModel(),
                TICK,
                RESCORE_SLICE,
                kind -> deadLetters.incrementAndGet());
    }

    static <T> ConfluentAvroSerde<T> serde(HttpSchemaRegistryClient client, @Nullable Class<T> type) {
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeConfig.SPECIFIC_AVRO_READER, "true");
        if (type != null) {
            config.put(SerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, type.getName());
        }
        return new ConfluentAvroSerde<>(client, config, false);
    }

    /** Scoring's production stream settings ({@code scoring-service.yml}), for a fresh application and state dir. */
    static Properties streamsProperties(String bootstrapServers, String applicationId, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 10_485_760L);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        return props;
    }

    /** Sends every event keyed by {@code keys} (same order) with the serde benchmarks' producer settings; waits for every ack. */
    static void produce(
            String bootstrapServers, String registryUrl, String topic, List<HouseholdEvent> events, List<byte[]> keys) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], HouseholdEvent> producer = new KafkaProducer<>(
                config, new ByteArraySerializer(), new ConfluentAvroSerializer<>(registry(registryUrl)))) {
            for (int i = 0; i < events.size(); i++) {
                producer.send(new ProducerRecord<>(topic, keys.get(i), events.get(i)), (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a send to " + topic + " failed", failure.get());
        }
    }

    /** When {@link #awaitCaughtUp} saw the first committed offset and when everything was committed (nanoTime). */
    record CaughtUp(long firstCommitNanos, long doneNanos) {}

    /**
     * Waits until {@code applicationId} has committed, on every partition of {@code input}, the input's end offset,
     * and on its repartition topics (whichever exist under its id when the wait starts: {@link
     * #createInternalTopics} made them, so no topology's topic names are assumed here) everything committed there: then every input record is consumed and what
     * came of it (scores, warnings, state changelogs, the records re-keyed by person and back by household) is
     * committed, the last step included.
     *
     * <p>A repartition topic is written in transactions, so its last entry is a commit marker, which Streams need not
     * have fetched before it commits; its committed offset is therefore compared with the last stable offset
     * (read_committed end) minus one: the entry there is always that marker. Streams commits the offsets of the
     * input in the same transaction as the repartition records that input produced (one stream thread, one
     * transaction), so the repartition check is made only once the input is committed.
     */
    static CaughtUp awaitCaughtUp(
            Admin admin, KafkaStreams streams, String applicationId, String input, int partitions, Duration timeout)
            throws Exception {
        Map<TopicPartition, OffsetSpec> inputSpecs = specs(Stream.of(input), partitions);
        Map<TopicPartition, Long> inputEnds = offsets(admin, inputSpecs, IsolationLevel.READ_UNCOMMITTED);
        Map<TopicPartition, OffsetSpec> repartitionSpecs = specs(
                internalTopics(admin, applicationId).stream().filter(name -> name.endsWith("-repartition")),
                partitions);
        long deadline = System.nanoTime() + timeout.toNanos();
        long firstCommit = -1;
        Map<TopicPartition, Long> lastCommitted = Map.of();
        long lastReport = System.nanoTime();
        boolean inputDoneOnce = false;
        while (System.nanoTime() < deadline) {
            KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.ERROR
                    || state == KafkaStreams.State.PENDING_ERROR
                    || state == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException(applicationId + " stopped (" + state + ") before catching up");
            }
            Map<TopicPartition, Long> committed = committed(admin, applicationId);
            lastCommitted = committed;
            if (firstCommit < 0 && !committed.isEmpty()) {
                firstCommit = System.nanoTime();
            }
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                lastReport = System.nanoTime();
                Map<TopicPartition, Long> stableNow =
                        inputDoneOnce ? offsets(admin, repartitionSpecs, IsolationLevel.READ_COMMITTED) : Map.of();
                log.info(
                        "{}: input committed {} of {}; repartitions committed {} of {} stable",
                        applicationId,
                        sum(committed, inputEnds.keySet()),
                        inputEnds.values().stream().mapToLong(Long::longValue).sum(),
                        sum(committed, repartitionSpecs.keySet()),
                        stableNow.values().stream().mapToLong(Long::longValue).sum());
            }
            boolean inputDone = inputEnds.entrySet().stream()
                    .allMatch(end -> committed.getOrDefault(end.getKey(), 0L) >= end.getValue());
            if (inputDone) {
                inputDoneOnce = true;
                Map<TopicPartition, Long> stable = offsets(admin, repartitionSpecs, IsolationLevel.READ_COMMITTED);
                boolean repartitionsDone = stable.entrySet().stream()
                        .allMatch(end ->
                                end.getValue() == 0 || committed.getOrDefault(end.getKey(), 0L) >= end.getValue() - 1);
                if (repartitionsDone) {
                    return new CaughtUp(firstCommit, System.nanoTime());
                }
            }
            TimeUnit.NANOSECONDS.sleep(POLL.toNanos());
        }
        Map<TopicPartition, Long> seen = lastCommitted;
        long inputCommitted = inputEnds.keySet().stream()
                .mapToLong(tp -> seen.getOrDefault(tp, 0L))
                .sum();
        long inputEnd = inputEnds.values().stream().mapToLong(Long::longValue).sum();
        throw new IllegalStateException(applicationId + " did not catch up within " + timeout + ": committed "
                + inputCommitted + " of " + inputEnd + " input records");
    }

    private static long sum(Map<TopicPartition, Long> offsets, Set<TopicPartition> partitions) {
        return partitions.stream().mapToLong(tp -> offsets.getOrDefault(tp, 0L)).sum();
    }

    private static Map<TopicPartition, OffsetSpec> specs(Stream<String> topics, int partitions) {
        return topics.flatMap(topic -> IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)))
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
    }

    static Map<TopicPartition, Long> offsets(
            Admin admin, Map<TopicPartition, OffsetSpec> specs, IsolationLevel isolation) throws Exception {
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(
                        specs, new ListOffsetsOptions(isolation))
                .all()
                .get(30, TimeUnit.SECONDS);
        return result.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static Map<TopicPartition, Long> committed(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, Long> committed = new HashMap<>();
        offsets.forEach((tp, offset) -> {
            if (offset != null) {
                committed.put(tp, offset.offset());
            }
        });
        return committed;
    }

    /**
     * Creates {@code applicationId}'s internal topics (each store's changelog, each repartition topic) as Streams
     * would, with {@code partitions} partitions, and waits for their leaders. Streams creating them itself at start-up
     * sends to them before their leaders are ready, and its idempotent producer then retries out-of-sequence batches
     * for seconds (OUT_OF_ORDER_SEQUENCE_NUMBER, the broker quirk {@code BenchmarkContext.createTopic} describes); a
     * deployed service finds them existing.
     */
    static void createInternalTopics(Admin admin, Topology topology, String applicationId, int partitions)
            throws Exception {
        Map<String, Map<String, String>> topics = new HashMap<>();
        for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Processor processor) {
                    processor
                            .stores()
                            .forEach(store -> topics.put(
                                    applicationId + "-" + store + "-changelog",
                                    Map.of(
                                            TopicConfig.CLEANUP_POLICY_CONFIG,
                                            TopicConfig.CLEANUP_POLICY_COMPACT,
                                            TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
                                            "CreateTime")));
                } else if (node instanceof TopologyDescription.Sink sink
                        && sink.topic() != null
                        && sink.topic().endsWith("-repartition")) {
                    topics.put(
                            applicationId + "-" + sink.topic(),
                            Map.of(
                                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                                    TopicConfig.RETENTION_MS_CONFIG, "-1",
                                    TopicConfig.SEGMENT_BYTES_CONFIG, "52428800",
                                    TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime"));
                }
            }
        }
        admin.createTopics(topics.entrySet().stream()
                        .map(e -> new NewTopic(e.getKey(), partitions, (short) 1).configs(e.getValue()))
                        .toList())
                .all()
                .get(60, TimeUnit.SECONDS);
        awaitLeaders(admin, specs(topics.keySet().stream(), partitions));
    }

    private static void awaitLeaders(Admin admin, Map<TopicPartition, OffsetSpec> leaders) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                admin.listOffsets(leaders).all().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    /** The topics named {@code <applicationId>-...}: its changelogs and repartition topics. */
    static Set<String> internalTopics(Admin admin, String applicationId) throws Exception {
        return admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(name -> name.startsWith(applicationId + "-"))
                .collect(Collectors.toSet());
    }

    /** How long one application took from {@code start()} until it caught up, and until its first commit. */
    record Timed(long elapsedNanos, long startUpNanos) {}

    /** What to do once an application has caught up, before it is closed and deleted (untimed). */
    @FunctionalInterface
    interface AfterCaughtUp {
        void accept(String applicationId, Path stateDir) throws Exception;
    }

    /**
     * Runs {@code topology} once as a new application {@code applicationId} (fresh state directory, its internal
     * topics created first, {@link #streamsProperties}), timed from {@code start()} until {@link #awaitCaughtUp} on
     * {@code input}; then {@code after}, then the application is closed and its topics and state deleted.
     */
    static Timed runOnce(
            Admin admin,
            String bootstrapServers,
            Topology topology,
            String applicationId,
            String input,
            int partitions,
            Duration timeout,
            AfterCaughtUp after)
            throws Exception {
        Path stateDir = Files.createTempDirectory(applicationId + "-state-");
        createInternalTopics(admin, topology, applicationId, partitions);
        KafkaStreams streams = new KafkaStreams(topology, streamsProperties(bootstrapServers, applicationId, stateDir));
        try {
            long start = System.nanoTime();
            streams.start();
            CaughtUp caughtUp = awaitCaughtUp(admin, streams, applicationId, input, partitions, timeout);
            Timed timed = new Timed(caughtUp.doneNanos() - start, caughtUp.firstCommitNanos() - start);
            log.info(String.format(
                    Locale.ROOT,
                    "%s took %.1f s, first commit after %.1f s (start-up)",
                    applicationId,
                    timed.elapsedNanos() / 1e9,
                    timed.startUpNanos() / 1e9));
            after.accept(applicationId, stateDir);
            return timed;
        } finally {
            dispose(admin, streams, applicationId, stateDir);
        }
    }

    /** A scoring application's run: its timing and how many records it sent to the dead-letter topic. */
    record Scored(Timed timed, long deadLetters) {}

    /**
     * {@link #runOnce} of {@code ScoringTopology.build} on {@code topics} (the config as {@link #config} makes it),
     * reading {@code topics.events()}.
     */
    static Scored runScoring(
            Admin admin,
            String bootstrapServers,
            String registryUrl,
            Topics topics,
            int partitions,
            String applicationId,
            Duration timeout,
            AfterCaughtUp after)
            throws Exception {
        AtomicLong deadLetters = new AtomicLong();
        Topology topology = ScoringTopology.build(config(registryUrl, topics, partitions, deadLetters));
        Timed timed =
                runOnce(admin, bootstrapServers, topology, applicationId, topics.events(), partitions, timeout, after);
        return new Scored(timed, deadLetters.get());
    }

    /** A consumer of bytes without a group, for reading topics by hand; {@code readCommitted} or all. */
    static KafkaConsumer<byte[], byte[]> byteConsumer(String bootstrapServers, boolean readCommitted) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        if (readCommitted) {
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        }
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Closes the application (leaving its group), deletes its internal topics and its state directory. */
    static void dispose(Admin admin, @Nullable KafkaStreams streams, String applicationId, Path stateDir) {
        if (streams != null) {
            streams.close(new KafkaStreams.CloseOptions()
                    .timeout(Duration.ofSeconds(60))
                    .leaveGroup(true));
        }
        try {
            Set<String> internal = internalTopics(admin, applicationId);
            if (!internal.isEmpty()) {
                admin.deleteTopics(internal).all().get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            log.warn("could not delete {}'s internal topics: {}", applicationId, e.toString());
        }
        deleteRecursively(stateDir);
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
