package org.zhengce.kit.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * What a relay that crashed between sending and marking finds on the log: which of the events it may have sent are
 * there. Each partition is read from the earliest time a record of it may have been sent to its end at the time of
 * the search, looking at one header that carries the event's id. Used by every relay (the intake ledger's and the
 * outbox tables'), so that a crash never publishes an event twice and never loses one.
 */
public final class PublishedRecords {

    private PublishedRecords() {}

    /**
     * The ids among {@code wanted} that {@code header} carries on a record of {@code since}'s partitions at or after
     * its time (epoch milliseconds).
     *
     * @param consumer an unsubscribed consumer of raw values, used for this search only
     * @throws IllegalStateException when the partitions could not be read to their end within {@code timeout}
     */
    public static Set<String> find(
            Consumer<?, ?> consumer,
            Map<TopicPartition, Long> since,
            Set<String> wanted,
            String header,
            Duration timeout) {
        Set<String> found = new HashSet<>();
        consumer.assign(since.keySet());
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(since);
        Map<TopicPartition, Long> ends = consumer.endOffsets(since.keySet());
        Set<TopicPartition> open = new HashSet<>();
        starts.forEach((partition, start) -> {
            if (start != null && start.offset() < ends.get(partition)) {
                consumer.seek(partition, start.offset());
                open.add(partition);
            }
        });
        consumer.pause(since.keySet().stream().filter(p -> !open.contains(p)).collect(Collectors.toSet()));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!open.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + open + " to its end in " + timeout);
            }
            for (ConsumerRecord<?, ?> record : consumer.poll(Duration.ofMillis(200))) {
                Header id = record.headers().lastHeader(header);
                if (id != null) {
                    String value = new String(id.value(), StandardCharsets.UTF_8);
                    if (wanted.contains(value)) {
                        found.add(value);
                    }
                }
            }
            open.removeIf(partition -> consumer.position(partition) >= ends.get(partition));
        }
        return found;
    }
}
