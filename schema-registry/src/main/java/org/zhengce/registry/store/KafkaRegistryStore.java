package org.zhengce.registry.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the registry's events in a compacted, single-partition Kafka topic, like Confluent's
 * registry does with {@code _schemas}.
 *
 * <p>On {@link #start} the topic is created if missing and read from the beginning to its end
 * before the store is returned, so a registry never serves an incomplete state. A background
 * reader keeps applying records; {@link #append} produces (acks=all, idempotent) and then waits
 * until the reader has applied its own records, so the state always derives from the topic.
 *
 * <p>One registry instance writes to the topic. Another instance may read it, but two writers
 * could hand out the same id: that set-up is not supported.
 */
public final class KafkaRegistryStore implements RegistryStore {

    private static final Logger log = LoggerFactory.getLogger(KafkaRegistryStore.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration RETRY_FIRST = Duration.ofSeconds(1);
    private static final Duration RETRY_LAST = Duration.ofSeconds(30);
    private static final int MAX_REPLICATION_FACTOR = 3;

    private final String topic;
    private final TopicPartition partition;
    private final Duration timeout;
    private final RegistryState state = new RegistryState();
    private final StoreCodec codec = new StoreCodec();
    private final ReadProgress progress = new ReadProgress();
    private final Producer<byte[], byte[]> producer;
    private final Consumer<byte[], byte[]> consumer;
    private final Thread reader;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean failing;
    private volatile Duration caughtUpIn = Duration.ZERO;

    private KafkaRegistryStore(Map<String, Object> connection, String topic, Duration timeout) {
        this(
                topic,
                timeout,
                new KafkaProducer<>(producerConfig(connection, topic, timeout)),
                new KafkaConsumer<>(consumerConfig(connection, topic)));
    }

    /** The store on the clients given (the tests' mock consumer among them); {@link #catchUp} starts it. */
    KafkaRegistryStore(
            String topic, Duration timeout, Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> consumer) {
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
        this.timeout = timeout;
        this.producer = producer;
        this.consumer = consumer;
        this.reader = new Thread(this::readLoop, "schema-registry-reader-" + topic);
        this.reader.setDaemon(true);
    }

    /**
     * Connects to Kafka, creates or checks {@code topic}, and reads it to its end.
     *
     * @throws StoreException when the topic cannot be created, has the wrong layout, or cannot be
     *     read to its end within {@code timeout}
     */
    public static KafkaRegistryStore start(String bootstrapServers, String topic, Duration timeout) {
        return start(bootstrapServers, Map.of(), topic, timeout);
    }

    /**
     * As {@link #start(String, String, Duration)}, the store's clients given {@code clientProperties} too: how they
     * log in to the cluster ({@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config},
     * {@code ssl.truststore.*}). The store's own settings (acknowledgements, idempotence, serialisers) are not
     * overridden by them.
     */
    public static KafkaRegistryStore start(
            String bootstrapServers, Map<String, String> clientProperties, String topic, Duration timeout) {
        Map<String, Object> connection = new HashMap<>(clientProperties);
        connection.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        ensureTopic(connection, topic, timeout);
        KafkaRegistryStore store = new KafkaRegistryStore(Map.copyOf(connection), topic, timeout);
        try {
            store.catchUp();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    @Override
    public RegistryState state() {
        return state;
    }

    @Override
    public boolean following() {
        return reader.isAlive() && !failing;
    }

    @Override
    public void append(List<RegistryEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        for (RegistryEvent event : events) {
            StoreCodec.Encoded encoded = codec.encode(event);
            sent.add(producer.send(new ProducerRecord<>(topic, 0, encoded.key(), encoded.value())));
        }
        long lastOffset = -1;
        try {
            for (Future<RecordMetadata> future : sent) {
                lastOffset =
                        future.get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
            }
        } catch (TimeoutException e) {
            throw new StoreTimeoutException("Write to topic " + topic + " timed out", e);
        } catch (ExecutionException e) {
            throw new StoreException("Write to topic " + topic + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while writing to topic " + topic, e);
        }
        progress.awaitPosition(lastOffset + 1, timeout);
    }

    @Override
    public void close() {
        running = false;
        stopping.countDown();
        try {
            if (reader.getState() == Thread.State.NEW) {
                consumer.close(timeout);
            } else {
                consumer.wakeup();
                reader.join(timeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while stopping the reader of {}", topic, e);
        } finally {
            producer.close(timeout);
        }
    }

    @Override
    public Duration caughtUpIn() {
        return caughtUpIn;
    }

    void catchUp() {
        long started = System.nanoTime();
        consumer.assign(Set.of(partition));
        consumer.seekToBeginning(Set.of(partition));
        long end = consumer.endOffsets(Set.of(partition), timeout).get(partition);
        reader.start();
        progress.awaitPosition(end, timeout);
        caughtUpIn = Duration.ofNanos(System.nanoTime() - started);
        log.info(
                "Read topic {} to offset {} in {} ms: {} subjects",
                topic,
                end,
                caughtUpIn.toMillis(),
                state.subjects().size());
    }

    /**
     * Reads the topic for as long as the store runs. A failure of the consumer (the broker gone longer than its
     * timeouts, a fenced or expired session) does not end the reading: the reader warns once, waits (1 s, doubling to
     * 30 s), reads again from the first record it has not applied, and says when it reads again. Writes wait for it
     * meanwhile and time out with a clear error; nothing is skipped and nothing applied twice.
     */
    /** Where the reader stood when it failed, {@code next} being the offset it would read next (-1: none yet). */
    private static String whereFailed(long next) {
        return next <= 0 ? "before its first record" : "after offset " + (next - 1);
    }

    private void readLoop() {
        long next = -1;
        Duration backoff = RETRY_FIRST;
        try {
            while (running) {
                try {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                        apply(record);
                        next = record.offset() + 1;
                    }
                    next = consumer.position(partition);
                    progress.advanceTo(next);
                    if (failing) {
                        log.info("Reader of topic {} reads again, at offset {}", topic, next);
                        failing = false;
                        backoff = RETRY_FIRST;
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    if (!failing) {
                        log.warn(
                                "Reader of topic {} failed {}; it reads again in {} (then every {} at most), writes"
                                        + " wait for it meanwhile",
                                topic,
                                whereFailed(next),
                                backoff,
                                RETRY_LAST,
                                e);
                    } else {
                        log.debug("Reader of topic {} failed again", topic, e);
                    }
                    failing = true;
                    if (stopping.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                    backoff = backoff.multipliedBy(2).compareTo(RETRY_LAST) > 0 ? RETRY_LAST : backoff.multipliedBy(2);
                    if (next < 0) {
                        consumer.seekToBeginning(Set.of(partition));
                    } else {
                        consumer.seek(partition, next);
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("Reader of topic {} woken up unexpectedly", topic, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(timeout);
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        try {
            Optional<RegistryEvent> event = codec.decode(record.key(), record.value());
            event.ifPresent(state::apply);
        } catch (StoreException e) {
            log.warn("Skipping unreadable record at offset {} of {}", record.offset(), topic, e);
        }
    }

    private static void ensureTopic(Map<String, Object> connection, String topic, Duration timeout) {
        Map<String, Object> config = with(
                connection,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "schema-registry-admin",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) timeout.toMillis());
        long millis = timeout.toMillis();
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(millis, TimeUnit.MILLISECONDS);
            if (!existing.contains(topic)) {
                create(admin, topic, millis);
            }
            checkOnceKnown(admin, topic, millis);
        } catch (TimeoutException e) {
            throw new StoreTimeoutException(
                    "Kafka at " + connection.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) + " did not answer in "
                            + timeout,
                    e);
        } catch (ExecutionException e) {
            throw new StoreException(
                    "Cannot prepare topic " + topic + " at "
                            + connection.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG),
                    e.getCause());
        } catch (org.apache.kafka.common.KafkaException e) {
            // a client that cannot be made from its settings (a login module or trust store that does not load)
            throw new StoreException(
                    "Cannot connect to Kafka at " + connection.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                            + " with the client properties given (registry.kafka.properties): " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while preparing topic " + topic, e);
        }
    }

    private static void create(Admin admin, String topic, long millis)
            throws InterruptedException, ExecutionException, TimeoutException {
        Collection<?> brokers = admin.describeCluster().nodes().get(millis, TimeUnit.MILLISECONDS);
        short replicas = (short) Math.max(1, Math.min(MAX_REPLICATION_FACTOR, brokers.size()));
        NewTopic newTopic = new NewTopic(topic, 1, replicas)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(newTopic)).all().get(millis, TimeUnit.MILLISECONDS);
            log.info("Created topic {} (1 partition, {} replicas, compacted)", topic, replicas);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /**
     * {@link #check}, retried while the broker does not know the topic yet: a topic just created is not at once
     * in every broker's metadata (a retriable error, not a missing topic).
     */
    private static void checkOnceKnown(Admin admin, String topic, long millis)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            try {
                check(admin, topic, millis);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.RetriableException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static void check(Admin admin, String topic, long millis)
            throws InterruptedException, ExecutionException, TimeoutException {
        TopicDescription description = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(millis, TimeUnit.MILLISECONDS)
                .get(topic);
        if (description.partitions().size() != 1) {
            throw new StoreException("Topic " + topic + " must have exactly 1 partition, it has "
                    + description.partitions().size());
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource))
                .all()
                .get(millis, TimeUnit.MILLISECONDS)
                .get(resource);
        ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (policy == null || !policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            throw new StoreException("Topic " + topic + " must have cleanup.policy=compact, it has "
                    + (policy == null ? "none" : policy.value()));
        }
    }

    private static Map<String, Object> producerConfig(Map<String, Object> connection, String topic, Duration timeout) {
        return with(
                connection,
                ProducerConfig.CLIENT_ID_CONFIG,
                "schema-registry-writer-" + topic,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                timeout.toMillis(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class);
    }

    private static Map<String, Object> consumerConfig(Map<String, Object> connection, String topic) {
        return with(
                connection,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "schema-registry-reader-" + topic,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class);
    }

    /** {@code connection} (the cluster and how to log in to it), then the client's own settings over it. */
    private static Map<String, Object> with(Map<String, Object> connection, Object... settings) {
        Map<String, Object> config = new HashMap<>(connection);
        for (int i = 0; i < settings.length; i += 2) {
            config.put((String) settings[i], settings[i + 1]);
        }
        return config;
    }

    /** The reader's position (next offset to read), which writers wait on. */
    private static final class ReadProgress {

        private long position;

        synchronized void advanceTo(long newPosition) {
            if (newPosition > position) {
                position = newPosition;
                notifyAll();
            }
        }

        synchronized void awaitPosition(long target, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (position < target) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new StoreTimeoutException(
                            "Reader did not reach offset " + target + " within " + timeout + " (at " + position + ")");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("Interrupted while waiting for the reader", e);
                }
            }
        }
    }
}
