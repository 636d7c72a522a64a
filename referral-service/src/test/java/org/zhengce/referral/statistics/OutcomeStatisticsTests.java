package org.zhengce.referral.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.zhengce.referral.ReferralStackTest;

/**
 * The outcome figures of issue 20 (item 7): the delivery rate of services (服务送达率) and the households'
 * evaluations of the services delivered, averaged per area and organisation, over a fixed set of cases, referrals
 * and evaluations written straight into the tables; and the upward reports as xlsx, opened with fastexcel's reader.
 */
class OutcomeStatisticsTests extends ReferralStackTest {

    private static final String DISTRICT = "110105";
    private static final String JIANWAI = "110105001";
    private static final String CHAOWAI = "110105002";
    private static final String YONGANLI = "110105001001";
    private static final String JIXIANGLI = "110105002001";
    private static final String YANGGUANG = "org-yangguang-social-work";
    private static final String VOLUNTEERS = "org-chaoyang-volunteers";
    private static final String PERIOD = "&from=2026-11-01&to=2026-11-30";
    private static final String DISTRICT_SUPERVISOR = supervisor("supervisor-chaoyang", DISTRICT);

    private static boolean loaded;

    @Autowired
    DatabaseClient db;

    /**
     * Once per class (the database is the class's). D1: dibao granted (evaluated 5, delivered), Yangguang's service
     * completed (4, delivered), tracking; D2: an application rejected, a referral declined; D3: Yangguang's service
     * completed (2, the household says it was not delivered), Volunteers' accepted, an application under way.
     */
    @BeforeEach
    void writeTheCases() {
        if (loaded) {
            return;
        }
        UUID d1 = kase("D1", YONGANLI, "2026-11-03T02:00:00Z");
        evaluated(referral(d1, 0, "COMPREHENSIVE_SERVICE", null, "GRANTED"), 5, true);
        evaluated(referral(d1, 1, "REFERRAL", YANGGUANG, "COMPLETED"), 4, true);
        referral(d1, 2, "TRACKING", null, "ACTIVE");
        UUID d2 = kase("D2", YONGANLI, "2026-11-05T02:00:00Z");
        referral(d2, 0, "COMPREHENSIVE_SERVICE", null, "REJECTED");
        referral(d2, 1, "REFERRAL", VOLUNTEERS, "DECLINED");
        UUID d3 = kase("D3", JIXIANGLI, "2026-11-07T02:00:00Z");
        evaluated(referral(d3, 0, "REFERRAL", YANGGUANG, "COMPLETED"), 2, false);
        referral(d3, 1, "REFERRAL", VOLUNTEERS, "ACCEPTED");
        referral(d3, 2, "COMPREHENSIVE_SERVICE", null, "APPLIED");
        // opened in October: outside the period, its delivered and evaluated service counts nowhere
        UUID old = kase("D4", YONGANLI, "2026-10-20T02:00:00Z");
        evaluated(referral(old, 0, "REFERRAL", YANGGUANG, "COMPLETED"), 1, false);
        // cases from warnings, for the precision by reason: W1 raised for a hospital stay, escalated for a job lost
        // too, and verified; W2 raised for a job lost, a false alarm; W3 raised for a hospital stay, no verdict yet
        UUID w1 = warnedCase("W1", "2026-11-10T02:00:00Z", "verified_at = opened_at + interval '2 days'");
        warning(w1, "RAISED", reason("HospitalAdmitted", "HEALTH"));
        warning(w1, "ESCALATED", reason("HospitalAdmitted", "HEALTH") + ", " + reason("JobLost", "ECONOMIC_SITUATION"));
        UUID w2 = warnedCase(
                "W2",
                "2026-11-11T02:00:00Z",
                "dismissed_at = opened_at + interval '1 day', dismissal_reason = 'NOT_IN_DIFFICULTY'");
        warning(w2, "RAISED", reason("JobLost", "ECONOMIC_SITUATION"));
        UUID w3 = warnedCase("W3", "2026-11-12T02:00:00Z", "first_visited_at = null");
        warning(w3, "RAISED", reason("HospitalAdmitted", "HEALTH"));
        loaded = true;
    }

