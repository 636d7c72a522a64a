package org.zhengce.embedded;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Small client helpers for the broker tests: string keys and values, fixed client ids. */
final class KafkaClients {

    private KafkaClients() {}

    static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    static void createTopic(EmbeddedKafka kafka, NewTopic topic) throws ExecutionException, InterruptedException {
        try (Admin admin = admin(kafka)) {
            admin.createTopics(List.of(topic)).all().get();
        }
    }

    static KafkaProducer<String, String> producer(EmbeddedKafka kafka, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
        config.putAll(extra);
        return new KafkaProducer<>(config);
    }

    static void send(EmbeddedKafka kafka, String topic, List<String> values)
            throws ExecutionException, InterruptedException {
        try (KafkaProducer<String, String> producer = producer(kafka, Map.of())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, "household-1", value)).get();
            }
        }
    }

    static KafkaConsumer<String, String> consumer(EmbeddedKafka kafka, String group, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        config.putAll(extra);
        return new KafkaConsumer<>(config);
    }

    /** Reads the topic from the start until {@code expected} values arrived; returns them in order. */
    static List<String> readValues(EmbeddedKafka kafka, String topic, String group, int expected) {
        return readValues(kafka, topic, group, expected, Map.of());
    }

    static List<String> readValues(
            EmbeddedKafka kafka, String topic, String group, int expected, Map<String, Object> extra) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(kafka, group, extra)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.size() >= expected;
            });
        }
        return values;
    }
}
