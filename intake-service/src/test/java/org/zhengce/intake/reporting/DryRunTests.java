package org.zhengce.intake.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.zhengce.intake.reporting.ReportingFixtures.WRONG_CHECK_DIGIT;
import static org.zhengce.intake.reporting.ReportingFixtures.WRONG_CHECK_DIGIT_MASKED;
import static org.zhengce.intake.reporting.ReportingFixtures.answer;
import static org.zhengce.intake.reporting.ReportingFixtures.departmentOf;
import static org.zhengce.intake.reporting.ReportingFixtures.example;
import static org.zhengce.intake.reporting.ReportingFixtures.fact;
import static org.zhengce.intake.reporting.ReportingFixtures.ndjson;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.zhengce.intake.IntakeStackTest;
import org.zhengce.intake.reporting.ReportingFixtures.Answer;
import tools.jackson.databind.node.ObjectNode;

/**
 * A dry run ({@code POST /events/dry-run}, {@code POST /submissions/dry-run}) answers as a real submission would, by
 * the same rules, and keeps nothing: the ledger, the registrations, the rejections, the submissions and {@code
 * household.events} are as they were (issue 20, item 6).
 */
class DryRunTests extends IntakeStackTest {

    private static final List<String> TABLES = List.of(
            "event_ledger",
            "registered_communities",
            "rejected_events",
            "submissions",
            "submission_rows",
            "event_ledger_published");
    private final ReportingFixtures.Senders senders = new ReportingFixtures.Senders(() -> http, this::issueKey);

    @Autowired
    DatabaseClient db;

