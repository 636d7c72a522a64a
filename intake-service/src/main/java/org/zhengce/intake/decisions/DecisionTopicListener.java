package org.zhengce.intake.decisions;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.kafka.annotation.KafkaListener;
import org.zhengce.events.AssistanceDecisionShared;
import org.zhengce.kit.kafka.MalformedRecordException;
import org.zhengce.schemas.registry.SchemaRegistryUnavailableException;
import org.zhengce.schemas.serde.ConfluentAvroDeserializer;

/**
 * Reads every department's decisions topic ({@code decisions.<code>}, written by referral, ADR 0014) into the
 * {@link DecisionLedger}, where the department polls them or its webhook gets them. The topic names the department.
 * A record is committed once its decision is kept; read again (a rebalance, a crash before the commit), it is kept
 * once. The database or the registry unavailable: read again with back-off for as long as it takes
 * ({@link DecisionConfiguration}). A record that is not an {@code AssistanceDecisionShared}: skipped with a warning
 * naming where it is (it stays on its topic for ninety days).
 */
final class DecisionTopicListener {

    /** {@code decisions.<code>}, the code in lower case with dashes. */
    static final String TOPICS = "decisions\\.[a-z0-9-]+";

    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private final DecisionLedger ledger;
    private final ConfluentAvroDeserializer<AssistanceDecisionShared> deserializer;
    private final Clock clock;

    DecisionTopicListener(
            DecisionLedger ledger, ConfluentAvroDeserializer<AssistanceDecisionShared> deserializer, Clock clock) {
        this.ledger = ledger;
        this.deserializer = deserializer;
        this.clock = clock;
    }

    @KafkaListener(
            id = "intake-decisions",
            // intake's one consumer group (deploy's KafkaUser for intake grants it), as for the department topics
            groupId = "${intake.topics.group:intake-service}",
            topicPattern = TOPICS,
            containerFactory = DecisionConfiguration.CONTAINER_FACTORY,
            autoStartup = "${intake.decisions.consume:true}")
    void on(ConsumerRecord<String, byte[]> record) {
        String source = record.topic() + "-" + record.partition() + "@" + record.offset();
        ledger.keep(departmentCode(record.topic()), SharedDecision.of(decode(record, source)), source, clock.instant())
                .block(TIMEOUT);
    }

    private AssistanceDecisionShared decode(ConsumerRecord<String, byte[]> record, String source) {
        AssistanceDecisionShared decision;
        try {
            decision = deserializer.deserialize(record.topic(), record.value());
        } catch (SchemaRegistryUnavailableException unavailable) {
            throw unavailable;
        } catch (SerializationException | AvroRuntimeException | IndexOutOfBoundsException e) {
            throw new MalformedRecordException(source + " is not an AssistanceDecisionShared: " + e.getMessage());
        }
        if (decision == null) {
            throw new MalformedRecordException(source + " has no value (a tombstone)");
        }
        return decision;
    }

    /** {@code decisions.medical-insurance} → {@code MEDICAL_INSURANCE}. */
    static String departmentCode(String topic) {
        return topic.substring("decisions.".length()).replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
