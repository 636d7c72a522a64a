package org.zhengce.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhengce.embedded.KafkaClients.admin;
import static org.zhengce.embedded.KafkaClients.createTopic;
import static org.zhengce.embedded.KafkaClients.readValues;
import static org.zhengce.embedded.KafkaClients.send;

import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaRestartTest {

    @TempDir
    Path dataDirectory;

    @Test
    void restartOnSameDirectoryKeepsTopicsAndRecords() throws Exception {
        String clusterId;
        String firstAddress;
        try (EmbeddedKafka first =
                EmbeddedKafka.builder().dataDirectory(dataDirectory).start()) {
            clusterId = first.clusterId();
            firstAddress = first.bootstrapServers();
            createTopic(first, new NewTopic("household.events", 2, (short) 1));
            send(first, "household.events", List.of("registered", "member-joined"));
        }

        int otherPort = FreePorts.reserve();
        try (EmbeddedKafka second = EmbeddedKafka.builder()
                        .dataDirectory(dataDirectory)
                        .port(otherPort)
                        .start();
                Admin admin = admin(second)) {
            assertThat(second.bootstrapServers())
                    .isEqualTo("localhost:" + otherPort)
                    .isNotEqualTo(firstAddress);
            assertThat(second.clusterId()).isEqualTo(clusterId);
            assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
            assertThat(admin.listTopics().names().get()).contains("household.events");
            assertThat(readValues(second, "household.events", "after-restart", 2))
                    .containsExactly("registered", "member-joined");
        }
        assertThat(dataDirectory).isDirectory();
    }
}