    @Test
    void deliveryRateIsServicesDeliveredOverServicesCommittedPerArea() {
        AreaStatistics statistics = statistics();

        // 7 services (tracking is none): dibao granted and two referrals completed; one rejected, one declined
        assertThat(statistics.total().delivery()).isEqualTo(new AreaFigures.Delivery(7, 3, 2, 2, 0.4286));
        assertThat(statistics.children()).extracting(AreaFigures::code).containsExactly(JIANWAI, CHAOWAI);
        assertThat(statistics.children().get(0).delivery()).isEqualTo(new AreaFigures.Delivery(4, 2, 2, 0, 0.5));
        assertThat(statistics.children().get(1).delivery()).isEqualTo(new AreaFigures.Delivery(3, 1, 0, 2, 0.3333));
    }

    @Test
    void householdEvaluationsAreAveragedPerAreaAndOrganisation() {
        AreaStatistics statistics = statistics();

        // (5 + 4 + 2) / 3; D4's evaluation is October's
        assertThat(statistics.total().feedback()).isEqualTo(new AreaFigures.FeedbackFigures(3, 3.67, 2, 1));
        assertThat(statistics.children().get(0).feedback()).isEqualTo(new AreaFigures.FeedbackFigures(2, 4.5, 2, 0));
        assertThat(statistics.children().get(1).feedback()).isEqualTo(new AreaFigures.FeedbackFigures(1, 2.0, 0, 1));
        assertThat(statistics.total().referralsByOrganisation())
                .extracting(o -> o.id() + " " + o.evaluations() + " " + o.averageSatisfaction())
                .containsExactly(VOLUNTEERS + " 0 null", YANGGUANG + " 2 3.0");
        assertThat(statistics.children().get(0).referralsByOrganisation())
                .extracting(o -> o.id() + " " + o.evaluations() + " " + o.averageSatisfaction())
                .containsExactly(VOLUNTEERS + " 0 null", YANGGUANG + " 1 4.0");
    }

    @Test
    void statisticsAsXlsxHoldTheSameFiguresAsNumbers() throws IOException {
        byte[] body = http.get()
                .uri("/statistics?area=" + DISTRICT + PERIOD + "&format=xlsx")
                .headers(h -> h.setBearerAuth(DISTRICT_SUPERVISOR))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(StatisticsXlsx.MEDIA_TYPE)
                .expectHeader()
                .value(
                        HttpHeaders.CONTENT_DISPOSITION,
                        value -> assertThat(value)
                                .startsWith("attachment")
                                .contains("filename=\"statistics-110105-2026-11-01-2026-11-30.xlsx\""))
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();

        List<Row> rows = sheet(Objects.requireNonNull(body));
        assertThat(rows).hasSize(4);
        Row header = rows.get(0);
        assertThat(header.getCellText(0)).isEqualTo("区划代码 Area code");
        int services = column(header, "服务事项 Services committed");
        int rate = column(header, "服务送达率 Delivery rate");
        int satisfaction = column(header, "平均满意度 Average satisfaction");
        Row district = rows.get(1);
        assertThat(district.getCellText(0)).isEqualTo("110105");
        assertThat(district.getCellText(1)).isEqualTo("朝阳区");
        // opened in November: D1 to D3 and W1 to W3
        assertThat(district.getCellAsNumber(5)).contains(new BigDecimal("6"));
        assertThat(district.getCellAsNumber(services)).contains(new BigDecimal("7"));
        assertThat(district.getCellAsNumber(rate)).contains(new BigDecimal("0.4286"));
        assertThat(district.getCellAsNumber(satisfaction)).contains(new BigDecimal("3.67"));
        assertThat(rows.get(3).getCellText(0)).isEqualTo(CHAOWAI);
        assertThat(rows.get(3).getCellAsNumber(rate)).contains(new BigDecimal("0.3333"));

        // the CSV has the same cells, as text
        String csv = new String(
                Objects.requireNonNull(http.get()
                        .uri("/statistics?area=" + DISTRICT + PERIOD + "&format=csv")
                        .headers(h -> h.setBearerAuth(DISTRICT_SUPERVISOR))
                        .exchange()
                        .expectBody(byte[].class)
                        .returnResult()
                        .getResponseBody()),
                StandardCharsets.UTF_8);
        List<String> csvDistrict = List.of(csv.split("\r\n")[1].split(",", -1));
        for (int column = 0; column < header.getCellCount(); column++) {
            assertThat(csvDistrict.get(column))
                    .as("column %s", header.getCellText(column))
                    .isEqualTo(text(district, column));
        }
    }

