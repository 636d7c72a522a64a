package org.zhengce.intake.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.zhengce.intake.reporting.ReportingFixtures.answer;
import static org.zhengce.intake.reporting.ReportingFixtures.example;
import static org.zhengce.intake.reporting.ReportingFixtures.fact;
import static org.zhengce.intake.reporting.ReportingFixtures.kept;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import org.zhengce.intake.IntakeStackTest;
import org.zhengce.intake.reporting.ReportingFixtures.Answer;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Intake's limits, small here so that going past them takes little: each size breach rejected with its own rule
 * before anything is claimed, and kept sealed; a department over its limit of requests at once refused while another
 * is served; a body trickled slowly cut by the read time-out.
 */
@TestPropertySource(
        properties = {
            "intake.reporting.max-event-size=2KB",
            "intake.reporting.max-line-size=2KB",
            "intake.limits.max-row-size=2KB",
            "intake.limits.max-cell-size=1KB",
            "intake.limits.max-nesting-depth=16",
            "intake.limits.max-concurrent-requests-per-department=2",
            "intake.limits.read-timeout=3s"
        })
class LimitTests extends IntakeStackTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, String> keys = new HashMap<>();

    @Value("${local.server.port}")
    private int port;

    private String key(String department) {
        return keys.computeIfAbsent(department, this::issueKey);
    }

    private Answer postJson(String department, String body) {
        return answer(http.post()
                .uri("/events")
                .header("X-API-Key", key(department))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body));
    }

    private List<EventResult> stream(String department, String body) {
        List<EventResult> results = http.post()
                .uri("/events")
                .header("X-API-Key", key(department))
                .contentType(MediaType.APPLICATION_NDJSON)
                .bodyValue(body.getBytes(StandardCharsets.UTF_8))
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(EventResult.class)
                .getResponseBody()
                .collectList()
                .block(TIMEOUT);
        assertThat(results).isNotNull();
        return results;
    }

    private static ObjectNode discharged(String eventId, String hospital) {
        ObjectNode event = example("HospitalDischarged", eventId);
        fact(event).put("hospital", hospital);
        return event;
    }

    // ---- sizes ----

    @Test
    void eventOverTheSizeLimitIsTooLargeWithItsRuleAndItsFirstBytesKeptSealed() {
        Answer answer = postJson(
                "HEALTH", discharged("limits-event-1", "医".repeat(1_000)).toString());

        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.json().get("detail").asString()).startsWith("event larger than 2048B");
        assertThat(answer.violations()).containsExactly(tuple("", "size.event"));
        JsonNode kept = kept(http, ADMIN_KEY, answer.rejectionId());
        assertThat(ReportingFixtures.violationsOf(kept)).containsExactly(tuple("", "size.event"));
        assertThat(kept.get("maskedPayload").asString())
                .isEqualTo("sealed only: unparsable JSON payload of 2048 bytes");
    }

    @Test
    void eventNestedDeeperThanTheLimitIsRejectedByItsOwnRuleAndKept() {
        String deep = "[".repeat(100) + "]".repeat(100);
        ObjectNode event = discharged("limits-deep-1", "北京朝阳医院");
        String body = event.toString().replace("\"北京朝阳医院\"", deep);

        Answer answer = postJson("HEALTH", body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.violations()).containsExactly(tuple("", "json.nesting"));
        assertThat(ReportingFixtures.violationsOf(kept(http, ADMIN_KEY, answer.rejectionId())))
                .containsExactly(tuple("", "json.nesting"));
    }

    @Test
    void numberLongerThanTheLimitIsRejectedByItsOwnRule() {
        String body = example("HospitalDischarged", "limits-number-1")
                .toString()
                .replaceFirst("\"lengthOfStayDays\":[0-9]+", "\"lengthOfStayDays\":" + "7".repeat(1_200));

        Answer answer = postJson("HEALTH", body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.violations()).containsExactly(tuple("", "json.number-length"));
    }

    @Test
    void ndjsonLineOverTheLimitIsRejectedAloneAndTheStreamGoesOn() {
        String body = discharged("limits-line-1", "北京朝阳医院") + "\n"
                + discharged("limits-line-2", "医".repeat(1_000)) + "\n"
                + discharged("limits-line-3", "北京朝阳医院") + "\n";

        List<EventResult> results = stream("HEALTH", body);

        assertThat(results)
                .extracting(EventResult::line, EventResult::status)
                .containsExactly(tuple(1L, "accepted"), tuple(2L, "rejected"), tuple(3L, "accepted"));
        assertThat(results.get(1).violations()).extracting(v -> v.rule()).containsExactly("size.line");
        assertThat(ReportingFixtures.violationsOf(
                        kept(http, ADMIN_KEY, results.get(1).rejectionId())))
                .containsExactly(tuple("", "size.line"));
    }

    @Test
    void csvRowAndCellOverTheirLimitsAreRejectedAloneAndTheFileGoesOn() {
        ObjectNode event = example("HospitalDischarged", "x");
        String header = "eventId,occurredAt,reportedAt,identityNumber,communityCode,hospital,lengthOfStayDays,"
                + "extra1,extra2,extra3";
        String envelope = event.get("occurredAt").asString() + ","
                + event.get("reportedAt").asString() + ","
                + event.get("subject").get("identityNumber").asString() + ","
                + event.get("communityCode").asString() + ",";
        String stay = fact(event).get("lengthOfStayDays").asString();
        String file = header + "\r\n"
                + "limits-csv-1," + envelope + "北京朝阳医院," + stay + ",,,\r\n"
                + "limits-csv-2," + envelope + "x".repeat(1_500) + "," + stay + ",,,\r\n"
                + "limits-csv-3," + envelope + "北京朝阳医院," + stay + "," + "y".repeat(900) + ","
                + "y".repeat(900) + "," + "y".repeat(900) + "\r\n"
                + "limits-csv-4," + envelope + "北京朝阳医院," + stay + ",,,\r\n";

        Answer answer = answer(http.post()
                .uri(uri -> uri.path("/submissions")
                        .queryParam("type", "HospitalDischarged")
                        .build())
                .header("X-API-Key", key("HEALTH"))
                .contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(file.getBytes(StandardCharsets.UTF_8)));

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(answer.json().get("rejected").asInt()).isEqualTo(2);
        List<EventResult> rows = ReportingFixtures.rowsOf(
                http, key("HEALTH"), UUID.fromString(answer.json().get("id").asString()));
        assertThat(rows)
                .extracting(EventResult::line, EventResult::status)
                .containsExactly(
                        tuple(1L, "accepted"), tuple(2L, "rejected"), tuple(3L, "rejected"), tuple(4L, "accepted"));
        assertThat(rows.get(1).violations()).extracting(v -> v.rule()).containsExactly("size.cell");
        assertThat(rows.get(2).violations()).extracting(v -> v.rule()).containsExactly("size.row");
    }

    // ---- one department cannot starve the others ----

    @Test
    void departmentOverItsLimitOfRequestsAtOnceIsTooManyWhileAnotherIsServed() {
        String insurer = "MEDICAL_INSURANCE";
        // two NDJSON streams that stay open: a blank line now and then, never longer apart than the read time-out
        Flux<String> held =
                Flux.interval(Duration.ofMillis(200)).map(tick -> "\n").take(150);
        List<Disposable> holders = List.of(hold(insurer, held), hold(insurer, held));
        try {
            AtomicInteger attempt = new AtomicInteger();
            Answer refused = await().atMost(Duration.ofSeconds(20))
                    .until(
                            () -> postJson(
                                    insurer,
                                    example("MedicalExpenseSettled", "limits-busy-" + attempt.incrementAndGet())
                                            .toString()),
                            a -> a.status() == 429);

            assertThat(refused.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
            assertThat(refused.json().get("detail").asString())
                    .isEqualTo("department MEDICAL_INSURANCE already has 2 requests in progress; retry when one of"
                            + " them is answered");
            Answer served =
                    postJson("HEALTH", discharged("limits-served-1", "北京朝阳医院").toString());
            assertThat(served.status()).as(served.body()).isEqualTo(202);
        } finally {
            holders.forEach(Disposable::dispose);
        }
    }

    /** A request of {@code department} with {@code body}, sent without waiting for its answer (WebTestClient waits). */
    private Disposable hold(String department, Flux<String> body) {
        return WebClient.create("http://localhost:" + port)
                .post()
                .uri("/events")
                .header("X-API-Key", key(department))
                .contentType(MediaType.APPLICATION_NDJSON)
                .body(body, String.class)
                .retrieve()
                .bodyToFlux(String.class)
                .subscribe(result -> {}, error -> {});
    }

    @Test
    void bodyTrickledSlowerThanTheReadTimeOutIsCut() {
        String event = discharged("limits-slow-1", "北京朝阳医院").toString();
        int part = event.length() / 10;
        Flux<String> trickled = Flux.range(0, 10)
                .delayElements(Duration.ofMillis(600))
                .map(i -> event.substring(i * part, i == 9 ? event.length() : (i + 1) * part));

        Answer answer = answer(http.post()
                .uri("/events")
                .header("X-API-Key", key("HEALTH"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(trickled, String.class));

        assertThat(answer.status()).as(answer.body()).isEqualTo(408);
        assertThat(answer.json().get("detail").asString())
                .startsWith("the request body did not arrive within 3 s (intake.limits.read-timeout)");
    }
}
