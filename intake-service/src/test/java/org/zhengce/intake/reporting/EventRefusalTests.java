package org.zhengce.intake.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.zhengce.intake.reporting.ReportingFixtures.HEAD_IDENTITY_NUMBER;
import static org.zhengce.intake.reporting.ReportingFixtures.HEAD_IDENTITY_NUMBER_MASKED;
import static org.zhengce.intake.reporting.ReportingFixtures.WRONG_CHECK_DIGIT;
import static org.zhengce.intake.reporting.ReportingFixtures.WRONG_CHECK_DIGIT_MASKED;
import static org.zhengce.intake.reporting.ReportingFixtures.answer;
import static org.zhengce.intake.reporting.ReportingFixtures.example;
import static org.zhengce.intake.reporting.ReportingFixtures.exampleOfNoDepartment;
import static org.zhengce.intake.reporting.ReportingFixtures.fact;
import static org.zhengce.intake.reporting.ReportingFixtures.kept;
import static org.zhengce.intake.reporting.ReportingFixtures.ndjson;
import static org.zhengce.intake.reporting.ReportingFixtures.withCloudEventId;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.zhengce.intake.IntakeStackTest;
import org.zhengce.intake.reporting.ReportingFixtures.Answer;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every way {@code POST /events} refuses what a department sends: bytes that are not one JSON event, events that
 * break the data standard (each answered with every violation and kept as a rejection the admin can read, masked),
 * credentials that do not open it, terms the department does not have, and the limits. The limits are small here
 * (2 KB per event, 5 events per stream) so that going past them takes little.
 */
