package org.zhengce.intake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.zhengce.intake.IntakeStackTest;
import org.zhengce.intake.reporting.ReportingFixtures;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A rejected 800 KB event: its dead letter as it is (payload and reasons) would pass the producer's 1 MB limit and
 * fail for ever. It is dead-lettered with a reference to the sealed original instead, the reason in headers, and the
 * department gets its 400.
 */
class DeadLetterTests extends IntakeStackTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void rejectedEventTooLargeForADeadLetterIsDeadLetteredAsAReferenceToItsSealedOriginal() {
        ObjectNode event = ReportingFixtures.example("HospitalDischarged", "dead-letter-large-1");
        event.put("remarks", "备".repeat(270_000)); // an unknown field: ~800 KB of UTF-8

        String rejectionId = http.post()
                .uri("/events")
                .header("X-API-Key", issueKey("HEALTH"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(event.toString())
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("rejectionId")
                .asString();

        List<ConsumerRecord<String, byte[]>> letters = readAll(DEAD_LETTERS).stream()
                .filter(r -> r.key().equals("HEALTH:dead-letter-large-1"))
                .toList();
        assertThat(letters).hasSize(1);
        ConsumerRecord<String, byte[]> letter = letters.get(0);
        assertThat(header(letter, DeadLetterWriter.PAYLOAD)).isEqualTo("truncated");
        assertThat(Integer.parseInt(header(letter, DeadLetterWriter.PAYLOAD_BYTES)))
                .isGreaterThan(800_000);
        assertThat(header(letter, DeadLetterWriter.REJECTION_ID)).isEqualTo(rejectionId);
        assertThat(header(letter, DeadLetterWriter.REASONS)).contains("schema.unknown-field");
        assertThat(letter.value().length).isLessThan(64 * 1024);
        JsonNode reference = JSON.readTree(letter.value());
        assertThat(reference.get("rejectionId").asString()).isEqualTo(rejectionId);
        assertThat(reference.get("head").asString()).startsWith("{");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
