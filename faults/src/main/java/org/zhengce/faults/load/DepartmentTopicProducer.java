package org.zhengce.faults.load;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;
import org.zhengce.schemas.serde.SerdeConfig;

/**
 * Departments that produce to their own topic {@code dept.<code>.events}: Avro in Confluent's wire format, acks from
 * all replicas, idempotent. An event counts as accepted once the broker acknowledged it; a send that failed (the
 * broker killed) is sent again by a new producer, the same event id, which intake's ledger de-duplicates. Keyed by the
 * household number, or by the event id for a person (never the identity number).
 */
final class DepartmentTopicProducer implements AutoCloseable {

    private final String bootstrapServers;
    private final String registryUrl;
    private @Nullable KafkaProducer<String, DepartmentEvent> producer;

    DepartmentTopicProducer(String bootstrapServers, String registryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
    }

    static String topic(DepartmentEvent event) {
        return "dept." + event.getDepartment().name().toLowerCase(Locale.ROOT).replace('_', '-') + ".events";
    }

    Answer send(DepartmentEvent event) throws InterruptedException {
        String key =
                event.getSubject() instanceof HouseholdNumber household ? household.getValue() : event.getEventId();
        try {
            producer().send(new ProducerRecord<>(topic(event), key, event)).get(45, TimeUnit.SECONDS);
            return Answer.ACCEPTED;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            close();
            return new Answer.Again(cause.getClass().getSimpleName());
        }
    }

    private KafkaProducer<String, DepartmentEvent> producer() {
        if (producer == null) {
            ConfluentAvroSerializer<DepartmentEvent> values = new ConfluentAvroSerializer<>();
            values.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
            producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            ProducerConfig.ACKS_CONFIG, "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                            ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                            ProducerConfig.LINGER_MS_CONFIG, 0),
                    new StringSerializer(),
                    values);
        }
        return producer;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
            producer = null;
        }
    }
}