    @Test
    void precisionIsBrokenDownByTheReasonsOfTheWarnings() {
        WarningPrecisionReport report = Objects.requireNonNull(http.get()
                .uri("/statistics/warning-precision?area=" + DISTRICT + PERIOD)
                .headers(h -> h.setBearerAuth(DISTRICT_SUPERVISOR))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(WarningPrecisionReport.class)
                .returnResult()
                .getResponseBody());

        assertThat(report.total().precision()).isEqualTo(0.5);
        // W1 counts once under the hospital stay although two of its warnings name it
        assertThat(report.byReason())
                .extracting(v -> v.key() + " verified=" + v.verified() + " falseAlarms=" + v.falseAlarms()
                        + " withoutVerdict=" + v.withoutVerdict() + " precision=" + v.precision())
                .containsExactly(
                        "JobLost@ECONOMIC_SITUATION verified=1 falseAlarms=1 withoutVerdict=0 precision=0.5",
                        "HospitalAdmitted@HEALTH verified=1 falseAlarms=0 withoutVerdict=1 precision=1.0");
        // and by the model rule each reason names
        assertThat(report.byRule())
                .extracting(v -> v.key() + " verified=" + v.verified() + " falseAlarms=" + v.falseAlarms()
                        + " withoutVerdict=" + v.withoutVerdict())
                .containsExactly(
                        "rule-HospitalAdmitted verified=1 falseAlarms=0 withoutVerdict=1",
                        "rule-JobLost verified=1 falseAlarms=1 withoutVerdict=0");
    }

    @Test
    void precisionAsXlsxIsChosenByTheAcceptHeader() throws IOException {
        byte[] body = http.get()
                .uri("/statistics/warning-precision?area=" + DISTRICT + PERIOD)
                .headers(h -> {
                    h.setBearerAuth(DISTRICT_SUPERVISOR);
                    h.set(HttpHeaders.ACCEPT, StatisticsXlsx.MEDIA_TYPE + ", application/json;q=0.5");
                })
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.parseMediaType(StatisticsXlsx.MEDIA_TYPE))
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();

