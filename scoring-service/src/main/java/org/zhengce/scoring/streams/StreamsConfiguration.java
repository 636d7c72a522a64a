package org.zhengce.scoring.streams;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.KStream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.streams.KafkaStreamsBinderMetrics;
import org.springframework.cloud.stream.binder.kafka.streams.KafkaStreamsRegistry;
import org.springframework.cloud.stream.binder.kafka.streams.properties.KafkaStreamsExtendedBindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.ScoringModelPublished;
import org.zhengce.schemas.catalogue.Topic;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.schemas.serde.ConfluentAvroSerde;
import org.zhengce.schemas.serde.SerdeConfig;
import org.zhengce.scoring.model.ScoringModel;

/**
 * Runs the topology on Spring Cloud Stream's Kafka Streams binder (ADR 0020): {@link #scoreHouseholds} is {@link
 * ScoringTopology#apply}, bound in {@code scoring-service.yml} (destinations from the topic catalogue, checked at
 * start-up by {@link ScoringBindings}, serdes per binding); exactly-once v2, the state directory and {@code
 * application.server} from {@code spring.kafka.streams.*}, which the binder reads; the stores, the stream threads and
 * standby replicas ({@code scoring.streams.*}) and the stream threads' fate set on the binder's factory bean. Records
 * that cannot be read go to {@code household.events.dlq} by the binder's dead-letter lane, classified by {@link
 * UnreadableRecords} (read again by a new stream thread when the failure was transient); records a processor fails
 * on go to {@code household.events.processing.dlq} ({@link ProcessingFailures}, {@link ProcessingDeadLetterGate}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScoringSettings.class)
class StreamsConfiguration {

    static final String HOUSEHOLD_EVENTS = "household.events";

    /** The processing dead-letter lane, named (the catalogue's first lane of household.events is the other one). */
    static final String PROCESSING_DEAD_LETTERS = "household.events.processing.dlq";

    @Bean
    ScoringTopology.Config scoringTopologyConfig(
            KafkaProperties kafka, ScoringSettings settings, io.micrometer.core.instrument.MeterRegistry meters) {
        TopicCatalogue catalogue = TopicCatalogue.load();
        Topic events = catalogue.topic(HOUSEHOLD_EVENTS);
        Map<String, Object> serde = new HashMap<>(kafka.getProperties());
        serde.put(SerdeConfig.SPECIFIC_AVRO_READER, "true");
        return new ScoringTopology.Config(
                events.name(),
                catalogue.topic("household.scores").name(),
                catalogue.topic("household.warnings").name(),
                catalogue.topic("scoring.models").name(),
                catalogue.deadLetterTopicOf(events.name()).orElseThrow().name(),
                events.partitions(),
                serde(serde, HouseholdEvent.class),
                serde(serde, SpecificRecord.class),
                serde(serde, ScoringModelPublished.class),
                ScoringModel.defaultModel(),
                settings.tick(),
                settings.rescoreSlice(),
                kind -> deadLetterCounter(meters, kind).increment(),
                settings.warnings().hysteresisPoints(),
                catalogue.topic(PROCESSING_DEAD_LETTERS).name(),
                reason -> processingDeadLetterCounter(meters, reason).increment(),
                settings.keeping());
    }

    /**
     * The active and shadow models, held compiled: told of every change to the published models by the global store's
     * updater ({@link ScoringTopology#addStores}), read by every task's scorer.
     */
    @Bean
    ModelSelection scoringModelSelection(ScoringTopology.Config config) {
        return new ModelSelection(config.fallbackModel());
    }

    /**
     * The topology, as the binder binds it: the household events in ({@code scoreHouseholds-in-0}), score changes
     * ({@code -out-0}) and warning events ({@code -out-1}) out. The published models are not a binding: the topology
     * reads them into a global store of its own ({@link #scoringStreamsFactory}), whose updater tells the selection of
     * each change (ADR 0019, 0020).
     */
    @Bean
    Function<KStream<String, HouseholdEvent>, KStream<String, SpecificRecord>[]> scoreHouseholds(
            ScoringTopology.Config config, ModelSelection models) {
        return events -> {
            KStream<String, SpecificRecord>[] results = ScoringTopology.apply(events, models, config);
            for (int i = 0; i < results.length; i++) {
                results[i] = boundOnce(results[i]);
            }
            return results;
        };
    }

    /**
     * {@code stream}, whose first {@code to(...)} adds its sink and any later one nothing. The binder binds an output
     * again each time the bindings start after a stop (a lifecycle restart, a test context resumed) and calls {@code
     * to(...)} on the same builder again, which would add a second sink named as the first: Kafka Streams refuses
     * the topology ("Processor to-scores is already added") and the streams do not start again (ADR 0020).
     */
    @SuppressWarnings("unchecked")
    static <K, V> KStream<K, V> boundOnce(KStream<K, V> stream) {
        AtomicBoolean bound = new AtomicBoolean();
        return (KStream<K, V>) Proxy.newProxyInstance(
                KStream.class.getClassLoader(), new Class<?>[] {KStream.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("to") && !bound.compareAndSet(false, true)) {
                        // the sink is in the topology already
                        return null;
                    }
                    try {
                        return method.invoke(stream, arguments);
                    } catch (InvocationTargetException failed) {
                        throw failed.getCause();
                    }
                });
    }

    /** The bindings checked against the catalogue before the binder binds them (a wrong one stops the start-up). */
    @Bean
    ScoringBindings scoringBindings(
            BindingServiceProperties bindings,
            KafkaStreamsExtendedBindingProperties streamsBindings,
            ScoringTopology.Config config) {
        ScoringBindings checked = new ScoringBindings(bindings, streamsBindings);
        checked.verify(config);
        return checked;
    }

    /**
     * What the binder's configuration cannot say, set on its streams factory before the topology is built: the
     * topology's stores and the published models' global store (the binder's builder gets them before it is built), the stream threads and
     * standby replicas, the dead-letter counter of {@link UnreadableRecords}, and the stream threads' fate: one that
     * died of a transient failure is replaced (the binder's own choice is to shut the client down on any failure); the
     * restores that keep the service unready ({@link StreamsReadiness}); and a close at shutdown that may take {@link
     * #CLOSE_TIMEOUT} to commit what it processed (exactly-once: the open transaction) and leave the group.
     */
    @Bean
    StreamsBuilderFactoryBeanConfigurer scoringStreamsFactory(
            ScoringTopology.Config config,
            ModelSelection models,
            ScoringSettings settings,
            StreamsReadiness readiness,
            io.micrometer.core.instrument.MeterRegistry meters) {
        io.micrometer.core.instrument.Counter unreadable = deadLetterCounter(meters, "unreadable");
        return factory -> {
            factory.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
                @Override
                public void configureBuilder(StreamsBuilder builder) {
                    ScoringTopology.addStores(builder, config, models);
                }
            });
            // the factory hands out a copy of its configuration: what is changed must be set back
            var properties = Objects.requireNonNull(factory.getStreamsConfiguration());
            properties.put(
                    StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streams().threads());
            properties.put(
                    StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG,
                    settings.streams().standbyReplicas());
            properties.put(
                    UnreadableRecords.COUNTER, (ScoringTopology.DeadLetterCounter) kind -> unreadable.increment());
            // the binder names its own handler under the deprecated key; ours is under the current one, which Kafka
            // prefers: the deprecated entry only made Kafka warn that it ignores it
            properties.remove(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG);
            factory.setStreamsConfiguration(properties);
            // set after the binder's handler, when the streams are made
            factory.setKafkaStreamsCustomizer(streams ->
                    streams.setUncaughtExceptionHandler(UnreadableRecords::replacingThreadsOnTransientFailures));
            factory.setStateRestoreListener(readiness.restores());
            factory.setCloseTimeout((int) CLOSE_TIMEOUT.toSeconds());
            factory.setLeaveGroupOnClose(true);
        };
    }

    /**
     * How long the streams may take to close at shutdown (commit, flush the stores, leave the group): within
     * {@code spring.lifecycle.timeout-per-shutdown-phase} (30s) and Kubernetes' grace period.
     */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(25);

    /** Ready only when the streams run and no store is restoring (the readiness group's {@code streamsReadiness}). */
    @Bean
    StreamsReadiness streamsReadiness(ObjectProvider<ScoringStreams> streams) {
        return new StreamsReadiness(() -> streams.getObject().state());
    }

    /**
     * The streams' Kafka metrics bound once. The binder binds every client's metrics (the stream threads', the
     * global consumer's, the producers') with Micrometer's {@code KafkaStreamsMetrics} through its {@link
     * org.springframework.kafka.streams.KafkaStreamsMicrometerListener}, and then again, under the same names, with
     * its own older {@link KafkaStreamsBinderMetrics}: each meter was bound twice and polled by two schedulers, and
     * Micrometer warned at every start that a gauge "has been already registered". This one, in the binder's place,
     * binds nothing.
     */
    @Bean
    KafkaStreamsBinderMetrics kafkaStreamsBinderMetrics(io.micrometer.core.instrument.MeterRegistry meters) {
        return new KafkaStreamsBinderMetrics(meters) {
            @Override
            public void bindTo(Set<StreamsBuilderFactoryBean> factories) {}

            @Override
            public void addMetrics(Set<StreamsBuilderFactoryBean> factories) {}
        };
    }

    /** The streams the binder runs now, for reads of their stores and metadata. */
    @Bean
    ScoringStreams scoringStreams(KafkaStreamsRegistry registry) {
        return new ScoringStreams(registry);
    }

    /** {@code scoring.records.dead-lettered{reason}}: records sent to the processing dead letters, by kind of fault. */
    static io.micrometer.core.instrument.Counter processingDeadLetterCounter(
            io.micrometer.core.instrument.MeterRegistry meters, String reason) {
        return counter(
                meters,
                "scoring.records.dead-lettered",
                "Records a processor failed on, sent to household.events.processing.dlq, by kind of fault",
                "reason",
                reason);
    }

    /** {@code scoring.dead.letters{kind}}: unreadable or unsound records sent to {@code household.events.dlq}. */
    static io.micrometer.core.instrument.Counter deadLetterCounter(
            io.micrometer.core.instrument.MeterRegistry meters, String kind) {
        return counter(
                meters,
                "scoring.dead.letters",
                "Household events sent to household.events.dlq, by kind of fault",
                "kind",
                kind);
    }

    private static io.micrometer.core.instrument.Counter counter(
            io.micrometer.core.instrument.MeterRegistry meters,
            String name,
            String description,
            String tag,
            String value) {
        return io.micrometer.core.instrument.Counter.builder(name)
                .description(description)
                .tag(tag, value)
                .register(meters);
    }

    private static <T> ConfluentAvroSerde<T> serde(Map<String, Object> config, Class<T> type) {
        ConfluentAvroSerde<T> serde = new ConfluentAvroSerde<>();
        Map<String, Object> own = new HashMap<>(config);
        if (type != SpecificRecord.class) {
            own.put(SerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, type.getName());
        }
        serde.configure(own, false);
        return serde;
    }
}
