package org.zhengce.scoring.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class StreamsReadinessTest {

    private static final TopicPartition HOUSEHOLDS = new TopicPartition("scoring-service-households-changelog", 0);
    private static final TopicPartition WARNINGS = new TopicPartition("scoring-service-warnings-changelog", 0);

    private final AtomicReference<KafkaStreams.State> state = new AtomicReference<>();
    private final StreamsReadiness readiness = new StreamsReadiness(state::get);
    private final StateRestoreListener restores = readiness.restores();

    @Test
    void givenNoStreamsYet_thenScoringIsNotReady() {
        Health health = readiness.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("state", "NOT_STARTED");
    }

    @Test
    void givenStreamsStartingOrRebalancing_thenScoringIsNotReady() {
        state.set(KafkaStreams.State.CREATED);
        assertThat(readiness.health().getStatus()).isEqualTo(Status.DOWN);

        state.set(KafkaStreams.State.REBALANCING);
        assertThat(readiness.health().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void givenRunningStreams_whenStoresRestore_thenScoringIsReadyOnlyOnceEveryRestoreEnded() {
        state.set(KafkaStreams.State.RUNNING);
        assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);

        restores.onRestoreStart(HOUSEHOLDS, "households", 0, 1_000);
        restores.onRestoreStart(WARNINGS, "warnings", 0, 10);
        assertThat(readiness.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(readiness.health().getDetails()).containsEntry("restoring", 2);

        restores.onRestoreEnd(WARNINGS, "warnings", 10);
        assertThat(readiness.health().getStatus()).isEqualTo(Status.DOWN);

        restores.onRestoreEnd(HOUSEHOLDS, "households", 1_000);
        assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
        assertThat(readiness.health().getDetails()).containsEntry("state", "RUNNING");
    }

    @Test
    void givenARestoreSuspendedByARebalance_whenTheStreamsRunAgain_thenScoringIsReady() {
        state.set(KafkaStreams.State.REBALANCING);
        restores.onRestoreStart(HOUSEHOLDS, "households", 0, 1_000);
        restores.onRestoreSuspended(HOUSEHOLDS, "households", 400);

        state.set(KafkaStreams.State.RUNNING);
        assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void givenStoppedStreams_thenScoringIsNotReady() {
        state.set(KafkaStreams.State.PENDING_SHUTDOWN);
        assertThat(readiness.health().getStatus()).isEqualTo(Status.DOWN);

        state.set(KafkaStreams.State.ERROR);
        assertThat(readiness.health().getStatus()).isEqualTo(Status.DOWN);
    }
}