    /** What intake keeps: each table's rows, the records on household.events and on the dead-letter topic. */
    private Map<String, Long> kept() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(
                    table,
                    db.sql("select count(*) from " + table)
                            .map(row -> row.get(0, Long.class))
                            .one()
                            .block());
        }
        counts.put(HOUSEHOLD_EVENTS, (long) readAll(HOUSEHOLD_EVENTS).size());
        counts.put(DEAD_LETTERS, (long) readAll(DEAD_LETTERS).size());
        return counts;
    }

    private Answer tryOne(String department, ObjectNode event) {
        return answer(http.post()
                .uri("/events/dry-run")
                .header("X-API-Key", senders.key(department))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(event.toString()));
    }

    private List<EventResult> tryStream(String department, List<ObjectNode> events) {
        return ReportingFixtures.results(http.post()
                .uri("/events/dry-run")
                .header("X-API-Key", senders.key(department))
                .contentType(MediaType.APPLICATION_NDJSON)
                .bodyValue(ndjson(events)));
    }

    private static ObjectNode withIdentityNumber(ObjectNode event, String identityNumber) {
        ObjectNode subject = event.putObject("subject");
        subject.put("identityNumber", identityNumber);
        return event;
    }

    @Test
    void aValidEventIsAnsweredValidWithoutAPlatformIdAndNothingIsKeptThenTheRealOneIsAccepted() {
        String department = departmentOf("HouseholdRegistered");
        ObjectNode registration = example("HouseholdRegistered", "dry-run-registration-1");
        Map<String, Long> before = kept();

        Answer tried = tryOne(department, registration);

        assertThat(tried.status()).as(tried.body()).isEqualTo(200);
        assertThat(tried.json().get("status").asString()).isEqualTo("valid");
        assertThat(tried.json().has("platformEventId")).isFalse();
        assertThat(tried.json().has("acceptedAt")).isFalse();
        assertThat(kept()).isEqualTo(before);

        Answer real = senders.post(department, registration);
        assertThat(real.status()).as(real.body()).isEqualTo(202);
        assertThat(real.json().get("status").asString()).isEqualTo("accepted");
    }

    @Test
    void anInvalidEventIsAnsweredByTheSameRulesWithItsIdentityNumberMaskedAndNothingIsKept() {
        ObjectNode tip = withIdentityNumber(example("TipReported", "dry-run-bad-1"), WRONG_CHECK_DIGIT);
        Map<String, Long> before = kept();

        Answer tried = tryOne("COMMUNITY", tip);

        assertThat(kept()).isEqualTo(before);
        Answer real = senders.post("COMMUNITY", tip);
        assertThat(tried.status()).as(tried.body()).isEqualTo(real.status()).isEqualTo(400);
        assertThat(tried.violations()).isNotEmpty().isEqualTo(real.violations());
        assertThat(tried.json().get("violations").toString())
                .isEqualTo(real.json().get("violations").toString())
                .contains(WRONG_CHECK_DIGIT_MASKED);
        assertThat(tried.body()).doesNotContain(WRONG_CHECK_DIGIT);
        assertThat(tried.json().has("rejectionId")).isFalse();
        assertThat(real.json().has("rejectionId")).isTrue();
    }

    @Test
    void anEventAlreadyAcceptedIsADuplicateAndAnotherPayloadUnderItsIdAConflictKeepingNothing() {
        ObjectNode tip = example("TipReported", "dry-run-resent-1");
        Answer accepted = senders.post("COMMUNITY", tip);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        ObjectNode changed = tip.deepCopy();
        fact(changed).put("note", "另一份内容");
        Map<String, Long> before = kept();

        Answer duplicate = tryOne("COMMUNITY", tip);
        Answer conflict = tryOne("COMMUNITY", changed);

        assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(200);
        assertThat(duplicate.json().get("status").asString()).isEqualTo("duplicate");
        assertThat(duplicate.json().get("platformEventId").asString())
                .isEqualTo(accepted.json().get("platformEventId").asString());
        assertThat(conflict.status()).as(conflict.body()).isEqualTo(409);
        assertThat(conflict.json().has("rejectionId")).isFalse();
        assertThat(kept()).isEqualTo(before);
    }

    @Test
    void anNdjsonStreamWithGoodAndBadLinesIsAnsweredLineByLineAsARealOneAndNothingIsKept() {
        List<ObjectNode> lines = List.of(
                example("TipReported", "dry-run-line-1"),
                withIdentityNumber(example("TipReported", "dry-run-line-2"), WRONG_CHECK_DIGIT),
                example("TipReported", "dry-run-line-3"));
        Map<String, Long> before = kept();

        List<EventResult> tried = tryStream("COMMUNITY", lines);

        assertThat(kept()).isEqualTo(before);
        List<EventResult> real = senders.stream("COMMUNITY", lines);
        assertThat(tried)
                .extracting(EventResult::line, EventResult::status, EventResult::platformEventId)
                .containsExactly(tuple(1L, "valid", null), tuple(2L, "rejected", null), tuple(3L, "valid", null));
        assertThat(real).extracting(EventResult::status).containsExactly("accepted", "rejected", "accepted");
        assertThat(tried.get(1).violations()).isNotEmpty().isEqualTo(real.get(1).violations());
        assertThat(tried.get(1).violations())
                .extracting(EventResult.ViolationView::offendingValue)
                .contains(WRONG_CHECK_DIGIT_MASKED)
                .doesNotContain(WRONG_CHECK_DIGIT);
    }

    @Test
    void aCsvFileWithGoodAndBadRowsIsAnsweredRowByRowAsARealSubmissionAndNoSubmissionIsStored() {
        String csv = "eventId,occurredAt,reportedAt,identityNumber,communityCode,reporterRole,reporterId,needs[0],"
                + "urgency,note\r\n"
                + "dry-run-csv-1,2026-11-20T02:00:00Z,2026-11-20T03:00:00Z,"
                + ReportingFixtures.HEAD_IDENTITY_NUMBER
                + ",110105001001,GRID_WORKER,GRID-0012,临时救助,IN_STAGES,独居老人冬季取暖困难\r\n"
                + "dry-run-csv-2,2026-11-20T02:00:00Z,2026-11-20T03:00:00Z," + WRONG_CHECK_DIGIT
                + ",110105001001,GRID_WORKER,GRID-0012,临时救助,IN_STAGES,独居老人冬季取暖困难\r\n"
                + "dry-run-csv-3,2026-11-20T02:00:00Z,2026-11-20T03:00:00Z,"
                + ReportingFixtures.HEAD_IDENTITY_NUMBER
                + ",110105001001,GRID_WORKER,GRID-0012,临时救助,NOT_AN_URGENCY,独居老人冬季取暖困难\r\n";
        byte[] file = csv.getBytes(StandardCharsets.UTF_8);
        Map<String, Long> before = kept();

        Answer tried = answer(http.post()
                .uri(uri -> uri.path("/submissions/dry-run")
                        .queryParam("type", "TipReported")
                        .build())
                .header("X-API-Key", senders.key("COMMUNITY"))
                .contentType(new MediaType("text", "csv"))
                .accept(MediaType.APPLICATION_NDJSON)
                .bodyValue(file));

        assertThat(kept()).isEqualTo(before);
        assertThat(tried.status()).as(tried.body()).isEqualTo(200);
        assertThat(tried.body()).doesNotContain(WRONG_CHECK_DIGIT, ReportingFixtures.HEAD_IDENTITY_NUMBER);
        List<EventResult> triedRows = tried.body()
                .lines()
                .map(line -> ReportingFixtures.json(line))
                .map(node ->
                        tools.jackson.databind.json.JsonMapper.builder().build().treeToValue(node, EventResult.class))
                .toList();
        Answer submitted = answer(http.post()
                .uri(uri -> uri.path("/submissions")
                        .queryParam("type", "TipReported")
                        .build())
                .header("X-API-Key", senders.key("COMMUNITY"))
                .contentType(new MediaType("text", "csv"))
                .bodyValue(file));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        List<EventResult> realRows = senders.results(
                "COMMUNITY",
                "/submissions/{id}/rows",
                submitted.json().get("id").asString());
        assertThat(triedRows)
                .extracting(EventResult::line, EventResult::status)
                .containsExactly(tuple(1L, "valid"), tuple(2L, "rejected"), tuple(3L, "rejected"));
        assertThat(realRows)
                .extracting(EventResult::line, EventResult::status)
                .containsExactly(tuple(1L, "accepted"), tuple(2L, "rejected"), tuple(3L, "rejected"));
        for (int row : List.of(1, 2)) {
            assertThat(triedRows.get(row).violations())
                    .isNotEmpty()
                    .isEqualTo(realRows.get(row).violations());
        }
        assertThat(triedRows.get(1).violations())
                .extracting(EventResult.ViolationView::offendingValue)
                .contains(WRONG_CHECK_DIGIT_MASKED);
    }

    @Test
    void aCsvFileOfATypeTheDepartmentMayNotReportIsRefusedAsARealSubmissionIs() {
        byte[] file = "eventId\r\nx\r\n".getBytes(StandardCharsets.UTF_8);
        Answer tried = answer(http.post()
                .uri(uri -> uri.path("/submissions/dry-run")
                        .queryParam("type", "HouseholdRegistered")
                        .build())
                .header("X-API-Key", senders.key("COMMUNITY"))
                .contentType(new MediaType("text", "csv"))
                .bodyValue(file));
        Answer real = answer(http.post()
                .uri(uri -> uri.path("/submissions")
                        .queryParam("type", "HouseholdRegistered")
                        .build())
                .header("X-API-Key", senders.key("COMMUNITY"))
                .contentType(new MediaType("text", "csv"))
                .bodyValue(file));

        assertThat(tried.status()).as(tried.body()).isEqualTo(real.status()).isEqualTo(403);
        assertThat(tried.json().get("detail").asString())
                .isEqualTo(real.json().get("detail").asString());
    }

    @Test
    void aDryRunIsHeldToTheDepartmentsRateLimitAsARealOneIs() {
        ReportingFixtures.changeTerms(http, ADMIN_KEY, "JUSTICE", terms -> terms.put("rateLimitPerSecond", 1));
        // as in EventRefusalTests: a stream of one event takes this second's permit and waits for the next second's,
        // so the request right after it is over the limit
        List<EventResult> stream = tryStream("JUSTICE", List.of(example("ReleasedFromCustody", "dry-run-rate-1")));
        assertThat(stream).extracting(EventResult::status).containsExactly("valid");

        Answer refused = tryOne("JUSTICE", example("ReleasedFromCustody", "dry-run-rate-2"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.headers().getFirst(org.springframework.http.HttpHeaders.RETRY_AFTER))
                .isEqualTo("1");
        assertThat(refused.json().get("detail").asString())
                .isEqualTo("department JUSTICE is over its rate limit of 1 events per second");
    }
}
