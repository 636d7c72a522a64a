package org.zhengce.intake.communities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.zhengce.embedded.EmbeddedKafka;
import org.zhengce.events.JurisdictionLevel;
import org.zhengce.events.JurisdictionPublished;
import org.zhengce.kit.failures.Failures;
import org.zhengce.kit.jurisdictions.DirectoryNotReadException;
import org.zhengce.kit.jurisdictions.JurisdictionFeed;
import org.zhengce.kit.kafka.TopicBinding;
import org.zhengce.kit.kafka.TopicBindings;
import org.zhengce.registry.EmbeddedSchemaRegistry;
import org.zhengce.schemas.catalogue.TopicCatalogue;

/**
 * The reader of referral's directory on its own: before the topic is read no community is refused for being unknown
 * (the answer is "send it again"), and a topic referral creates only after intake started (the launcher starts intake
 * first) is read as empty at once and followed once it exists.
 */
class JurisdictionFeedTest {

    private static final String TOPIC = "jurisdictions";

    @Test
    void aDirectoryNotReadYetIsATransientFailureNotAnUnknownCommunity() {
        JurisdictionFeed feed = new JurisdictionFeed(binding("http://localhost:1"), Map.of(), Duration.ofSeconds(1));

        assertThatThrownBy(() -> feed.hasCommunity("110105001001"))
                .isInstanceOf(DirectoryNotReadException.class)
                .satisfies(failure -> assertThat(Failures.isTransient(failure)).isTrue())
                .hasMessageContaining(TOPIC);
    }

    @Test
    void aTopicCreatedAfterIntakeStartedIsFollowedOnceItExists() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().start();
                EmbeddedSchemaRegistry registry =
                        EmbeddedSchemaRegistry.startAllowingAnonymousWrites(kafka.bootstrapServers(), 0)) {
            TopicBinding<String, JurisdictionPublished> binding = binding(registry.url());
            JurisdictionFeed feed = new JurisdictionFeed(
                    binding,
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            kafka.bootstrapServers(),
                            ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                            false,
                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                            "earliest"),
                    Duration.ofSeconds(60));
            feed.start();
            try {
                // nothing to read: ready at once, every community 'not read yet' (transient), none unknown
                assertThatThrownBy(() -> feed.hasCommunity("110105001001"))
                        .isInstanceOf(DirectoryNotReadException.class);

                try (Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                    admin.createTopics(
                                    List.of(TopicCatalogue.load().topic(TOPIC).newTopic()))
                            .all()
                            .get();
                }
                kafka.awaitPartitionLeaders(List.of(TOPIC), Duration.ofSeconds(30));
                JurisdictionPublished community = JurisdictionPublished.newBuilder()
                        .setCode("110105001001")
                        .setName("永安里社区")
                        .setLevel(JurisdictionLevel.COMMUNITY)
                        .setParentCode("110105001")
                        .setSupervisorIds(List.of())
                        .build();
                try (KafkaProducer<String, JurisdictionPublished> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                        new StringSerializer(),
                        binding.valueSerde().serializer())) {
                    producer.send(new ProducerRecord<>(TOPIC, community.getCode(), community))
                            .get();
                }

                await().atMost(Duration.ofSeconds(60))
                        .ignoreException(DirectoryNotReadException.class)
                        .until(() -> feed.hasCommunity("110105001001"));
                assertThat(feed.hasCommunity("110105001002"))
                        .as("not in the directory")
                        .isFalse();
            } finally {
                feed.stop();
            }
        }
    }

    private static TopicBinding<String, JurisdictionPublished> binding(String registryUrl) {
        return new TopicBindings(TopicCatalogue.load(), Map.of("schema.registry.url", registryUrl))
                .avro(TOPIC, JurisdictionPublished.class);
    }
}
