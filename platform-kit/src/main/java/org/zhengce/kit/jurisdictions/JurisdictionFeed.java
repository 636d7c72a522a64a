package org.zhengce.kit.jurisdictions;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.zhengce.events.JurisdictionLevel;
import org.zhengce.events.JurisdictionPublished;
import org.zhengce.kit.failures.Failures;
import org.zhengce.kit.kafka.TopicBinding;
import org.zhengce.kit.kafka.TopicBindings;
import org.zhengce.schemas.catalogue.TopicCatalogue;

/**
 * The jurisdictions referral publishes, by code, as the topic now has them (ADR 0035): read from the beginning by a
 * consumer of no group (every replica reads every record), then followed. {@link #start()} returns once the records on
 * the topic when it began are read (at most {@code catchUpWithin}), so the service is ready only with the structure it
 * had; later records reach {@link #onChange} listeners without a restart. A topic that does not exist yet (referral
 * not started, as the launcher starts the services) does not hold the start up; until it exists and has been read,
 * as while the registry or the broker do not answer, {@link #hasCommunity} is a transient failure, never "unknown".
 */
public final class JurisdictionFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JurisdictionFeed.class);
    /** The pause before a record or the topic's end is read again after a failure. */
    private static final Duration RETRY = Duration.ofSeconds(1);
    /** Below the web server's ({@code DEFAULT_PHASE - 2048}) and the listener containers' phases. */
    private static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final TopicBinding<String, JurisdictionPublished> topic;
    private final Map<String, Object> consumerSettings;
    private final Duration catchUpWithin;
    private volatile Map<String, JurisdictionPublished> jurisdictions = Map.of();
    private final List<Consumer<Map<String, JurisdictionPublished>>> listeners = new CopyOnWriteArrayList<>();
    /** Whether the topic has been read to the end it had when it was first found. */
    private volatile boolean readToEnd;

    private boolean toldMissing;
    private volatile boolean stopping;
    private volatile @Nullable KafkaConsumer<String, JurisdictionPublished> consumer;
    private volatile @Nullable Thread reader;

    /**
     * @param consumerSettings the service's Kafka consumer settings, without a group
     * @param catchUpWithin how long {@link #start()} waits for the records already on the topic
     */
    public JurisdictionFeed(
            TopicBinding<String, JurisdictionPublished> topic,
            Map<String, Object> consumerSettings,
            Duration catchUpWithin) {
        this.topic = topic;
        this.consumerSettings = Map.copyOf(consumerSettings);
        this.catchUpWithin = catchUpWithin;
    }

    /**
     * The feed of the catalogue's {@code jurisdictions} topic with the service's Kafka settings, read by a consumer of
     * no group.
     *
     * @param clientId the consumer's client id, e.g. {@code intake-service-jurisdictions}
     */
    public static JurisdictionFeed of(KafkaProperties kafka, String clientId, Duration catchUpWithin) {
        Map<String, Object> consumer = new HashMap<>(kafka.buildConsumerProperties());
        consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        TopicBindings bindings = new TopicBindings(TopicCatalogue.load(), kafka.getProperties());
        return new JurisdictionFeed(
                bindings.avro("jurisdictions", JurisdictionPublished.class), consumer, catchUpWithin);
    }

    /** The jurisdictions by code, as last read. */
    public Map<String, JurisdictionPublished> jurisdictions() {
        return jurisdictions;
    }

    /** Calls {@code listener} with the jurisdictions now, and again each time a record changes them. */
    public void onChange(Consumer<Map<String, JurisdictionPublished>> listener) {
        listeners.add(listener);
        listener.accept(jurisdictions);
    }

    /**
     * Whether {@code communityCode} is a community of the directory as last read.
     *
     * @throws DirectoryNotReadException (transient) until the topic has been read to its end once
     */
    public boolean hasCommunity(String communityCode) {
        if (!readToEnd) {
            throw new DirectoryNotReadException(topic.name());
        }
        JurisdictionPublished jurisdiction = jurisdictions.get(communityCode);
        return jurisdiction != null && jurisdiction.getLevel() == JurisdictionLevel.COMMUNITY;
    }

    @Override
    public void start() {
        stopping = false;
        KafkaConsumer<String, JurisdictionPublished> started = new KafkaConsumer<>(
                consumerSettings,
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
        consumer = started;
        CountDownLatch caughtUp = new CountDownLatch(1);
        Thread thread = new Thread(() -> follow(started, caughtUp), "jurisdiction-feed");
        thread.setDaemon(true);
        reader = thread;
        thread.start();
        try {
            if (!caughtUp.await(catchUpWithin.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn(
                        "{} not read to its end within {}: starting with {} jurisdictions, following the rest",
                        topic.name(),
                        catchUpWithin,
                        jurisdictions.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void follow(KafkaConsumer<String, JurisdictionPublished> consumer, CountDownLatch caughtUp) {
        List<TopicPartition> partitions = IntStream.range(0, topic.partitions())
                .mapToObj(partition -> new TopicPartition(topic.name(), partition))
                .toList();
        Map<String, JurisdictionPublished> read = new HashMap<>();
        @Nullable Map<TopicPartition, Long> ends = null;
        int failures = 0;
        try {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stopping) {
                try {
                    if (ends == null) {
                        ends = endOffsets(consumer, partitions);
                        if (ends == null) {
                            // not created yet: nothing to wait for at start; looked for again in a moment
                            caughtUp.countDown();
                            Thread.sleep(RETRY.toMillis());
                            continue;
                        }
                    }
                    Map<TopicPartition, Long> until = ends;
                    if (!readToEnd
                            && partitions.stream().allMatch(p -> consumer.position(p) >= until.getOrDefault(p, 0L))) {
                        log.info("{} read: {} jurisdictions", topic.name(), read.size());
                        readToEnd = true;
                        caughtUp.countDown();
                    }
                    ConsumerRecords<String, JurisdictionPublished> records = consumer.poll(Duration.ofSeconds(1));
                    failures = 0;
                    if (!records.isEmpty()) {
                        records.forEach(record -> apply(record, read));
                        changed(Map.copyOf(read));
                    }
                } catch (WakeupException woken) {
                    throw woken;
                } catch (RuntimeException e) {
                    // the registry or the broker unreachable, a record not readable yet: the same record again
                    if (failures++ == 0) {
                        log.warn("{} not read ({}): trying again every second", topic.name(), Failures.reason(e));
                    }
                    Thread.sleep(RETRY.toMillis());
                }
            }
        } catch (WakeupException | InterruptedException woken) {
            // stop() woke the consumer
        } finally {
            caughtUp.countDown();
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private static void apply(
            ConsumerRecord<String, JurisdictionPublished> record, Map<String, JurisdictionPublished> read) {
        if (record.value() == null) {
            read.remove(record.key());
        } else {
            read.put(record.key(), record.value());
        }
    }

    private void changed(Map<String, JurisdictionPublished> now) {
        jurisdictions = now;
        listeners.forEach(listener -> listener.accept(now));
    }

    /** The topic's end offsets now; null when it does not exist yet. */
    private @Nullable Map<TopicPartition, Long> endOffsets(
            KafkaConsumer<String, JurisdictionPublished> consumer, List<TopicPartition> partitions) {
        if (consumer.partitionsFor(topic.name(), catchUpWithin).isEmpty()) {
            if (!toldMissing) {
                // the launcher starts referral after intake and notification: expected once, then followed
                log.info("{} not created yet (referral creates it): read once it exists", topic.name());
                toldMissing = true;
            }
            return null;
        }
        return consumer.endOffsets(partitions, catchUpWithin);
    }

    /**
     * Wakes the consumer (a poll, an offsets look-up) and waits for the reader to close it. Never interrupts the reader:
     * an interrupted consumer cannot close cleanly and logs the failed close at ERROR with its stack trace.
     */
    @Override
    public void stop() {
        KafkaConsumer<String, JurisdictionPublished> running = consumer;
        Thread thread = reader;
        stopping = true;
        consumer = null;
        reader = null;
        if (running != null) {
            running.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return reader != null;
    }

    /**
     * Before the web server and the listeners start (and after they stop): nothing is checked against, or escalated
     * along, a structure not read yet.
     */
    @Override
    public int getPhase() {
        return PHASE;
    }
}
