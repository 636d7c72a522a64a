package org.zhengce.intake.topics;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.RecordBatch;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.SendResult;
import org.zhengce.intake.pipeline.IntakePipeline;
import org.zhengce.kit.kafka.ListenerErrors;

/**
 * Where the kit's {@link ListenerErrors} sends a department topic's record it gave up on. A department's record names
 * persons by their identity number, so it never goes to {@code dept.events.dlq} as it is (nothing intake writes holds
 * one in clear): the pipeline keeps it sealed as a rejection ({@code pipeline.processable}, the failure masked) and
 * puts its masked dead letter on {@code dept.events.dlq} with the rejection's id, from where it is replayed after the
 * fix. The letter the handler built (the record's key, value and headers, the failure) is read, never sent.
 */
final class SealedDeadLetters extends KafkaTemplate<String, byte[]> {

    private final IntakePipeline pipeline;

    SealedDeadLetters(KafkaTemplate<String, byte[]> kafka, IntakePipeline pipeline) {
        super(kafka.getProducerFactory());
        this.pipeline = pipeline;
    }

    @Override
    public CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> letter) {
        String topic = text(letter, KafkaHeaders.DLT_ORIGINAL_TOPIC);
        byte[] partition = bytes(letter, KafkaHeaders.DLT_ORIGINAL_PARTITION);
        byte[] offset = bytes(letter, KafkaHeaders.DLT_ORIGINAL_OFFSET);
        String source = topic + "-"
                + (partition == null ? "?" : ByteBuffer.wrap(partition).getInt()) + "@"
                + (offset == null ? "?" : ByteBuffer.wrap(offset).getLong());
        String failure =
                text(letter, ListenerErrors.FAILURE_HEADER) + ": " + text(letter, ListenerErrors.REASON_HEADER);
        byte[] value = letter.value() == null ? new byte[0] : letter.value();
        return pipeline.keepUnprocessed(DepartmentTopicListener.departmentCode(topic), source, value, failure)
                .map(rejectionId -> new SendResult<>(
                        letter,
                        new RecordMetadata(
                                new TopicPartition(letter.topic(), -1), -1, 0, RecordBatch.NO_TIMESTAMP, -1, -1)))
                .toFuture();
    }

    private static @Nullable byte[] bytes(ProducerRecord<String, byte[]> letter, String name) {
        Header header = letter.headers().lastHeader(name);
        return header == null ? null : header.value();
    }

    private static String text(ProducerRecord<String, byte[]> letter, String name) {
        byte[] value = bytes(letter, name);
        return value == null ? "" : new String(value, StandardCharsets.UTF_8);
    }
}
