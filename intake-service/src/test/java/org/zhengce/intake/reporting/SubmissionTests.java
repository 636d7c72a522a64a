package org.zhengce.intake.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.zhengce.intake.reporting.ReportingFixtures.HEAD_IDENTITY_NUMBER;
import static org.zhengce.intake.reporting.ReportingFixtures.WRONG_CHECK_DIGIT;
import static org.zhengce.intake.reporting.ReportingFixtures.WRONG_CHECK_DIGIT_MASKED;
import static org.zhengce.intake.reporting.ReportingFixtures.answer;
import static org.zhengce.intake.reporting.ReportingFixtures.example;
import static org.zhengce.intake.reporting.ReportingFixtures.fact;
import static org.zhengce.intake.reporting.ReportingFixtures.kept;
import static org.zhengce.intake.reporting.ReportingFixtures.withCloudEventId;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdRegistered;
import org.zhengce.events.TipReported;
import org.zhengce.intake.IntakeStackTest;
import org.zhengce.intake.reporting.ReportingFixtures.Answer;
import org.zhengce.schemas.serde.ConfluentAvroDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /submissions}: a CSV file of one event type, in UTF-8 or the GB18030 it declares, answered with its
 * report once every row is through; each row's result kept under the submission for the department that sent it.
 */
class SubmissionTests extends IntakeStackTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final MediaType CSV_GB18030 = new MediaType("text", "csv", GB18030);
    private static final List<String> ENVELOPE =
            List.of("eventId", "department", "occurredAt", "reportedAt", "communityCode");

    private final Map<String, String> keys = new HashMap<>();

    private String key(String department) {
        return keys.computeIfAbsent(department, this::issueKey);
    }

    // ---- fixtures: events as rows of a CSV file ----

    /** The columns of an event in its JSON form: envelope, subject, then the fact's fields by path. */
    private static Map<String, String> columnsOf(ObjectNode event) {
        Map<String, String> columns = new LinkedHashMap<>();
        ENVELOPE.stream()
                .filter(event::has)
                .forEach(name -> columns.put(name, event.get(name).asString()));
        event.get("subject")
                .properties()
                .forEach(entry -> columns.put(entry.getKey(), entry.getValue().asString()));
        flatten(event.get("fact"), "", columns);
        // a household fact's own communityCode comes from the envelope's column
        columns.remove("fact.communityCode");
        return columns;
    }

    private static void flatten(JsonNode node, String path, Map<String, String> columns) {
        if (node.isObject()) {
            node.properties()
                    .forEach(entry -> flatten(
                            entry.getValue(), path.isEmpty() ? entry.getKey() : path + "." + entry.getKey(), columns));
        } else if (node.isArray()) {
            for (int index = 0; index < node.size(); index++) {
                flatten(node.get(index), path + "[" + index + "]", columns);
            }
        } else {
            columns.put(path.equals("communityCode") ? "fact.communityCode" : path, node.asString());
        }
    }

    /** A CSV file (header row, then one row per event, CRLF line ends) of {@code events}. */
    private static String csv(List<ObjectNode> events) {
        List<Map<String, String>> rows =
                events.stream().map(SubmissionTests::columnsOf).toList();
        Set<String> header = new LinkedHashSet<>();
        rows.forEach(row -> header.addAll(row.keySet()));
        StringBuilder csv = new StringBuilder(line(List.copyOf(header)));
        rows.forEach(row -> csv.append(
                line(header.stream().map(column -> row.getOrDefault(column, "")).toList())));
        return csv.toString();
    }

    private static String line(List<String> cells) {
        return cells.stream()
                        .map(cell -> cell.contains(",") || cell.contains("\"")
                                ? "\"" + cell.replace("\"", "\"\"") + "\""
                                : cell)
                        .collect(Collectors.joining(","))
                + "\r\n";
    }

    private static List<ObjectNode> tips() {
        ObjectNode first = example("TipReported", "csv-tip-1");
        ObjectNode second = example("TipReported", "csv-tip-2");
        fact(second).put("note", "独居老人冬季取暖困难，煤气费欠缴三个月");
        return List.of(first, second);
    }

    private Answer submit(String department, String type, MediaType contentType, byte[] file) {
        return answer(http.post()
                .uri(uri -> uri.path("/submissions")
                        .queryParam("type", type)
                        .queryParam("fileName", "nightly.csv")
                        .build())
                .header("X-API-Key", key(department))
                .contentType(contentType)
                .bodyValue(file));
    }

    private Answer report(String department, UUID id) {
        return answer(http.get().uri("/submissions/{id}", id).header("X-API-Key", key(department)));
    }

    private List<EventResult> rows(String department, UUID id) {
        return ReportingFixtures.rowsOf(http, key(department), id);
    }

    private static UUID created(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        UUID id = UUID.fromString(answer.json().get("id").asString());
        assertThat(answer.headers().getFirst(HttpHeaders.LOCATION)).isEqualTo("/submissions/" + id);
        return id;
    }

    private static void assertCounts(JsonNode report, int rows, int accepted, int duplicates, int rejected) {
        assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(report.get("rows").asInt()).isEqualTo(rows);
        assertThat(report.get("accepted").asInt()).isEqualTo(accepted);
        assertThat(report.get("duplicates").asInt()).isEqualTo(duplicates);
        assertThat(report.get("rejected").asInt()).isEqualTo(rejected);
        assertThat(report.get("pending").asInt()).isZero();
    }

    /** The one record on household.events of each accepted row, decoded, in row order. */
    private List<HouseholdEvent> publishedOnce(List<EventResult> accepted) {
        List<ConsumerRecord<String, byte[]>> published = readAll(HOUSEHOLD_EVENTS);
        ConfluentAvroDeserializer<HouseholdEvent> reader = ReportingFixtures.householdEvents(registryUrl());
        List<HouseholdEvent> events = new ArrayList<>();
        for (EventResult row : accepted) {
            List<ConsumerRecord<String, byte[]>> mine = withCloudEventId(published, row.platformEventId());
            assertThat(mine).as("row %d on %s", row.line(), HOUSEHOLD_EVENTS).hasSize(1);
            events.add(reader.deserialize(HOUSEHOLD_EVENTS, mine.get(0).value()));
        }
        return events;
    }

    // ---- files that are read ----

    @Test
    void utf8FileOfHouseholdsIsReportedRowByRowAndItsChineseArrivesIntact() {
        ObjectNode first = example("HouseholdRegistered", "csv-household-1");
        ObjectNode second = example("HouseholdRegistered", "csv-household-2");
        fact(second).put("address", "北京市朝阳区光华路8号院1号楼601室");
        fact(second).put("headName", "王淑芬");
        // the head of the second household is a woman: the spouse becomes head, the head her spouse
        ((ObjectNode) fact(second).get("members").get(0)).put("relationToHead", "SPOUSE");
        ((ObjectNode) fact(second).get("members").get(1)).put("relationToHead", "HEAD");
        byte[] file = csv(List.of(first, second)).getBytes(StandardCharsets.UTF_8);

        Answer answer = submit("CIVIL_AFFAIRS", "HouseholdRegistered", new MediaType("text", "csv"), file);

        UUID id = created(answer);
        assertCounts(answer.json(), 2, 2, 0, 0);
        assertThat(answer.json().get("department").asString()).isEqualTo("CIVIL_AFFAIRS");
        assertThat(answer.json().get("eventType").asString()).isEqualTo("HouseholdRegistered");
        assertThat(answer.json().get("fileName").asString()).isEqualTo("nightly.csv");
        assertThat(answer.json().get("charset").asString()).isEqualTo("UTF-8");
        Answer again = report("CIVIL_AFFAIRS", id);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(answer.json());
        List<EventResult> rows = rows("CIVIL_AFFAIRS", id);
        assertThat(rows)
                .extracting(EventResult::line, EventResult::eventId, EventResult::status)
                .containsExactly(tuple(1L, "csv-household-1", "accepted"), tuple(2L, "csv-household-2", "accepted"));
        assertThat(publishedOnce(rows))
                .extracting(e -> (HouseholdRegistered) e.getFact())
                .extracting(HouseholdRegistered::getAddress, HouseholdRegistered::getHeadName)
                .containsExactly(tuple("北京市朝阳区幸福路1号院3号楼2单元401室", "张建国"), tuple("北京市朝阳区光华路8号院1号楼601室", "王淑芬"));
    }

    @Test
    void gb18030FileIsReadInTheCharsetItDeclares() {
        byte[] file = csv(tips()).getBytes(GB18030);

        Answer answer = submit("COMMUNITY", "TipReported", CSV_GB18030, file);

        UUID id = created(answer);
        assertCounts(answer.json(), 2, 2, 0, 0);
        assertThat(answer.json().get("charset").asString()).isEqualTo("GB18030");
        List<EventResult> rows = rows("COMMUNITY", id);
        assertThat(rows)
                .extracting(EventResult::line, EventResult::status)
                .containsExactly(tuple(1L, "accepted"), tuple(2L, "accepted"));
        assertThat(publishedOnce(rows))
                .extracting(e -> (TipReported) e.getFact())
                .extracting(TipReported::getNote, tip -> List.copyOf(tip.getNeeds()))
                .containsExactly(
                        tuple("邻居反映该户近两个月未交房租，孩子常缺课", List.of("临时救助")), tuple("独居老人冬季取暖困难，煤气费欠缴三个月", List.of("临时救助")));
    }

    @Test
    void gb18030FileSentAsUtf8IsRefusedNamingTheFirstByteThatIsNotUtf8() {
        String content =
                csv(List.of(example("TipReported", "csv-misdeclared-1"), example("TipReported", "csv-misdeclared-2")));
        byte[] file = content.getBytes(GB18030);
        // the first Chinese character, 临, is C1 D9 in GB18030: C1 never starts a UTF-8 character
        int firstChinese = content.indexOf("临");
        assertThat(file[firstChinese]).isEqualTo((byte) 0xC1);

        Answer answer = submit("COMMUNITY", "TipReported", new MediaType("text", "csv", StandardCharsets.UTF_8), file);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.json().get("detail").asString())
                .isEqualTo("not valid UTF-8 at byte " + firstChinese
                        + " (send charset=GB18030 in Content-Type if the file is GB18030)");
        UUID id = UUID.fromString(answer.json().get("submissionId").asString());
        JsonNode report = report("COMMUNITY", id).json();
        assertThat(report.get("status").asString()).isEqualTo("REJECTED");
        assertThat(report.get("problem").asString())
                .isEqualTo(answer.json().get("detail").asString());
        assertThat(report.get("rows").asInt()).isZero();
        assertThat(rows("COMMUNITY", id)).isEmpty();
    }

    @Test
    void rowWithAWrongCheckDigitIsRejectedAloneAndKeptAndTheOthersAreAccepted() {
        ObjectNode bad = example("HospitalDischarged", "csv-discharged-2");
        ((ObjectNode) bad.get("subject")).put("identityNumber", WRONG_CHECK_DIGIT);
        byte[] file = csv(List.of(
                        example("HospitalDischarged", "csv-discharged-1"),
                        bad,
                        example("HospitalDischarged", "csv-discharged-3")))
                .getBytes(StandardCharsets.UTF_8);

        Answer answer = submit("HEALTH", "HospitalDischarged", new MediaType("text", "csv"), file);

        UUID id = created(answer);
        assertCounts(answer.json(), 3, 2, 0, 1);
        List<EventResult> rows = rows("HEALTH", id);
        assertThat(rows)
                .extracting(EventResult::line, EventResult::eventId, EventResult::status)
                .containsExactly(
                        tuple(1L, "csv-discharged-1", "accepted"),
                        tuple(2L, "csv-discharged-2", "rejected"),
                        tuple(3L, "csv-discharged-3", "accepted"));
        EventResult rejected = rows.get(1);
        assertThat(rejected.violations())
                .extracting(
                        EventResult.ViolationView::fieldPath,
                        EventResult.ViolationView::rule,
                        EventResult.ViolationView::offendingValue)
                .containsExactly(
                        tuple("subject.identityNumber", "identity-number.check-digit", WRONG_CHECK_DIGIT_MASKED));
        JsonNode kept = kept(http, ADMIN_KEY, rejected.rejectionId());
        assertThat(kept.get("channel").asString()).isEqualTo("CSV");
        assertThat(kept.get("sourceRef").asString()).isEqualTo("submission " + id + " row 2");
        assertThat(ReportingFixtures.violationsOf(kept))
                .containsExactly(tuple("subject.identityNumber", "identity-number.check-digit"));
        assertThat(kept.get("maskedPayload").asString())
                .contains(WRONG_CHECK_DIGIT_MASKED)
                .doesNotContain(WRONG_CHECK_DIGIT, HEAD_IDENTITY_NUMBER);
        assertThat(publishedOnce(List.of(rows.get(0), rows.get(2))))
                .extracting(HouseholdEvent::getEventId)
                .containsExactly("csv-discharged-1", "csv-discharged-3");
    }

    // ---- refusals ----

    @Test
    void anotherDepartmentCannotReadTheSubmission() {
        UUID id = created(submit(
                "COMMUNITY",
                "TipReported",
                new MediaType("text", "csv"),
                csv(List.of(example("TipReported", "csv-private-1"))).getBytes(StandardCharsets.UTF_8)));

        Answer report = report("HEALTH", id);
        Answer rows = answer(http.get()
                .uri("/submissions/{id}/rows", id)
                .header("X-API-Key", key("HEALTH"))
                .accept(MediaType.APPLICATION_NDJSON, MediaType.APPLICATION_PROBLEM_JSON));

        for (Answer refused : List.of(report, rows)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(404);
            assertThat(refused.body()).doesNotContain("TipReported", "csv-private-1");
        }
        assertThat(report("COMMUNITY", id).status()).isEqualTo(200);
    }

    @Test
    void fileOfAnUnknownTypeIsRefused() {
        Answer answer = submit(
                "HEALTH",
                "HospitalTransferred",
                new MediaType("text", "csv"),
                csv(List.of(example("HospitalDischarged", "csv-unknown-type-1")))
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.json().get("detail").asString()).startsWith("unknown event type 'HospitalTransferred'");
    }

    @Test
    void fileOfATypeTheDepartmentMayNotReportIsForbidden() {
        ObjectNode event = example("EmploymentEnded", "csv-not-allowed-1");
        event.remove("department");

        Answer answer = submit(
                "HEALTH",
                "EmploymentEnded",
                new MediaType("text", "csv"),
                csv(List.of(event)).getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).as(answer.body()).isEqualTo(403);
        assertThat(answer.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.json().get("detail").asString())
                .isEqualTo("department HEALTH may not report EmploymentEnded");
    }
}