        List<Row> rows = sheet(Objects.requireNonNull(body));
        assertThat(rows.get(0).getCellText(0)).isEqualTo("维度 Dimension");
        assertThat(rows.get(1).getCellText(0)).isEqualTo("TOTAL");
        assertThat(rows.get(1).getCellText(1)).isEqualTo(DISTRICT);
        // W1 verified, W2 a false alarm: two verdicts, precision 0.5
        assertThat(rows.get(1).getCellAsNumber(9)).contains(new BigDecimal("2"));
        assertThat(rows.get(1).getCellAsNumber(10)).contains(new BigDecimal("0.5"));
        assertThat(rows.stream()
                        .filter(row -> row.getCellText(0).equals("REASON"))
                        .map(row -> row.getCellText(1) + " " + text(row, 10)))
                .containsExactly("JobLost@ECONOMIC_SITUATION 0.5", "HospitalAdmitted@HEALTH 1");
    }

    // --- helpers

    private AreaStatistics statistics() {
        return Objects.requireNonNull(http.get()
                .uri("/statistics?area=" + DISTRICT + PERIOD)
                .headers(h -> h.setBearerAuth(DISTRICT_SUPERVISOR))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(AreaStatistics.class)
                .returnResult()
                .getResponseBody());
    }

    private static List<Row> sheet(byte[] xlsx) throws IOException {
        assertThat(ReadableWorkbook.isOOXMLZipHeader(xlsx)).isTrue();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getFirstSheet();
            return sheet.read();
        }
    }

    private static int column(Row header, String name) {
        for (int i = 0; i < header.getCellCount(); i++) {
            if (name.equals(header.getCellText(i))) {
                return i;
            }
        }
        throw new AssertionError("no column " + name);
    }

    /** A cell as the CSV writes it: a number without trailing zeros, text as it is, empty when absent. */
    private static String text(Row row, int column) {
        return row.getOptionalCell(column)
                .map(cell -> cell.getType() == CellType.NUMBER
                        ? cell.asNumber().stripTrailingZeros().toPlainString()
                        : cell.getText())
                .orElse("");
    }

    private UUID kase(String name, String community, String openedAt) {
        UUID id = UUID.nameUUIDFromBytes(("outcome-case-" + name).getBytes(StandardCharsets.UTF_8));
        Instant opened = Instant.parse(openedAt);
        db.sql("insert into cases (id, household_number, community_code, status, urgency, category, owner_id,"
                        + " owner_role, version, opened_at, updated_at, stage, first_visited_at, verified_at,"
                        + " referred_at, tier) values (:id, :household, :community, 'OPEN', 'IN_STAGES',"
                        + " 'ASSISTANCE_MISSING', 'advisor-wang-fang', 'ADVISOR', 1, :opened, :opened, 'REFERRED',"
                        + " :opened, :opened, :opened, 'COMPREHENSIVE_SERVICE')")
                .bind("id", id)
                .bind("household", "H-OUTCOME-" + name)
                .bind("community", community)
                .bind("opened", opened)
                .then()
                .block(Duration.ofSeconds(10));
        return id;
    }

    /** A case of 永安里 opened from a warning of model m-1, visited, then {@code verdict} (an SQL assignment). */
    private UUID warnedCase(String name, String openedAt, String verdict) {
        UUID id = kase(name, YONGANLI, openedAt);
        db.sql("update cases set warning_id = 'warning-' || household_number, model_version = 'm-1',"
                        + " verified_at = null, referred_at = null, tier = null, stage = 'VISITED' where id = :id")
                .bind("id", id)
                .then()
                .block(Duration.ofSeconds(10));
        db.sql("update cases set " + verdict + " where id = :id")
                .bind("id", id)
                .then()
                .block(Duration.ofSeconds(10));
        return id;
    }

    /** A warning kept on the case (as the warnings feature keeps it) with {@code reasons} (JSON objects). */
    private void warning(UUID caseId, String fact, String reasons) {
        db.sql("insert into case_warnings (case_id, event_id, warning_id, fact, category, level, total, threshold,"
                        + " model_version, raised_at, reasons) select c.id, :event, c.warning_id, :fact,"
                        + " 'ASSISTANCE_MISSING', 'ORANGE', 62, 60, 'm-1', c.opened_at, :reasons::jsonb"
                        + " from cases c where c.id = :case")
                .bind("case", caseId)
                .bind("event", caseId + "-" + fact)
                .bind("fact", fact)
                .bind("reasons", "[" + reasons + "]")
                .then()
                .block(Duration.ofSeconds(10));
    }

    private static String reason(String eventType, String dimension) {
        return "{\"department\": \"CIVIL_AFFAIRS\", \"eventId\": \"e-" + eventType + "\", \"eventType\": \""
                + eventType + "\", \"occurredAt\": \"2026-11-01T00:00:00Z\", \"dimension\": \"" + dimension
                + "\", \"points\": 10, \"rule\": \"rule-" + eventType + "\"}";
    }

    private UUID referral(UUID caseId, int index, String tier, @Nullable String organisation, String status) {
        UUID id = UUID.nameUUIDFromBytes((caseId + "-referral-" + index).getBytes(StandardCharsets.UTF_8));
        DatabaseClient.GenericExecuteSpec insert = db.sql("insert into case_referrals (id, case_id, plan_version,"
                        + " tier, programme, organisation_id, service, status, created_at, updated_at) values (:id,"
                        + " :case, 1, :tier, :programme, :organisation, :service, :status, now(), now())")
                .bind("id", id)
                .bind("case", caseId)
                .bind("tier", tier)
                .bind("status", status);
        insert = tier.equals("COMPREHENSIVE_SERVICE")
                ? insert.bind("programme", "DIBAO")
                : insert.bindNull("programme", String.class);
        insert = organisation == null
                ? insert.bindNull("organisation", String.class).bindNull("service", String.class)
                : insert.bind("organisation", organisation).bind("service", "care.elderly-visit");
        insert.then().block(Duration.ofSeconds(10));
        return id;
    }

    private void evaluated(UUID referralId, int satisfaction, boolean delivered) {
        db.sql("insert into service_feedback (id, referral_id, case_id, satisfaction, delivered, recorded_by,"
                        + " recorder_role, recorded_at) select :id, r.id, r.case_id, :satisfaction, :delivered,"
                        + " 'advisor-wang-fang', 'ADVISOR', now() from case_referrals r where r.id = :referral")
                .bind("id", UUID.nameUUIDFromBytes(("feedback-" + referralId).getBytes(StandardCharsets.UTF_8)))
                .bind("referral", referralId)
                .bind("satisfaction", (short) satisfaction)
                .bind("delivered", delivered)
                .then()
                .block(Duration.ofSeconds(10));
    }
}
