package org.zhengce.benchmarks.resources;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThreadGroupsTest {

    @Test
    void streamsThreadsAndTheirProducersAreScorings() {
        ThreadGroups scoring = ThreadGroups.scoring();
        String streams = "scoring's Kafka Streams (stream threads, their consumers, producers, admin)";

        assertThat(scoring.labelOf("bench-backfill-1796159421-9576c709-StreamThread-1"))
                .isEqualTo(streams);
        assertThat(scoring.labelOf(
                        "kafka-producer-network-thread | bench-scoring-1796-1-9576c709-StreamThread-1-producer"))
                .isEqualTo(streams);
    }

    @Test
    void serviceClientsAreTheServicesAndOtherClientsTheHarnesss() {
        ThreadGroups intake = ThreadGroups.intake();

        assertThat(intake.labelOf("kafka-producer-network-thread | intake-service-producer-1"))
                .isEqualTo("intake's Kafka producer");
        assertThat(intake.labelOf("kafka-producer-network-thread | producer-3"))
                .isEqualTo("harness (its clients, timers, the sampler)");
        assertThat(intake.labelOf("kafka-producer-network-thread | schema-registry-writer-_schemas"))
                .isEqualTo("registry's Kafka clients");
    }

    @Test
    void brokerThreadsAreTheBrokersAndUnknownNamesOther() {
        ThreadGroups notification = ThreadGroups.notification();

        assertThat(notification.labelOf("data-plane-kafka-request-handler-1")).isEqualTo("broker (in-process)");
        assertThat(notification.labelOf("AddPartitionsToTxnSenderThread-1")).isEqualTo("broker (in-process)");
        assertThat(notification.labelOf("kafka-scheduler-1")).isEqualTo("broker (in-process)");
        assertThat(notification.labelOf("notification-case-events-0-C-1"))
                .isEqualTo("notification's Kafka listener and clients");
        assertThat(notification.labelOf("Finalizer")).isEqualTo(ThreadGroups.OTHER);
        assertThat(notification.labels()).endsWith(ThreadGroups.OTHER);
    }
}
