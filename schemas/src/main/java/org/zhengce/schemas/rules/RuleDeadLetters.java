package org.zhengce.schemas.rules;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code DLQ} action: the value a rule refused goes to the topic in the rule's {@code dlq.topic} parameter, with the
 * record's own headers and Confluent's {@code __rule.name}, {@code __rule.mode}, {@code __rule.subject}, {@code
 * __rule.topic} and {@code __rule.exception} headers. Sent with the producer given in the serde's config under {@link
 * DomainRules#DLQ_PRODUCER}, else with one made from the serde's config ({@code bootstrap.servers} and the rest, byte
 * arrays, {@code acks=all}) on first use and closed with the serde. Sending is asynchronous, as Confluent's; a failed
 * send is logged.
 */
final class RuleDeadLetters implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RuleDeadLetters.class);

    static final String DLQ_TOPIC = "dlq.topic";
    static final String HEADER_PREFIX = "__rule.";

    private final Map<String, ?> configs;
    private final @Nullable Producer<byte[], byte[]> given;
    private volatile @Nullable Producer<byte[], byte[]> made;

    @SuppressWarnings("unchecked")
    RuleDeadLetters(Map<String, ?> configs) {
        this.configs = Map.copyOf(configs);
        Object producer = configs.get(DomainRules.DLQ_PRODUCER);
        if (producer != null && !(producer instanceof Producer<?, ?>)) {
            throw new org.apache.kafka.common.config.ConfigException(
                    DomainRules.DLQ_PRODUCER, producer.getClass().getName(), "must be a Producer<byte[], byte[]>");
        }
        this.given = (Producer<byte[], byte[]>) producer;
    }

    /** Sends {@code value} to the rule's dead-letter topic; fails when the rule names none. */
    void send(
            @Nullable String dlqTopic,
            byte @Nullable [] value,
            @Nullable Headers recordHeaders,
            DomainRules.Context context,
            String ruleName,
            @Nullable String failure) {
        if (dlqTopic == null || dlqTopic.isBlank()) {
            throw new IllegalStateException("the rule names no " + DLQ_TOPIC + " parameter");
        }
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(dlqTopic, null, null, value);
        if (recordHeaders != null) {
            for (Header header : recordHeaders) {
                record.headers().add(header);
            }
        }
        record.headers()
                .add(HEADER_PREFIX + "name", utf8(ruleName))
                .add(HEADER_PREFIX + "mode", utf8(context.mode()))
                .add(HEADER_PREFIX + "subject", utf8(context.subject()))
                .add(HEADER_PREFIX + "topic", utf8(context.topic()));
        if (failure != null) {
            record.headers().add(HEADER_PREFIX + "exception", utf8(failure));
        }
        producer().send(record, (metadata, exception) -> {
            if (exception != null) {
                log.error(
                        "rule {} could not dead-letter a record of {} to {}",
                        ruleName,
                        context.topic(),
                        dlqTopic,
                        exception);
            }
        });
    }

    private Producer<byte[], byte[]> producer() {
        Producer<byte[], byte[]> producer = given != null ? given : made;
        if (producer != null) {
            return producer;
        }
        synchronized (this) {
            if (made == null) {
                if (configs.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
                    throw new IllegalStateException("no " + DomainRules.DLQ_PRODUCER + " and no "
                            + ProducerConfig.BOOTSTRAP_SERVERS_CONFIG + " in the serde's config to make one");
                }
                Map<String, Object> settings = new HashMap<>(configs);
                settings.remove(DomainRules.DLQ_PRODUCER);
                settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
                settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
                settings.put(ProducerConfig.ACKS_CONFIG, "all");
                made = new KafkaProducer<>(settings);
            }
            return made;
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        Producer<byte[], byte[]> producer = made;
        if (producer != null) {
            producer.close();
        }
    }
}
