package org.zhengce.benchmarks;

import java.time.Instant;
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
 * What every case gets: the in-process broker and registry, the sizes, the city feed (generated
 * once per run) with each event's Kafka key, and the fixtures cases share.
 *
 * @param events the generated events, {@code settings.records()} of them
 * @param keys each event's key bytes, same order
 * @param fixtures started on first use, closed when the run ends
 * @param startedAt when the run started (cases label their event ids with it, so every run's events are new)
 */
public record BenchmarkContext(
        String bootstrapServers,
        String registryUrl,
        BenchmarkSettings settings,
        List<HouseholdEvent> events,
        List<byte[]> keys,
        Fixtures fixtures,
        Instant startedAt) {

    /** The fixture of {@code type} shared by the cases, started by the first that asks. */
    public <T extends AutoCloseable> T shared(Class<T> type, Fixtures.Starter<T> starter) throws Exception {
        return fixtures.get(type, starter);
    }

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
        createTopic(name, settings.partitions());
    }

    /** {@link #createTopic(String)} with {@code partitions} partitions instead of the run's setting. */
    public void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> leaders = IntStream.range(0, partitions)
                    .boxed()
                    .collect(Collectors.toMap(
                            partition -> new TopicPartition(name, partition), partition -> OffsetSpec.latest()));
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
    }
}
