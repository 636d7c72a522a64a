package org.zhengce.registry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhengce.embedded.EmbeddedKafka;
import org.zhengce.registry.store.RegistryEvent.SchemaVersionSaved;

/**
 * The Kafka store across a restart of its broker (same port, same log), as the fault suite restarts it: the reader
 * keeps following its topic and writes succeed again once the broker is back.
 */
class BrokerRestartTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void theStoreFollowsItsTopicAgainOnceTheBrokerIsBack(@TempDir Path data) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedKafka broker =
                EmbeddedKafka.builder().port(port).dataDirectory(data).start();
        try (KafkaRegistryStore store =
                KafkaRegistryStore.start(broker.bootstrapServers(), "_schemas_restarted_broker", TIMEOUT)) {
            store.append(List.of(saved("before-value", 1)));
            broker.close();
            broker = EmbeddedKafka.builder().port(port).dataDirectory(data).start();

            store.append(List.of(saved("after-value", 2)));

            assertThat(store.following()).isTrue();
            assertThat(store.state().subjects()).containsExactly("after-value", "before-value");
            assertThat(store.state().maxId()).isEqualTo(2);
        } finally {
            broker.close();
        }
    }

    private static SchemaVersionSaved saved(String subject, int id) {
        return new SchemaVersionSaved(new SchemaVersion(
                subject, 1, id, "{\"type\":\"record\",\"name\":\"R" + id + "\",\"fields\":[]}", false, null, null));
    }
}
