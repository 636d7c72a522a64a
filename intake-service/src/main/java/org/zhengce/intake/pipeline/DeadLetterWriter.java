package org.zhengce.intake.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.unit.DataSize;
import org.zhengce.kit.failures.Failures;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts rejected events on {@code dept.events.dlq}: the masked payload as the value, the reasons in headers. The
 * store keeps the sealed original for replay; the topic is for operators' tools and alerting, and like everything
 * else intake writes it carries no identity number in clear.
 *
 * <p>A dead letter never fails for ever: one larger than {@code maxSize} (value and headers; an 800 KB payload with
 * its reasons would pass the producer's 1 MB limit) carries, instead of the payload, a JSON reference to the sealed
 * original in the rejected-event store (its rejection id), the payload's size and its first characters, with header
 * {@value #PAYLOAD} {@code truncated}; a letter Kafka still refuses for good (too large, not writable) is sent again
 * as the bare reference, and if that too is refused it is logged and left to the store, which holds the rejection.
 * A transient failure (Kafka unavailable) fails the batch, which the department or the topic listener retries.
 */
final class DeadLetterWriter {

    static final String REJECTION_ID = "zhengce-rejection-id";
    static final String DEPARTMENT = "zhengce-department";
    static final String CHANNEL = "zhengce-channel";
    static final String SOURCE = "zhengce-source";
    static final String REASONS = "zhengce-reasons";
    static final String PAYLOAD = "zhengce-payload";
    static final String PAYLOAD_BYTES = "zhengce-payload-bytes";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DeadLetterWriter.class);
    /** How much of a truncated payload a reference letter keeps, in characters. */
    private static final int HEAD = 4_096;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaTemplate<String, byte[]> kafka;
    private final String topic;
    private final Duration timeout;
    private final DataSize maxSize;

    DeadLetterWriter(KafkaTemplate<String, byte[]> kafka, String topic, Duration timeout, DataSize maxSize) {
        this.kafka = kafka;
        this.topic = topic;
        this.timeout = timeout;
        this.maxSize = maxSize;
    }

    /** Completes once every dead letter is acknowledged. */
    Mono<Void> send(List<RejectedEvent> rejections, RejectedEventStore store) {
        if (rejections.isEmpty()) {
            return Mono.empty();
        }
        return Flux.fromIterable(rejections)
                .flatMap(r -> send(r, store.violationsJson(r.violations())))
                .then()
                .timeout(timeout);
    }

    private Mono<Void> send(RejectedEvent rejection, String reasons) {
        return Mono.fromFuture(() -> kafka.send(record(rejection, reasons, false)))
                .then()
                .onErrorResume(Failures::isPermanent, refused -> {
                    log.warn(
                            "dead letter of rejection {} refused ({}); sending the bare reference",
                            rejection.id(),
                            Failures.reason(refused));
                    return Mono.fromFuture(() -> kafka.send(record(rejection, reasons, true)))
                            .then()
                            .onErrorResume(Failures::isPermanent, again -> {
                                log.error(
                                        "dead letter of rejection {} refused again ({}); it is kept in the"
                                                + " rejected-event store only",
                                        rejection.id(),
                                        Failures.reason(again));
                                return Mono.empty();
                            });
                });
    }

    /** The letter as it is when it fits in {@code maxSize}, else (or when {@code bare}) a reference to the store. */
    ProducerRecord<String, byte[]> record(RejectedEvent rejection, String reasons, boolean bare) {
        byte[] payload = utf8(rejection.maskedPayload());
        RecordHeaders headers = new RecordHeaders();
        headers.add(REJECTION_ID, utf8(rejection.id().toString()));
        headers.add(DEPARTMENT, utf8(rejection.department()));
        headers.add(CHANNEL, utf8(rejection.channel().name()));
        headers.add(SOURCE, utf8(head(rejection.sourceRef(), HEAD)));
        long limit = maxSize.toBytes();
        byte[] reasonBytes = utf8(reasons);
        // the reasons may quote large offending values: at most a quarter of the letter
        headers.add(REASONS, reasonBytes.length <= limit / 4 ? reasonBytes : utf8(head(reasons, (int) (limit / 16))));
        String key =
                rejection.department() + ":" + (rejection.eventId() == null ? rejection.id() : rejection.eventId());
        long size = payload.length + key.length() * 4L;
        for (org.apache.kafka.common.header.Header header : headers) {
            size += header.key().length() + header.value().length;
        }
        if (!bare && size <= limit) {
            return new ProducerRecord<>(topic, null, key, payload, headers);
        }
        headers.add(PAYLOAD, utf8("truncated"));
        headers.add(PAYLOAD_BYTES, utf8(Integer.toString(payload.length)));
        Map<String, Object> reference = new LinkedHashMap<>();
        reference.put("truncated", true);
        reference.put("rejectionId", rejection.id().toString());
        reference.put("payloadBytes", payload.length);
        reference.put("original", "sealed in the rejected-event store: GET /admin/rejected-events/" + rejection.id());
        if (!bare) {
            reference.put("head", head(rejection.maskedPayload(), HEAD));
        }
        return new ProducerRecord<>(topic, null, key, JSON.writeValueAsBytes(reference), headers);
    }

    /** The first {@code chars} characters of {@code text}, a surrogate pair never cut. */
    private static String head(String text, int chars) {
        if (text.length() <= chars) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(chars - 1)) ? chars - 1 : chars;
        return text.substring(0, end) + "…";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
