package org.zhengce.scoring.streams;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Scoring is ready for traffic (its readiness group, {@code streamsReadiness}) only when its streams are {@code
 * RUNNING} and no store is being restored from its changelog: before, a household's score or warnings would be read
 * from a store that is not there yet or still behind. Not started, starting, rebalancing, restoring, stopped: DOWN,
 * with the state and the number of store partitions still restoring. Not in the liveness group: a restore is no
 * reason to restart the pod (it would start the restore over).
 *
 * <p>Also the streams' restore listener ({@link #restores()}), set on the binder's streams factory.
 */
public final class StreamsReadiness implements HealthIndicator {

    private final Supplier<KafkaStreams.@Nullable State> state;
    private final Set<TopicPartition> restoring = ConcurrentHashMap.newKeySet();

    /** {@code state}: the state of the streams running now, null while none has started. */
    StreamsReadiness(Supplier<KafkaStreams.@Nullable State> state) {
        this.state = state;
    }

    @Override
    public Health health() {
        KafkaStreams.State now = state.get();
        int restores = restoring.size();
        Health.Builder health = now == KafkaStreams.State.RUNNING && restores == 0 ? Health.up() : Health.down();
        return health.withDetail("state", now == null ? "NOT_STARTED" : now.name())
                .withDetail("restoring", restores)
                .build();
    }

    /** Counts the store partitions being restored from their changelogs (active tasks; standbys never restore). */
    StateRestoreListener restores() {
        return new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
                restoring.add(partition);
            }

            @Override
            public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long restored) {}

            @Override
            public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
                restoring.remove(partition);
            }

            @Override
            public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
                // the task moved to another instance mid-restore: nothing left to wait for here
                restoring.remove(partition);
            }
        };
    }
}
