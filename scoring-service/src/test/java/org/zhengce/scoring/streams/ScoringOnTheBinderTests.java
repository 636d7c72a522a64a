package org.zhengce.scoring.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.cloud.stream.binder.kafka.streams.KafkaStreamsBinderMetrics;
import org.springframework.cloud.stream.binder.kafka.streams.KafkaStreamsRegistry;
import org.springframework.cloud.stream.binder.kafka.streams.SendToDlqAndContinue;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.streams.KafkaStreamsMicrometerListener;
import org.springframework.kafka.streams.RecoveringDeserializationExceptionHandler;
import org.zhengce.scoring.ScoringStackTest;

/**
 * Scoring as the Kafka Streams binder runs it: the topology bound is the pure one the {@code TopologyTestDriver}
 * tests drive, with scoring's handlers on the binder's dead-letter lane, its settings, and readiness following the
 * streams.
 */
class ScoringOnTheBinderTests extends ScoringStackTest {

    @Autowired
    KafkaStreamsRegistry registry;

    @Autowired
    ScoringTopology.Config config;

    @Autowired
    SendToDlqAndContinue bindersDeadLetterLane;

    @Autowired
    HealthEndpointGroups healthGroups;

    @Autowired
    StreamsReadiness streamsReadiness;

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaStreamsBinderMetrics binderMetrics;

    @Test
    void theBinderRunsThePureTopology() {
        assertThat(streams().getTopology().describe().toString())
                .isEqualTo(ScoringTopology.build(config).describe().toString());
    }

    @Test
    void unreadableRecordsGoToTheBindersDeadLetterLaneAsScoringClassifiesThem() {
        Properties configuration = streams().getStreamsConfiguration();

        // the binder's lane (sendToDlq, dlq-name) is the recoverer of scoring's handler, which takes precedence over
        // the binder's own under the deprecated key
        assertThat(String.valueOf(configuration.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG)))
                .isEqualTo(UnreadableRecords.class.getName());
        assertThat(configuration.get(RecoveringDeserializationExceptionHandler.KSTREAM_DESERIALIZATION_RECOVERER))
                .isSameAs(bindersDeadLetterLane);
        assertThat(String.valueOf(configuration.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG)))
                .isEqualTo(ProcessingFailures.class.getName());
    }

    @Test
    void exactlyOnceTheThreadsTheStandbysAndTheAdvertisedServerAreConfiguration() {
        Properties configuration = streams().getStreamsConfiguration();

        assertThat(configuration.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(configuration.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(1);
        assertThat(configuration.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(0);
        assertThat(configuration.get(StreamsConfig.APPLICATION_SERVER_CONFIG)).isEqualTo("localhost:" + port());
    }

    @Test
    void everyStreamsClientsKafkaMetricsAreOnTheRegistryBoundByOneBinder() {
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(meters.find("kafka.app.info.start.time.ms")
                                .tag("client.id", "scoring-service-global-consumer")
                                .gauges())
                        .as("the global consumer's metrics")
                        .isNotEmpty());
        assertThat(meters.find("kafka.consumer.fetch.manager.records.consumed.total")
                        .meters())
                .as("the stream threads' consumers' metrics")
                .isNotEmpty();
        assertThat(streams().getListeners())
                .filteredOn(listener -> listener instanceof KafkaStreamsMicrometerListener)
                .hasSize(1);
        // bound once, by that listener: the binder's own older metrics would bind every client's metrics again,
        // each with a kafka-version tag (Micrometer's carry kafka.version), at start and whenever asked to
        assertThat(meters.getMeters())
                .as("meters bound by the binder's KafkaStreamsBinderMetrics")
                .noneMatch(ScoringOnTheBinderTests::boundByTheBinder);
        binderMetrics.bindTo(Set.of(streams()));
        binderMetrics.addMetrics(Set.of(streams()));
        assertThat(meters.getMeters())
                .as("meters bound by the binder's KafkaStreamsBinderMetrics, asked to bind")
                .noneMatch(ScoringOnTheBinderTests::boundByTheBinder);
    }

    /** A meter bound by the binder's {@link KafkaStreamsBinderMetrics}: its tag is {@code kafka-version}. */
    private static boolean boundByTheBinder(Meter meter) {
        return meter.getId().getTag("kafka-version") != null;
    }

    @Test
    void readinessFollowsTheStreams() {
        assertThat(healthGroups.get("readiness").isMember("binders")).isTrue();
        assertThat(healthGroups.get("readiness").isMember("streamsReadiness")).isTrue();
        assertThat(healthGroups.get("liveness").isMember("streamsReadiness")).isFalse();

        await().atMost(PATIENCE)
                .untilAsserted(() -> http.get()
                        .uri("/actuator/health/readiness")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.status")
                        .isEqualTo("UP"));
        assertThat(streams().getKafkaStreams().state().isRunningOrRebalancing()).isTrue();
        // ready means running with every store restored, not merely rebalancing
        assertThat(streamsReadiness.health().getDetails())
                .containsEntry("state", "RUNNING")
                .containsEntry("restoring", 0);
    }

    @Test
    void anOutputBoundAgainAfterARestartAddsNoSecondSink() {
        org.apache.kafka.streams.StreamsBuilder builder = new org.apache.kafka.streams.StreamsBuilder();
        var results = StreamsConfiguration.boundOnce(builder.<String, String>stream("in"));

        results.to("out", org.apache.kafka.streams.kstream.Produced.as("to-out"));
        results.to("out", org.apache.kafka.streams.kstream.Produced.as("to-out"));

        assertThat(builder.build().describe().toString()).containsOnlyOnce("Sink: to-out");
    }

    private StreamsBuilderFactoryBean streams() {
        assertThat(registry.streamsBuilderFactoryBeans()).hasSize(1);
        return registry.streamsBuilderFactoryBeans().get(0);
    }
}
