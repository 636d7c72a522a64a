package org.zhengce.intake.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.zhengce.intake.reporting.ReportingFixtures.HEAD_IDENTITY_NUMBER;
import static org.zhengce.intake.reporting.ReportingFixtures.HEAD_IDENTITY_NUMBER_MASKED;
import static org.zhengce.intake.reporting.ReportingFixtures.departmentOf;
import static org.zhengce.intake.reporting.ReportingFixtures.example;
import static org.zhengce.intake.reporting.ReportingFixtures.kept;
import static org.zhengce.intake.reporting.ReportingFixtures.withCloudEventId;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.zhengce.intake.IntakeStackTest;
import org.zhengce.intake.reading.EventExamples;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /events} as an NDJSON stream: one result per non-blank line, in input order with its line number; a
 * broken line is rejected alone (and kept) while the lines around it are accepted and published once; a stream sent
 * again is answered line by line as duplicates.
 */
class EventStreamTests extends IntakeStackTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, String> keys = new HashMap<>();

    private String key(String department) {
        return keys.computeIfAbsent(department, this::issueKey);
    }

    private List<EventResult> stream(String department, byte[] body) {
        List<EventResult> results = http.post()
                .uri("/events")
                .header("X-API-Key", key(department))
                .contentType(MediaType.APPLICATION_NDJSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .returnResult(EventResult.class)
                .getResponseBody()
                .collectList()
                .block(TIMEOUT);
        assertThat(results).isNotNull();
        return results;
    }

    /** The lines, each ended by a line feed. */
    private static byte[] lines(byte[]... lines) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            body.writeBytes(line);
            body.write('\n');
        }
        return body.toByteArray();
    }

    private static byte[] utf8(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void assertPublishedOnce(List<EventResult> accepted) {
        List<ConsumerRecord<String, byte[]>> published = readAll(HOUSEHOLD_EVENTS);
        for (EventResult result : accepted) {
            assertThat(withCloudEventId(published, result.platformEventId()))
                    .as("%s on %s", result.eventId(), HOUSEHOLD_EVENTS)
                    .hasSize(1);
        }
    }

    @Test
    void truncatedLineInTheMiddleIsRejectedAloneAndTheOthersArePublishedOnce() {
        String truncated = example("HospitalDischarged", "stream-truncated-3").toString();
        truncated = truncated.substring(0, truncated.indexOf("\"fact\""));
        byte[] body = lines(
                utf8(example("HospitalDischarged", "stream-truncated-1")),
                " ".getBytes(StandardCharsets.UTF_8),
                truncated.getBytes(StandardCharsets.UTF_8),
                utf8(example("HospitalAdmitted", "stream-truncated-4")),
                utf8(example("IllnessCertified", "stream-truncated-5")));

        List<EventResult> results = stream("HEALTH", body);

        assertThat(results)
                .extracting(EventResult::line, EventResult::eventId, EventResult::status)
                .containsExactly(
                        tuple(1L, "stream-truncated-1", "accepted"),
                        tuple(3L, null, "rejected"),
                        tuple(4L, "stream-truncated-4", "accepted"),
                        tuple(5L, "stream-truncated-5", "accepted"));
        EventResult rejected = results.get(1);
        assertThat(rejected.violations())
                .extracting(EventResult.ViolationView::fieldPath, EventResult.ViolationView::rule)
                .containsExactly(tuple("", "json.well-formed"));
        JsonNode kept = kept(http, ADMIN_KEY, rejected.rejectionId());
        assertThat(kept.get("channel").asString()).isEqualTo("NDJSON");
        assertThat(kept.get("sourceRef").asString()).isEqualTo("line 3");
        assertThat(kept.get("maskedPayload").asString())
                .isEqualTo("sealed only: unparsable JSON payload of "
                        + truncated.getBytes(StandardCharsets.UTF_8).length + " bytes")
                .doesNotContain(HEAD_IDENTITY_NUMBER_MASKED);
        assertPublishedOnce(List.of(results.get(0), results.get(2), results.get(3)));
    }

    @Test
    void lineThatIsNotUtf8IsRejectedNamingTheByteAndTheOthersAreAccepted() {
        String second = example("HospitalDischarged", "stream-utf8-2").toString();
        byte[] valid = second.getBytes(StandardCharsets.UTF_8);
        int at = second.substring(0, second.indexOf("北京朝阳医院")).getBytes(StandardCharsets.UTF_8).length;
        byte[] broken = valid.clone();
        broken[at] = (byte) 0xC0;

        List<EventResult> results = stream(
                "HEALTH",
                lines(
                        utf8(example("HospitalDischarged", "stream-utf8-1")),
                        broken,
                        utf8(example("HospitalDischarged", "stream-utf8-3"))));

        assertThat(results)
                .extracting(EventResult::line, EventResult::status)
                .containsExactly(tuple(1L, "accepted"), tuple(2L, "rejected"), tuple(3L, "accepted"));
        assertThat(results.get(1).violations())
                .extracting(
                        EventResult.ViolationView::fieldPath,
                        EventResult.ViolationView::rule,
                        EventResult.ViolationView::offendingValue)
                .containsExactly(tuple("", "encoding.valid", "not valid UTF-8 at byte " + at));
        JsonNode kept = kept(http, ADMIN_KEY, results.get(1).rejectionId());
        assertThat(kept.get("sourceRef").asString()).isEqualTo("line 2");
        assertThat(kept.get("maskedPayload").asString())
                .doesNotContain(HEAD_IDENTITY_NUMBER)
                .doesNotContain(HEAD_IDENTITY_NUMBER_MASKED)
                .isEqualTo("sealed only: unparsable JSON payload of " + broken.length + " bytes");
        assertPublishedOnce(List.of(results.get(0), results.get(2)));
    }

    @Test
    void everyExampleIsAcceptedFromItsDepartmentAndTheSameStreamAgainIsAllDuplicates() {
        Map<String, List<ObjectNode>> byDepartment = new TreeMap<>();
        EventExamples.all()
                .keySet()
                .forEach(type -> byDepartment
                        .computeIfAbsent(departmentOf(type), d -> new ArrayList<>())
                        .add(example(type, "stream-example-" + type)));
        assertThat(byDepartment.values().stream().mapToInt(List::size).sum()).isEqualTo(30);

        Map<String, List<EventResult>> first = new TreeMap<>();
        byDepartment.forEach((department, events) -> first.put(
                department, stream(department, ReportingFixtures.ndjson(events).getBytes(StandardCharsets.UTF_8))));

        List<EventResult> accepted = new ArrayList<>();
        first.forEach((department, results) -> {
            List<ObjectNode> sent = byDepartment.get(department);
            assertThat(results).as(department).hasSize(sent.size());
            for (int i = 0; i < sent.size(); i++) {
                EventResult result = results.get(i);
                assertThat(result.line()).isEqualTo(i + 1L);
                assertThat(result.eventId())
                        .isEqualTo(sent.get(i).get("eventId").asString());
                assertThat(result.status())
                        .as("%s: %s", result.eventId(), result)
                        .isEqualTo("accepted");
                assertThat(result.platformEventId()).isNotNull();
            }
            accepted.addAll(results);
        });
        assertThat(accepted).hasSize(30);
        assertPublishedOnce(accepted);

        byDepartment.forEach((department, events) -> {
            List<EventResult> again =
                    stream(department, ReportingFixtures.ndjson(events).getBytes(StandardCharsets.UTF_8));
            assertThat(again)
                    .as(department)
                    .extracting(
                            EventResult::line, EventResult::eventId, EventResult::status, EventResult::platformEventId)
                    .containsExactlyElementsOf(first.get(department).stream()
                            .map(r -> tuple(r.line(), r.eventId(), "duplicate", r.platformEventId()))
                            .toList());
        });
        assertPublishedOnce(accepted);
    }
}
