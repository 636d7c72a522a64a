package org.zhengce.intake.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Puts rejected events on {@code dept.events.dlq}: the masked payload as the value, the reasons in headers. The
 * store keeps the sealed original for replay; the topic is for operators' tools and alerting, and like everything
 * else intake writes it carries no identity number in clear.
 */
final class DeadLetterWriter {

    static final String REJECTION_ID = "zhengce-rejection-id";
    static final String DEPARTMENT = "zhengce-department";
    static final String CHANNEL = "zhengce-channel";
    static final String SOURCE = "zhengce-source";
    static final String REASONS = "zhengce-reasons";

    private final KafkaTemplate<String, byte[]> kafka;
    private final String topic;
    private final Duration timeout;

    DeadLetterWriter(KafkaTemplate<String, byte[]> kafka, String topic, Duration timeout) {
        this.kafka = kafka;
        this.topic = topic;
        this.timeout = timeout;
    }

    /** Completes once every dead letter is acknowledged. */
    Mono<Void> send(List<RejectedEvent> rejections, RejectedEventStore store) {
        if (rejections.isEmpty()) {
            return Mono.empty();
        }
        return Flux.fromIterable(rejections)
                .flatMap(r -> Mono.fromFuture(() -> kafka.send(record(r, store.violationsJson(r.violations())))))
                .then()
                .timeout(timeout);
    }

    private ProducerRecord<String, byte[]> record(RejectedEvent rejection, String reasons) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REJECTION_ID, utf8(rejection.id().toString()));
        headers.add(DEPARTMENT, utf8(rejection.department()));
        headers.add(CHANNEL, utf8(rejection.channel().name()));
        headers.add(SOURCE, utf8(rejection.sourceRef()));
        headers.add(REASONS, utf8(reasons));
        String key =
                rejection.department() + ":" + (rejection.eventId() == null ? rejection.id() : rejection.eventId());
        return new ProducerRecord<>(topic, null, key, utf8(rejection.maskedPayload()), headers);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
