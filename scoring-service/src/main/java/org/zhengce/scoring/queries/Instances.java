package org.zhengce.scoring.queries;

import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.stream.binder.kafka.streams.InteractiveQueryService;
import org.zhengce.scoring.streams.ScoringStreams;

/**
 * Where the stores' keys live: this instance (its {@code application.server}) or another instance of the same
 * application, from the Kafka Streams binder's {@link InteractiveQueryService} and the streams it runs. Throws {@link
 * InvalidStateStoreException} while that is not known (starting, rebalancing).
 */
class Instances {

    private static final StringSerializer KEYS = new StringSerializer();

    private final InteractiveQueryService queries;
    private final ScoringStreams streams;

    Instances(InteractiveQueryService queries, ScoringStreams streams) {
        this.queries = queries;
        this.streams = streams;
    }

    /** The instance holding {@code key} of {@code store}, or null when it is this one. */
    @Nullable
    HostInfo ownerOf(String store, String key) {
        HostInfo self = self();
        if (self == null) {
            // a single instance without application.server: every key is here
            return null;
        }
        HostInfo owner;
        try {
            owner = queries.getHostInfo(store, key, KEYS);
        } catch (IllegalStateException | IllegalArgumentException notKnown) {
            throw LocalStores.unavailable(store, notKnown);
        }
        if (owner == null || owner.equals(HostInfo.unavailable())) {
            throw new InvalidStateStoreException("the instance holding " + key + " of " + store + " is not known yet");
        }
        return owner.equals(self) ? null : owner;
    }

    /** Every other instance holding a part of {@code store}. */
    List<HostInfo> others(String store) {
        KafkaStreams running = streams.running();
        HostInfo self = self();
        try {
            return running.metadataForAllStreamsClients().stream()
                    .filter(instance -> instance.stateStoreNames().contains(store))
                    .map(instance -> instance.hostInfo())
                    .filter(host -> !host.equals(self) && !host.equals(HostInfo.unavailable()))
                    .distinct()
                    .toList();
        } catch (IllegalStateException notRunning) {
            throw LocalStores.unavailable(store, notRunning);
        }
    }

    /** This instance's {@code application.server}, if set. */
    @Nullable
    HostInfo self() {
        return streams.self();
    }

    static String describe(HostInfo host) {
        return Objects.requireNonNull(host.host()) + ":" + host.port();
    }
}
