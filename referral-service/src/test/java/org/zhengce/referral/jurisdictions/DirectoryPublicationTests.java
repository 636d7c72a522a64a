package org.zhengce.referral.jurisdictions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.zhengce.events.JurisdictionPublished;
import org.zhengce.referral.ReferralStackTest;
import org.zhengce.schemas.serde.ConfluentAvroDeserializer;
import org.zhengce.schemas.serde.SerdeConfig;

/**
 * Referral's directory is the organisation structure the other services read: the demo city is on the compacted
 * topic {@code jurisdictions} once referral has started, and a jurisdiction or supervisor added through the admin API
 * follows on it without a restart.
 */
class DirectoryPublicationTests extends ReferralStackTest {

    private static final String TOPIC = "jurisdictions";

    @Test
    void theDemoCityIsOnTheTopicOnceReferralHasStarted() {
        Map<String, JurisdictionPublished> topic = latestOnTopic();

        assertThat(topic.get("110105001").getSupervisorIds()).containsExactly("supervisor-jianwai");
        assertThat(topic.get("110105002").getSupervisorIds()).containsExactly("supervisor-chaowai");
        assertThat(topic.get("110105").getSupervisorIds()).containsExactly("supervisor-chaoyang");
        assertThat(topic.get("110105001001").getName()).isEqualTo("永安里社区");
        assertThat(topic.get("110105002003").getParentCode()).isEqualTo("110105002");
    }

    @Test
    void aStreetAndSupervisorAddedInTheDirectoryArePublishedWithoutRestart() {
        String admin = admin();
        for (Map<String, String> jurisdiction : java.util.List.of(
                Map.of("code", "110105009", "name", "新街道"), Map.of("code", "110105009001", "name", "新社区"))) {
            http.post()
                    .uri("/admin/jurisdictions")
                    .headers(h -> h.setBearerAuth(admin))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(jurisdiction)
                    .exchange()
                    .expectStatus()
                    .isCreated();
        }
        http.post()
                .uri("/admin/supervisors")
                .headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", "supervisor-xin", "name", "新督导", "jurisdictionCode", "110105009"))
                .exchange()
                .expectStatus()
                .isCreated();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, JurisdictionPublished> topic = latestOnTopic();
            assertThat(topic.get("110105009")).isNotNull();
            assertThat(topic.get("110105009").getSupervisorIds()).containsExactly("supervisor-xin");
            assertThat(topic.get("110105009001")).isNotNull();
            assertThat(topic.get("110105009001").getLevel()).isEqualTo(org.zhengce.events.JurisdictionLevel.COMMUNITY);
        });
    }

    /** The topic's latest record per code (a tombstone removes the code). */
    private static Map<String, JurisdictionPublished> latestOnTopic() {
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl());
        config.put(SerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, JurisdictionPublished.class.getName());
        ConfluentAvroDeserializer<JurisdictionPublished> deserializer = new ConfluentAvroDeserializer<>();
        deserializer.configure(config, false);
        Map<String, JurisdictionPublished> latest = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : readAll(TOPIC)) {
            @Nullable
            JurisdictionPublished value =
                    record.value() == null ? null : deserializer.deserialize(TOPIC, record.value());
            if (value == null) {
                latest.remove(record.key());
            } else {
                latest.put(record.key(), value);
            }
        }
        return latest;
    }
}
