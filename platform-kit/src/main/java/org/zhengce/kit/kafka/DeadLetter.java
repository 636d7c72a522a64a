package org.zhengce.kit.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.support.KafkaHeaders;
import org.zhengce.schemas.identity.IdentityNumbers;

/**
 * A dead letter as an admin sees it in a listing ({@link DeadLetterReplay}): where it is, where it was read from, why
 * it failed. Never its value; every text taken from it (key, reason, exception message, the service's own headers)
 * has its identity numbers masked as it is read, whoever wrote it.
 *
 * @param partition its partition in the dead-letter topic
 * @param offset its offset there (with the partition, what a replay names: {@code from} = {@code to} = offset)
 * @param key the record's key
 * @param timestamp the dead letter's time: when it was dead-lettered (a Kafka Streams lane keeps the record's own)
 * @param sourceTopic where it was read from ({@code kafka_dlt-original-topic}), the topic a replay publishes it to
 * @param sourcePartition its partition there ({@code kafka_dlt-original-partition})
 * @param sourceOffset its offset there ({@code kafka_dlt-original-offset})
 * @param failure the kind of failure ({@value ListenerErrors#FAILURE_HEADER}: {@code permanent}, {@code
 *     transient-exhausted})
 * @param reason the failure in one line ({@value ListenerErrors#REASON_HEADER})
 * @param exceptionClass the exception's class ({@code kafka_dlt-exception-fqcn})
 * @param exceptionMessage the exception's message ({@code kafka_dlt-exception-message})
 * @param details the headers the service writes on its dead letters of its own (scoring's {@code zhengce-dlq-*}: the
 *     kind of fault, the processor that failed), by name
 */
public record DeadLetter(
        int partition,
        long offset,
        @Nullable String key,
        Instant timestamp,
        @Nullable String sourceTopic,
        @Nullable Integer sourcePartition,
        @Nullable Long sourceOffset,
        @Nullable String failure,
        @Nullable String reason,
        @Nullable String exceptionClass,
        @Nullable String exceptionMessage,
        Map<String, String> details) {

    public DeadLetter {
        details = Map.copyOf(details);
    }

    /** {@code record} described, with the headers whose names start with one of {@code ownHeaders} as details. */
    static DeadLetter of(ConsumerRecord<String, byte[]> record, List<String> ownHeaders) {
        Headers headers = record.headers();
        Map<String, String> details = new TreeMap<>();
        for (Header header : headers) {
            if (ownHeaders.stream().anyMatch(header.key()::startsWith) && header.value() != null) {
                details.put(header.key(), masked(new String(header.value(), StandardCharsets.UTF_8)));
            }
        }
        return new DeadLetter(
                record.partition(),
                record.offset(),
                record.key() == null ? null : masked(record.key()),
                Instant.ofEpochMilli(record.timestamp()),
                sourceTopic(headers),
                sourcePartition(headers),
                number(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET),
                text(headers, ListenerErrors.FAILURE_HEADER),
                text(headers, ListenerErrors.REASON_HEADER),
                text(headers, KafkaHeaders.DLT_EXCEPTION_FQCN),
                text(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE),
                details);
    }

    /** The topic the dead letter was read from, as its headers name it. */
    static @Nullable String sourceTopic(Headers headers) {
        Header header = headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Its partition there (a 4-byte int), if its headers name it. */
    static @Nullable Integer sourcePartition(Headers headers) {
        Header header = headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION);
        return header == null || header.value() == null || header.value().length != Integer.BYTES
                ? null
                : ByteBuffer.wrap(header.value()).getInt();
    }

    /** A long header (an offset, a timestamp: 8 bytes), if there is one. */
    static @Nullable Long number(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null || header.value().length != Long.BYTES
                ? null
                : ByteBuffer.wrap(header.value()).getLong();
    }

    private static @Nullable String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? null
                : masked(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static String masked(String text) {
        return IdentityNumbers.maskAllIn(text);
    }
}