@TestPropertySource(properties = {"intake.reporting.max-event-size=2KB", "intake.reporting.max-events-per-stream=5"})
class EventRefusalTests extends IntakeStackTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, String> keys = new HashMap<>();

    private String key(String department) {
        return keys.computeIfAbsent(department, this::issueKey);
    }

    private Answer post(String department, MediaType type, Object body) {
        return answer(http.post()
                .uri("/events")
                .header("X-API-Key", key(department))
                .contentType(type)
                .bodyValue(body));
    }

    private Answer postJson(String department, ObjectNode event) {
        return post(department, MediaType.APPLICATION_JSON, event.toString());
    }

    /** The answer is a 400 problem, its rejection kept as the admin reads it: same violations, payload masked. */
    private JsonNode assertRejectedAndKept(Answer answer, String department) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.json().get("status").asString()).isEqualTo("rejected");
        JsonNode kept = kept(http, ADMIN_KEY, answer.rejectionId());
        assertThat(kept.get("department").asString()).isEqualTo(department);
        assertThat(kept.get("channel").asString()).isEqualTo("HTTP");
        assertThat(ReportingFixtures.violationsOf(kept)).isEqualTo(answer.violations());
        assertThat(kept.get("maskedPayload").asString()).doesNotContain(HEAD_IDENTITY_NUMBER, WRONG_CHECK_DIGIT);
        return kept;
    }

    // ---- bytes that are not one JSON event ----

    @Test
    void truncatedJsonIsRejectedAsNotWellFormedAndKeptOnlySealed() {
        String whole = example("HospitalDischarged", "refusal-truncated-1").toString();
        String truncated = whole.substring(0, whole.indexOf("\"fact\""));

        Answer answer = post("HEALTH", MediaType.APPLICATION_JSON, truncated);

        assertThat(answer.violations()).containsExactly(tuple("", "json.well-formed"));
        JsonNode kept = assertRejectedAndKept(answer, "HEALTH");
        // an unparsable payload has no readable copy, masked or not: its format and size only (issue 15)
        assertThat(kept.get("maskedPayload").asString())
                .isEqualTo("sealed only: unparsable JSON payload of "
                        + truncated.getBytes(StandardCharsets.UTF_8).length + " bytes")
                .doesNotContain(HEAD_IDENTITY_NUMBER_MASKED);
    }

    @Test
    void bytesThatAreNotUtf8AreRejectedNamingTheByteAndKept() {
        String text = example("HospitalDischarged", "refusal-utf8-1").toString();
        byte[] valid = text.getBytes(StandardCharsets.UTF_8);
        // a byte 0xFF, never part of UTF-8, just before the hospital's name
        int at = text.substring(0, text.indexOf("北京朝阳医院")).getBytes(StandardCharsets.UTF_8).length;
        byte[] broken = new byte[valid.length + 1];
        System.arraycopy(valid, 0, broken, 0, at);
        broken[at] = (byte) 0xFF;
        System.arraycopy(valid, at, broken, at + 1, valid.length - at);

        Answer answer = post("HEALTH", MediaType.APPLICATION_JSON, broken);

        assertThat(answer.violations()).containsExactly(tuple("", "encoding.valid"));
        assertThat(answer.json().at("/violations/0/offendingValue").asString())
                .isEqualTo("not valid UTF-8 at byte " + at);
        JsonNode kept = assertRejectedAndKept(answer, "HEALTH");
        assertThat(kept.get("maskedPayload").asString())
                .isEqualTo("sealed only: unparsable JSON payload of " + broken.length + " bytes")
                .doesNotContain(HEAD_IDENTITY_NUMBER_MASKED);
    }

    // ---- control characters (PostgreSQL cannot store U+0000) ----

    @Test
    void nulInTheEventIdIsRefusedByItsOwnRuleAndKeptReadable() {
        Answer answer = postJson("HEALTH", example("HospitalDischarged", "refusal-nul-1\u0000"));

        assertThat(answer.violations()).containsExactly(tuple("eventId", "text.control-character"));
        assertThat(answer.json().at("/violations/0/offendingValue").asString()).isEqualTo("refusal-nul-1\\u0000");
        JsonNode kept = assertRejectedAndKept(answer, "HEALTH");
        assertThat(kept.get("eventId").asString()).isEqualTo("refusal-nul-1\\u0000");
    }

    @Test
    void rawNulByteInTheJsonTextIsRejectedAsNotWellFormedAndKeptOnlySealed() {
        String text = example("HospitalDischarged", "refusal-nul-2").toString().replace("北京朝阳医院", "北京\u0000朝阳医院");

        Answer answer = post("HEALTH", MediaType.APPLICATION_JSON, text);

        assertThat(answer.violations()).extracting(t -> t.toArray()[1]).containsExactly("json.well-formed");
        JsonNode kept = assertRejectedAndKept(answer, "HEALTH");
        assertThat(kept.get("maskedPayload").asString())
                .isEqualTo("sealed only: unparsable JSON payload of " + text.getBytes(StandardCharsets.UTF_8).length
                        + " bytes")
                .doesNotContain("\u0000");
    }

    @Test
    void controlCharactersInAStreamAreRefusedLineByLineAndBlockNothingBehindThem() {
        ObjectNode nulText = example("HospitalDischarged", "refusal-control-1");
        fact(nulText).put("hospital", "北京朝阳医院\u0000");
        ObjectNode bell = example("HospitalDischarged", "refusal-control-2");
        fact(bell).put("hospital", "北京朝阳医院\u0007");
        ObjectNode tabbed = example("HospitalDischarged", "refusal-control-3");
        fact(tabbed).put("hospital", "北京朝阳医院\t住院部\r\n二层");

        List<EventResult> results = stream("HEALTH", List.of(nulText, bell, tabbed));

        assertThat(results)
                .extracting(EventResult::line, EventResult::status)
                .containsExactly(tuple(1L, "rejected"), tuple(2L, "rejected"), tuple(3L, "accepted"));
        for (EventResult refused : results.subList(0, 2)) {
            assertThat(refused.violations())
                    .extracting(EventResult.ViolationView::fieldPath, EventResult.ViolationView::rule)
                    .containsExactly(tuple("fact.hospital", "text.control-character"));
            assertThat(kept(http, ADMIN_KEY, refused.rejectionId())
                            .get("maskedPayload")
                            .asString())
                    .doesNotContain("\u0000");
        }
        assertThat(results.get(1).violations().get(0).offendingValue()).isEqualTo("北京朝阳医院\\u0007");
    }

    // ---- events that break the data standard ----

    @Test
    void unknownEventTypeIsRejectedAndKept() {
        ObjectNode event = example("HospitalDischarged", "refusal-type-1");
        event.put("type", "HospitalTransferred");

        Answer answer = postJson("HEALTH", event);

        assertThat(answer.violations()).containsExactly(tuple("type", "event-type.known"));
        assertThat(answer.json().at("/violations/0/offendingValue").asString()).isEqualTo("HospitalTransferred");
        JsonNode kept = assertRejectedAndKept(answer, "HEALTH");
        assertThat(kept.get("eventId").asString()).isEqualTo("refusal-type-1");
    }

    @Test
    void everyMissingFieldIsReportedInOneAnswer() {
        ObjectNode event = example("MedicalExpenseSettled", "refusal-missing-1");
        event.remove("occurredAt");
        event.remove("subject");
        fact(event).remove("setting");
        fact(event).remove("totalFen");

        Answer answer = postJson("MEDICAL_INSURANCE", event);

        assertThat(answer.violations())
                .containsExactlyInAnyOrder(
                        tuple("occurredAt", "required"),
                        tuple("subject", "required"),
                        tuple("fact.setting", "required"),
                        tuple("fact.totalFen", "required"));
        assertRejectedAndKept(answer, "MEDICAL_INSURANCE");
    }

    @Test
    void wrongCheckDigitIsRejectedWithTheNumberMaskedEverywhere() {
        ObjectNode event = example("HospitalDischarged", "refusal-check-digit-1");
        ((ObjectNode) event.get("subject")).put("identityNumber", WRONG_CHECK_DIGIT);

        Answer answer = postJson("HEALTH", event);

        assertThat(answer.violations()).containsExactly(tuple("subject.identityNumber", "identity-number.check-digit"));
        assertThat(answer.json().at("/violations/0/offendingValue").asString()).isEqualTo(WRONG_CHECK_DIGIT_MASKED);
        assertThat(answer.body()).doesNotContain(WRONG_CHECK_DIGIT);
        JsonNode kept = assertRejectedAndKept(answer, "HEALTH");
        assertThat(kept.toString()).doesNotContain(WRONG_CHECK_DIGIT).contains(WRONG_CHECK_DIGIT_MASKED);
    }

    @Test
    void reportTimeInTheFutureIsRejected() {
        ObjectNode event = example("HospitalDischarged", "refusal-future-time-1");
        event.put("reportedAt", "2099-01-01T00:00:00Z");

        Answer answer = postJson("HEALTH", event);

        assertThat(answer.violations()).containsExactly(tuple("reportedAt", "time.not-in-future"));
        assertRejectedAndKept(answer, "HEALTH");
    }

    @Test
    void dateInTheFutureIsRejected() {
        ObjectNode event = example("ContributionsStopped", "refusal-future-date-1");
        fact(event).put("lastPaidMonth", "2099-01-01");

        Answer answer = postJson("HUMAN_RESOURCES_SOCIAL_SECURITY", event);

        assertThat(answer.violations()).containsExactly(tuple("fact.lastPaidMonth", "date.not-in-future"));
        assertRejectedAndKept(answer, "HUMAN_RESOURCES_SOCIAL_SECURITY");
    }

    @Test
    void negativeAmountIsRejected() {
        ObjectNode event = example("MedicalExpenseSettled", "refusal-negative-1");
        fact(event).put("outOfPocketFen", -100);

        Answer answer = postJson("MEDICAL_INSURANCE", event);

        assertThat(answer.violations()).containsExactly(tuple("fact.outOfPocketFen", "amount.non-negative"));
        assertThat(answer.json().at("/violations/0/offendingValue").asString()).isEqualTo("-100");
        assertRejectedAndKept(answer, "MEDICAL_INSURANCE");
    }

    @Test
    void unknownCommunityCodeIsRejected() {
        ObjectNode event = example("HospitalDischarged", "refusal-community-1");
        event.put("communityCode", "110105009999");

        Answer answer = postJson("HEALTH", event);

        assertThat(answer.violations()).containsExactly(tuple("communityCode", "community-code.known"));
        assertThat(answer.json().at("/violations/0/offendingValue").asString()).isEqualTo("110105009999");
        assertRejectedAndKept(answer, "HEALTH");
    }

    // ---- credentials and terms ----

    @Test
    void wrongOrMissingApiKeyIsUnauthenticated() {
        String body = example("HospitalDischarged", "refusal-key-1").toString();

        Answer wrong = answer(http.post()
                .uri("/events")
                .header("X-API-Key", "00112233445566778899.not-the-secret")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body));
        Answer none = answer(http.post()
                .uri("/events")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body));

        for (Answer answer : List.of(wrong, none)) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(401);
            assertThat(answer.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(answer.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).contains("X-API-Key");
        }
        assertThat(wrong.json().get("detail").asString()).isEqualTo("invalid API key");
        assertThat(none.json().get("detail").asString()).isEqualTo("an X-API-Key header or a bearer token is required");
    }

    @Test
    void disabledDepartmentIsForbiddenNamingIt() {
        key("UTILITIES"); // issued while it is enabled
        http.post()
                .uri("/admin/departments/UTILITIES/disable")
                .header("X-API-Key", ADMIN_KEY)
                .exchange()
                .expectStatus()
                .isOk();
        try {
            // refused by authentication, before the body is read: unlike a type not allowed, nothing is kept
            Answer answer = postJson("UTILITIES", example("UtilityArrearsReported", "refusal-disabled-1"));

            assertThat(answer.status()).as(answer.body()).isEqualTo(403);
            assertThat(answer.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(answer.json().get("detail").asString()).isEqualTo("department UTILITIES is disabled");
        } finally {
            http.post()
                    .uri("/admin/departments/UTILITIES/enable")
                    .header("X-API-Key", ADMIN_KEY)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
    }

    @Test
    void typeTheDepartmentMayNotReportIsForbiddenNamingTheTypeAndKept() {
        Answer answer = postJson("HEALTH", exampleOfNoDepartment("EmploymentEnded", "refusal-not-allowed-1"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(403);
        assertThat(answer.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.json().get("detail").asString())
                .isEqualTo("department HEALTH may not report EmploymentEnded");
        assertThat(answer.violations()).containsExactly(tuple("type", "department.type-allowed"));
        JsonNode kept = kept(http, ADMIN_KEY, answer.rejectionId());
        assertThat(kept.get("department").asString()).isEqualTo("HEALTH");
        assertThat(kept.get("eventType").asString()).isEqualTo("EmploymentEnded");
        assertThat(ReportingFixtures.violationsOf(kept)).containsExactly(tuple("type", "department.type-allowed"));
        assertThat(kept.get("maskedPayload").asString())
                .doesNotContain(HEAD_IDENTITY_NUMBER)
                .contains(HEAD_IDENTITY_NUMBER_MASKED);
    }

    // ---- limits ----

    @Test
    void eventDeclaredLargerThanTheLimitIsTooLarge() {
        ObjectNode event = example("HospitalDischarged", "refusal-large-1");
        fact(event).put("hospital", "医".repeat(1000));

        Answer answer = postJson("HEALTH", event);

        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.json().get("detail").asString()).startsWith("event larger than 2048B");
    }

    @Test
    void eventStreamedLargerThanTheLimitWithoutALengthIsTooLarge() {
        ObjectNode event = example("HospitalDischarged", "refusal-large-2");
        fact(event).put("hospital", "医".repeat(1000));
        String body = event.toString();
        int half = body.length() / 2;

        Answer answer = answer(http.post()
                .uri("/events")
                .header("X-API-Key", key("HEALTH"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Flux.just(body.substring(0, half), body.substring(half)), String.class));

        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void requestOverTheDepartmentsRateLimitIsTooManyWithRetryAfter() {
        http.put()
                .uri("/admin/departments/JUSTICE")
                .header("X-API-Key", ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"name": "Justice (司法)", "allowedEventTypes": ["ReleasedFromCustody"],
                         "jurisdictionScope": ["110105"], "rateLimitPerSecond": 1}
                        """)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.rateLimitPerSecond")
                .isEqualTo(1);
        // A stream of one event takes this second's only permit on arrival and waits for the next second's for its
        // event: it answers at the start of a second whose permit it has taken, so the request after it is refused.
        List<EventResult> stream = stream("JUSTICE", List.of(example("ReleasedFromCustody", "refusal-rate-1")));
        assertThat(stream).extracting(EventResult::status).containsExactly("accepted");

        Answer refused = postJson("JUSTICE", example("ReleasedFromCustody", "refusal-rate-2"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(refused.json().get("detail").asString())
                .isEqualTo("department JUSTICE is over its rate limit of 1 events per second");
    }

    @Test
    void streamPastTheLimitIsReadUpToItAndSaysWhereReadingStopped() {
        List<ObjectNode> events = IntStream.rangeClosed(1, 7)
                .mapToObj(i -> example("HospitalAdmitted", "refusal-stream-limit-" + i))
                .toList();

        List<EventResult> results = stream("HEALTH", events);

        assertThat(results).hasSize(6);
        assertThat(results.subList(0, 5))
                .extracting(EventResult::line, EventResult::eventId, EventResult::status)
                .containsExactly(
                        tuple(1L, "refusal-stream-limit-1", "accepted"),
                        tuple(2L, "refusal-stream-limit-2", "accepted"),
                        tuple(3L, "refusal-stream-limit-3", "accepted"),
                        tuple(4L, "refusal-stream-limit-4", "accepted"),
                        tuple(5L, "refusal-stream-limit-5", "accepted"));
        EventResult last = results.get(5);
        assertThat(last.line()).isEqualTo(6L);
        assertThat(last.status()).isEqualTo("rejected");
        assertThat(last.violations())
                .extracting(EventResult.ViolationView::fieldPath, EventResult.ViolationView::rule)
                .containsExactly(tuple("", "size.events-per-stream"));

        // the lines past the limit were not read: sent again they are new, and each event is on the topic once
        List<EventResult> rest = stream("HEALTH", events.subList(5, 7));

        assertThat(rest)
                .extracting(EventResult::line, EventResult::eventId, EventResult::status)
                .containsExactly(
                        tuple(1L, "refusal-stream-limit-6", "accepted"),
                        tuple(2L, "refusal-stream-limit-7", "accepted"));
        List<ConsumerRecord<String, byte[]>> published = readAll(HOUSEHOLD_EVENTS);
        for (EventResult accepted :
                Stream.concat(results.subList(0, 5).stream(), rest.stream()).toList()) {
            assertThat(withCloudEventId(published, accepted.platformEventId()))
                    .as(accepted.eventId())
                    .hasSize(1);
        }
    }

    private List<EventResult> stream(String department, List<ObjectNode> events) {
        return http.post()
                .uri("/events")
                .header("X-API-Key", key(department))
                .contentType(MediaType.APPLICATION_NDJSON)
                .bodyValue(ndjson(events))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .returnResult(EventResult.class)
                .getResponseBody()
                .collectList()
                .block(TIMEOUT);
    }
}
