package org.zhengce.benchmarks.scoring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.zhengce.benchmarks.ResultRow;

/**
 * What a streams application's state weighs, read from its changelog topics: every topic named {@code <application
 * id>-*-changelog} (found by that pattern, so no store's name is assumed), each record's value size (what one input
 * event cost that store to write) and the latest value per key (what the store holds per household at the end).
 *
 * @param store the store's name, from its changelog's
 * @param sortedSizes the size in bytes of every value written, tombstones left out, ascending
 * @param keys the keys whose latest value is not a tombstone
 * @param latestBytes the sum of those latest values' sizes
 * @param latestMax the largest of them
 */
record ChangelogSizes(String store, int[] sortedSizes, int keys, long latestBytes, int latestMax) {

    private static final String SUFFIX = "-changelog";
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

    /** Every changelog of {@code applicationId}, read to its last committed record. */
    static List<ChangelogSizes> read(Admin admin, String bootstrapServers, String applicationId) throws Exception {
        List<ChangelogSizes> stores = new ArrayList<>();
        List<String> changelogs = ScoringRig.internalTopics(admin, applicationId).stream()
                .filter(name -> name.endsWith(SUFFIX))
                .sorted()
                .toList();
        for (String changelog : changelogs) {
            int partitions = ScoringRig.partitions(admin, changelog);
            String store = changelog.substring(applicationId.length() + 1, changelog.length() - SUFFIX.length());
            stores.add(readOne(bootstrapServers, changelog, partitions, store));
        }
        return stores;
    }

    private static ChangelogSizes readOne(String bootstrapServers, String topic, int partitions, String store) {
        int[] sizes = new int[1024];
        int count = 0;
        Map<Bytes, Integer> latest = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = ScoringRig.byteConsumer(bootstrapServers, true)) {
            List<TopicPartition> all = IntStream.range(0, partitions)
                    .mapToObj(p -> new TopicPartition(topic, p))
                    .toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            // read_committed: the end offsets are the last stable offsets
            Map<TopicPartition, Long> ends = consumer.endOffsets(all);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (all.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " within " + READ_TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Bytes key = Bytes.wrap(record.key());
                    if (record.value() == null) {
                        latest.remove(key);
                        continue;
                    }
                    if (count == sizes.length) {
                        sizes = Arrays.copyOf(sizes, count * 2);
                    }
                    sizes[count++] = record.value().length;
                    latest.put(key, record.value().length);
                }
            }
        }
        int[] sorted = Arrays.copyOf(sizes, count);
        Arrays.sort(sorted);
        long latestBytes =
                latest.values().stream().mapToLong(Integer::longValue).sum();
        int latestMax =
                latest.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return new ChangelogSizes(store, sorted, latest.size(), latestBytes, latestMax);
    }

    /** The {@code p}-th percentile of the written values' sizes (nearest rank), 0 when nothing was written. */
    int percentile(double p) {
        if (sortedSizes.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sortedSizes.length) - 1;
        return sortedSizes[Math.max(0, Math.min(sortedSizes.length - 1, index))];
    }

    /** This store as a row of figures: the sizes written per event, and held per key after {@code events} events. */
    ResultRow row(String caseName, long events) {
        String written = String.format(
                Locale.ROOT,
                "%,d writes: p50 %,d B, p90 %,d B, p99 %,d B, max %,d B",
                sortedSizes.length,
                percentile(0.50),
                percentile(0.90),
                percentile(0.99),
                sortedSizes.length == 0 ? 0 : sortedSizes[sortedSizes.length - 1]);
        String held = keys == 0
                ? "; nothing held at the end (every key deleted)"
                : String.format(
                        Locale.ROOT,
                        "; held after %.1f events per key on average (%,d keys): mean %,.0f B, max %,d B",
                        (double) events / keys,
                        keys,
                        (double) latestBytes / keys,
                        latestMax);
        return ResultRow.figures(
                String.format(Locale.ROOT, "%s: state written per event and held per key, store '%s'", caseName, store),
                written + held);
    }
}
