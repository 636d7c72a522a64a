package org.zhengce.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

/** A dead letter as an admin sees it: where it came from and why, from its headers, identity numbers masked. */
class DeadLetterTests {

    private static final String IDENTITY_NUMBER = "11010519491231002X";
    private static final Instant DEAD_LETTERED = Instant.parse("2026-12-07T09:30:00Z");

    @Test
    void aDeadLetterIsDescribedFromItsHeadersWithItsIdentityNumbersMaskedAndWithoutItsValue() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8("household.warnings"));
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_PARTITION,
                ByteBuffer.allocate(Integer.BYTES).putInt(4).array());
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_OFFSET,
                ByteBuffer.allocate(Long.BYTES).putLong(41L).array());
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8("java.lang.IllegalStateException"));
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8("no household for " + IDENTITY_NUMBER));
        headers.add(ListenerErrors.FAILURE_HEADER, utf8("permanent"));
        headers.add(ListenerErrors.REASON_HEADER, utf8("IllegalStateException: no household for " + IDENTITY_NUMBER));
        headers.add("zhengce-dlq-reason", utf8("model"));
        headers.add("zhengce-dlq-processor", utf8("score-households " + IDENTITY_NUMBER));
        headers.add("traceparent", utf8("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));

        DeadLetter letter = DeadLetter.of(record(headers, "H-1"), List.of("zhengce-dlq-"));

        assertThat(letter.partition()).isEqualTo(4);
        assertThat(letter.offset()).isEqualTo(7L);
        assertThat(letter.key()).isEqualTo("H-1");
        assertThat(letter.timestamp()).isEqualTo(DEAD_LETTERED);
        assertThat(letter.sourceTopic()).isEqualTo("household.warnings");
        assertThat(letter.sourcePartition()).isEqualTo(4);
        assertThat(letter.sourceOffset()).isEqualTo(41L);
        assertThat(letter.failure()).isEqualTo("permanent");
        assertThat(letter.reason()).isEqualTo("IllegalStateException: no household for 110105***********X");
        assertThat(letter.exceptionClass()).isEqualTo("java.lang.IllegalStateException");
        assertThat(letter.exceptionMessage()).isEqualTo("no household for 110105***********X");
        assertThat(letter.details())
                .isEqualTo(Map.of(
                        "zhengce-dlq-reason", "model", "zhengce-dlq-processor", "score-households 110105***********X"));
        assertThat(letter.toString()).doesNotContain(IDENTITY_NUMBER, "the value");
    }

    @Test
    void aDeadLetterWithoutHeadersSaysNothingItDoesNotKnowAndAKeyIsMaskedToo() {
        DeadLetter letter = DeadLetter.of(record(new RecordHeaders(), IDENTITY_NUMBER), List.of());

        assertThat(letter.key()).isEqualTo("110105***********X");
        assertThat(letter.sourceTopic()).isNull();
        assertThat(letter.sourcePartition()).isNull();
        assertThat(letter.sourceOffset()).isNull();
        assertThat(letter.failure()).isNull();
        assertThat(letter.details()).isEmpty();
    }

    private static ConsumerRecord<String, byte[]> record(RecordHeaders headers, String key) {
        return new ConsumerRecord<>(
                "household.warnings.dlq",
                4,
                7L,
                DEAD_LETTERED.toEpochMilli(),
                TimestampType.CREATE_TIME,
                -1,
                -1,
                key,
                utf8("the value " + IDENTITY_NUMBER),
                headers,
                Optional.empty());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
