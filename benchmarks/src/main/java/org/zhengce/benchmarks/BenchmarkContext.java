package org.zhengce.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.zhengce.events.HouseholdEvent;

/**
 * What every case gets: the in-process broker and registry, the sizes, and the city feed (generated
 * once per run) with each event's Kafka key.
 *
 * @param events the generated events, {@code settings.records()} of them
 * @param keys each event's key bytes, same order
 */
public record BenchmarkContext(
        String bootstrapServers,
        String registryUrl,
        BenchmarkSettings settings,
        List<HouseholdEvent> events,
        List<byte[]> keys) {

    /**
     * Creates {@code name} with {@code settings.partitions()} partitions (the broker does not
     * auto-create) and returns once the broker leads every partition.
     *
     * <p>CreateTopics answers before the partitions' leaders are ready. An idempotent producer that
     * sends at once gets NOT_LEADER_OR_FOLLOWER for its first batch while a later batch already lands;
     * the retried first batch is then out of sequence and retried until delivery.timeout.ms (seen
     * here with Kafka 4.1.2). Listing offsets needs the partition leader, so it is the readiness
     * check.
     */
    public void createTopic(String name) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(name, settings.partitions(), (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> partitions = IntStream.range(0, settings.partitions())
                    .boxed()
                    .collect(Collectors.toMap(
                            partition -> new TopicPartition(name, partition), partition -> OffsetSpec.latest()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try {
                    admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    TimeUnit.MILLISECONDS.sleep(50);
                }
            }
        }
    }
}
