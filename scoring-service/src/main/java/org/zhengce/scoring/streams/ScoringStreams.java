package org.zhengce.scoring.streams;

import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.stream.binder.kafka.streams.KafkaStreamsRegistry;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The scoring topology's {@link KafkaStreams} as the Kafka Streams binder runs it now (the binder makes a new one
 * each time the binding starts again), for reads of its stores without retries and for the instances' metadata. The
 * API's household reads go through the binder's {@code InteractiveQueryService}, which retries.
 */
public final class ScoringStreams {

    private final KafkaStreamsRegistry registry;

    ScoringStreams(KafkaStreamsRegistry registry) {
        this.registry = registry;
    }

    /** The streams running now; {@link InvalidStateStoreException} while they have not started or have stopped. */
    public KafkaStreams running() {
        KafkaStreams streams = factory().getKafkaStreams();
        if (streams == null) {
            throw new InvalidStateStoreException("scoring's streams have not started");
        }
        return streams;
    }

    /** The state of the streams running now; null while none has started. */
    public KafkaStreams.@Nullable State state() {
        return registry.streamsBuilderFactoryBeans().stream()
                .findFirst()
                .map(StreamsBuilderFactoryBean::getKafkaStreams)
                .map(KafkaStreams::state)
                .orElse(null);
    }

    /** A store of the running streams, at once; {@link InvalidStateStoreException} while it cannot be read. */
    public <T> T store(String name, QueryableStoreType<T> type) {
        return running().store(StoreQueryParameters.fromNameAndType(name, type));
    }

    /** This instance's {@code application.server}, or null when none is set (a single instance). */
    public @Nullable HostInfo self() {
        Properties configuration = factory().getStreamsConfiguration();
        String server =
                configuration == null ? null : configuration.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG);
        return server == null || server.isBlank() ? null : HostInfo.buildFromEndpoint(server);
    }

    private StreamsBuilderFactoryBean factory() {
        return registry.streamsBuilderFactoryBeans().stream()
                .findFirst()
                .orElseThrow(() -> new InvalidStateStoreException("scoring's streams have not started"));
    }
}
