package org.zhengce.referral.jurisdictions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.zhengce.events.JurisdictionPublished;
import org.zhengce.kit.failures.Failures;
import org.zhengce.kit.kafka.TopicBinding;
import org.zhengce.kit.kafka.TopicBindings;
import reactor.core.publisher.Mono;

/**
 * Publishes the directory on the compacted topic {@code jurisdictions} (ADR 0035), the one copy of the organisation
 * structure the other services read: one record per jurisdiction (level, parent, supervisors' user ids), a tombstone
 * for one removed. At start it reads what the topic holds and sends only what differs (nothing, when the topic is
 * current); then again after every change of jurisdictions or supervisors, and every {@code
 * referral.jurisdictions.republish-interval}, which also repairs a send that failed or a change made behind the
 * API. One pass at a time, on its own thread; each replica does the same, so the topic converges on the database
 * within one interval whichever replica made the change.
 */
@Component
class DirectoryPublication implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DirectoryPublication.class);
    private static final String TOPIC = "jurisdictions";

    private final JurisdictionDirectory directory;
    private final KafkaTemplate<String, byte[]> kafka;
    private final TopicBinding<String, JurisdictionPublished> topic;
    private final Map<String, Object> consumerSettings;
    private final Duration timeout;
    private final AtomicBoolean pending = new AtomicBoolean();
    /** What the topic holds, by code, once read; touched by the worker thread only. */
    private @Nullable Map<String, JurisdictionPublished> published;

    private volatile @Nullable ExecutorService worker;

    DirectoryPublication(
            JurisdictionDirectory directory,
            KafkaTemplate<String, byte[]> kafka,
            TopicBindings bindings,
            KafkaProperties kafkaProperties,
            JurisdictionSettings settings) {
        this.directory = directory;
        this.kafka = kafka;
        this.topic = bindings.avro(TOPIC, JurisdictionPublished.class);
        Map<String, Object> consumer = new HashMap<>(kafkaProperties.buildConsumerProperties());
        consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, "referral-service-jurisdictions");
        this.consumerSettings = Map.copyOf(consumer);
        this.timeout = settings.publishTimeout();
    }

    /** The first pass, before the service is ready: the topic holds the directory the seed loaded. */
    @Override
    public void start() {
        ExecutorService started = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "jurisdictions-publication");
            thread.setDaemon(true);
            return thread;
        });
        worker = started;
        try {
            started.submit(this::publishChanges).get(timeout.multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("jurisdictions not published at start ({}): tried again in the background", Failures.reason(e));
        }
    }

    @EventListener
    void on(DirectoryChanged changed) {
        schedulePass();
    }

    @Scheduled(
            fixedDelayString = "${referral.jurisdictions.republish-interval:PT1M}",
            initialDelayString = "${referral.jurisdictions.republish-interval:PT1M}")
    void republish() {
        schedulePass();
    }

    /** One pass after those already queued; passes asked for meanwhile are one. */
    private void schedulePass() {
        ExecutorService running = worker;
        if (running != null && pending.compareAndSet(false, true)) {
            running.execute(() -> {
                pending.set(false);
                try {
                    publishChanges();
                } catch (RuntimeException e) {
                    log.warn("jurisdictions not published ({}): tried again in the background", Failures.reason(e));
                }
            });
        }
    }

    /** Sends what differs between the directory and the topic; returns how many records it sent. */
    int publishChanges() {
        Map<String, JurisdictionPublished> onTopic = published == null ? readTopic() : published;
        published = onTopic;
        Map<String, JurisdictionPublished> current = Objects.requireNonNull(Mono.zip(
                        directory.jurisdictions().collectList(),
                        directory.supervisors().collectList())
                .map(both -> DirectoryRecords.of(both.getT1(), both.getT2()))
                .block(timeout));
        Map<String, @Nullable JurisdictionPublished> changes = DirectoryRecords.changes(current, onTopic);
        List<Map.Entry<String, Future<SendResult<String, byte[]>>>> sends = new ArrayList<>();
        changes.forEach((code, record) -> sends.add(Map.entry(
                code,
                kafka.send(new ProducerRecord<>(
                        TOPIC,
                        code,
                        record == null ? null : topic.valueSerde().serializer().serialize(TOPIC, record))))));
        kafka.flush();
        for (Map.Entry<String, Future<SendResult<String, byte[]>>> send : sends) {
            try {
                send.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing jurisdictions", e);
            } catch (Exception e) {
                throw new IllegalStateException(
                        "jurisdiction " + send.getKey() + " not published: " + Failures.reason(e), e);
            }
            // a record sent is on the topic; one whose send failed is sent again by the next pass
            JurisdictionPublished record = changes.get(send.getKey());
            if (record == null) {
                onTopic.remove(send.getKey());
            } else {
                onTopic.put(send.getKey(), record);
            }
        }
        if (!changes.isEmpty()) {
            log.info("published {} jurisdiction records on {}", changes.size(), TOPIC);
        }
        return changes.size();
    }

    /** The topic's records, read from its beginning to its end, the latest per code; empty for a new topic. */
    private Map<String, JurisdictionPublished> readTopic() {
        Map<String, JurisdictionPublished> records = new HashMap<>();
        try (KafkaConsumer<String, JurisdictionPublished> consumer = new KafkaConsumer<>(
                consumerSettings,
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, timeout).stream()
                    .map((PartitionInfo partition) -> new TopicPartition(TOPIC, partition.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + TOPIC + " does not exist yet");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + TOPIC + " not read to its end within " + timeout);
                }
                for (ConsumerRecord<String, JurisdictionPublished> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        records.remove(record.key());
                    } else {
                        records.put(record.key(), record.value());
                    }
                }
            }
        }
        return records;
    }

    @Override
    public void stop() {
        ExecutorService running = worker;
        worker = null;
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
