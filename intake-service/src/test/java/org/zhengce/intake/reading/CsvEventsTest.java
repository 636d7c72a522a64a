package org.zhengce.intake.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhengce.events.Department;
import org.zhengce.events.HospitalDischarged;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.HouseholdRegistered;
import org.zhengce.intake.reading.CsvEvents.CsvRow;
import org.zhengce.intake.validation.ValidationRule;
import org.zhengce.intake.validation.Violation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class CsvEventsTest {

    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final String ADDRESS = "北京市朝阳区幸福路1号院3号楼2单元401室";
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final EventJson json = new EventJson();

    @TempDir
    Path directory;

    private int files;

    // --- fixtures: an example event as a CSV row ---

    /** The columns of one example as a department would export it: envelope, subject, fact paths. */
    private Map<String, String> columnsOf(DepartmentEvent event) {
        ObjectNode form = json.write(event);
        Map<String, String> columns = new LinkedHashMap<>();
        for (String name : List.of("eventId", "department", "occurredAt", "reportedAt", "communityCode")) {
            if (form.has(name)) {
                columns.put(name, form.get(name).asString());
            }
        }
        form.get("subject")
                .properties()
                .forEach(entry -> columns.put(entry.getKey(), entry.getValue().asString()));
        flatten(form.get("fact"), "", columns);
        // the household facts' own communityCode comes from the envelope's column
        if (columns.containsKey("fact.communityCode")) {
            assertThat(columns.remove("fact.communityCode")).isEqualTo(columns.get("communityCode"));
        }
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

    private static String csv(List<String> header, List<List<String>> rows) {
        StringBuilder csv = new StringBuilder(line(header));
        rows.forEach(row -> csv.append(line(row)));
        return csv.toString();
    }

    private static String line(List<String> cells) {
        return cells.stream().map(CsvEventsTest::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    private static String cell(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\""
                : value;
    }

    /** A file of rows of {@code example}'s columns, each row changed by the map of column to cell (null: removed). */
    private String csvOf(DepartmentEvent example, List<Map<String, String>> changes) {
        Map<String, String> columns = columnsOf(example);
        List<String> header = new ArrayList<>(columns.keySet());
        changes.forEach(change -> change.keySet().stream()
                .filter(column -> !header.contains(column))
                .forEach(header::add));
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, String> change : changes) {
            Map<String, String> row = new LinkedHashMap<>(columns);
            row.putAll(change);
            rows.add(header.stream().map(column -> row.getOrDefault(column, "")).toList());
        }
        return csv(header, rows);
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(directory.resolve(name), content);
    }

    private Path utf8(String content) throws IOException {
        return file("events-" + ++files + ".csv", content.getBytes(StandardCharsets.UTF_8));
    }

    private List<CsvRow> readAll(Path file, Charset charset, String eventType) {
        List<CsvRow> rows = new ArrayList<>();
        try (CsvEvents.Rows reading = CsvEvents.rows(file, charset, eventType, json)) {
            reading.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static DepartmentEvent example(String type) {
        return EventExamples.all().get(type);
    }

    // --- reading ---

    @Test
    void everyExampleSurvivesACsvRow() throws IOException {
        for (Map.Entry<String, DepartmentEvent> example : EventExamples.all().entrySet()) {
            Path file = utf8(csvOf(example.getValue(), List.of(Map.of())));

            List<CsvRow> rows = readAll(file, StandardCharsets.UTF_8, example.getKey());

            assertThat(rows).as(example.getKey()).singleElement().satisfies(row -> {
                assertThat(row.rowNumber()).isEqualTo(1);
                assertThat(row.event().violations()).as(example.getKey()).isEmpty();
                assertThat(row.event().event()).as(example.getKey()).isEqualTo(example.getValue());
            });
        }
    }

    @Test
    void utf8FileWithChineseTextIsRead() throws IOException {
        DepartmentEvent registered = example("HouseholdRegistered");
        Path file = utf8(csvOf(registered, List.of(Map.of(), Map.of("eventId", "CIVIL_AFFAIRS-2026-0002"))));

        List<CsvRow> rows = readAll(file, StandardCharsets.UTF_8, "HouseholdRegistered");

        assertThat(CsvEvents.encodingError(file, StandardCharsets.UTF_8)).isEmpty();
        assertThat(rows).extracting(CsvRow::rowNumber).containsExactly(1L, 2L);
        assertThat(rows.get(0).event().event()).isEqualTo(registered);
        assertThat(((HouseholdRegistered) rows.get(1).event().event().getFact()).getAddress())
                .isEqualTo(ADDRESS);
        assertThat(rows.get(1).event().eventId()).isEqualTo("CIVIL_AFFAIRS-2026-0002");
    }

    @Test
    void utf8FileWithByteOrderMarkIsRead() throws IOException {
        DepartmentEvent registered = example("HouseholdRegistered");
        byte[] content = csvOf(registered, List.of(Map.of())).getBytes(StandardCharsets.UTF_8);
        byte[] withMark = new byte[UTF8_BOM.length + content.length];
        System.arraycopy(UTF8_BOM, 0, withMark, 0, UTF8_BOM.length);
        System.arraycopy(content, 0, withMark, UTF8_BOM.length, content.length);
        Path file = file("bom.csv", withMark);

        assertThat(CsvEvents.encodingError(file, StandardCharsets.UTF_8)).isEmpty();
        assertThat(readAll(file, StandardCharsets.UTF_8, "HouseholdRegistered"))
                .singleElement()
                .satisfies(row -> assertThat(row.event().event()).isEqualTo(registered));
    }

    @Test
    void gb18030FileIsRead() throws IOException {
        DepartmentEvent registered = example("HouseholdRegistered");
        Path file = file("gb18030.csv", csvOf(registered, List.of(Map.of())).getBytes(GB18030));

        assertThat(CsvEvents.encodingError(file, GB18030)).isEmpty();
        assertThat(readAll(file, GB18030, "HouseholdRegistered"))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.event().violations()).isEmpty();
                    assertThat(((HouseholdRegistered) row.event().event().getFact()).getAddress())
                            .isEqualTo(ADDRESS);
                    assertThat(row.event().event()).isEqualTo(registered);
                });
    }

    @Test
    void gb18030FileReadAsUtf8IsAnEncodingErrorNamingTheByte() throws IOException {
        String content = csvOf(example("HouseholdRegistered"), List.of(Map.of()));
        byte[] bytes = content.getBytes(GB18030);
        int firstChinese = content.substring(0, content.indexOf(ADDRESS)).getBytes(GB18030).length;
        Path file = file("gb18030.csv", bytes);

        assertThat(CsvEvents.encodingError(file, StandardCharsets.UTF_8))
                .contains("not valid UTF-8 at byte " + firstChinese
                        + " (send charset=GB18030 in Content-Type if the file is GB18030)");
        assertThat(readAll(file, StandardCharsets.UTF_8, "HouseholdRegistered"))
                .last()
                .satisfies(row -> assertThat(row.event().violations())
                        .containsExactly(new Violation(
                                "",
                                ValidationRule.ENCODING,
                                "not valid UTF-8 at byte " + firstChinese
                                        + " (send charset=GB18030 in Content-Type if the file is GB18030)")));
    }

    @Test
    void invalidBytesFarIntoALargeFileAreFoundAtTheirOffset() throws IOException {
        StringBuilder content = new StringBuilder("eventId,note\n");
        for (int row = 0; row < 5_000; row++) {
            content.append("E-").append(row).append(",第").append(row).append("行\n");
        }
        byte[] good = content.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = java.util.Arrays.copyOf(good, good.length + 3);
        bad[good.length] = 'x';
        bad[good.length + 1] = (byte) 0xE5; // a three-byte character, cut after its first byte
        bad[good.length + 2] = ',';

        assertThat(CsvEvents.encodingError(file("good.csv", good), StandardCharsets.UTF_8))
                .isEmpty();
        assertThat(CsvEvents.encodingError(file("bad.csv", bad), StandardCharsets.UTF_8))
                .hasValueSatisfying(message ->
                        assertThat(message).startsWith("not valid UTF-8 at byte " + (good.length + 1) + " "));
    }

    @Test
    void malformedRowInTheMiddleDoesNotStopTheRowsAfterIt() throws IOException {
        DepartmentEvent discharged = example("HospitalDischarged");
        String content = csvOf(
                discharged,
                List.of(Map.of(), Map.of("eventId", "HEALTH-2", "lengthOfStayDays", "3"), Map.of(), Map.of()));
        List<String> lines = new ArrayList<>(content.lines().toList());
        lines.set(2, lines.get(2) + ",extra,cells");
        Path file = utf8(String.join("\n", lines) + "\n");

        List<CsvRow> rows = readAll(file, StandardCharsets.UTF_8, "HospitalDischarged");

        assertThat(rows).extracting(CsvRow::rowNumber).containsExactly(1L, 2L, 3L, 4L);
        assertThat(rows.get(1).event().event()).isNull();
        assertThat(rows.get(1).event().violations()).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo(ValidationRule.MALFORMED_CSV);
            assertThat(violation.fieldPath()).isEmpty();
            assertThat(violation.offendingValue())
                    .startsWith("row starting at line 3: line 3, column ")
                    .contains("Too many entries");
        });
        assertThat(List.of(rows.get(0), rows.get(2), rows.get(3)))
                .allSatisfy(row -> assertThat(row.event().event()).isEqualTo(discharged));
    }

    @Test
    void unbalancedQuoteEndsTheRowsWithOneMalformedRow() throws IOException {
        DepartmentEvent discharged = example("HospitalDischarged");
        String content = csvOf(discharged, List.of(Map.of(), Map.of("hospital", "QUOTE"), Map.of()));
        Path file = utf8(content.replace("QUOTE", "\"北京朝阳医院"));

        List<CsvRow> rows = readAll(file, StandardCharsets.UTF_8, "HospitalDischarged");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).event().event()).isEqualTo(discharged);
        assertThat(rows.get(1).rowNumber()).isEqualTo(2);
        assertThat(rows.get(1).event().violations())
                .extracting(Violation::rule, Violation::offendingValue)
                .singleElement()
                .satisfies(found -> assertThat(found.toList())
                        .containsExactly(
                                ValidationRule.MALFORMED_CSV,
                                "row starting at line 3: line 5, column 1: Missing closing quote for value"));
    }

    @Test
    void stopsAfterAQuotedCellFollowedByTextAndGoesOn() throws IOException {
        DepartmentEvent discharged = example("HospitalDischarged");
        String content = csvOf(discharged, List.of(Map.of("hospital", "QUOTE"), Map.of()));
        Path file = utf8(content.replace("QUOTE", "\"北京\"朝阳医院"));

        List<CsvRow> rows = readAll(file, StandardCharsets.UTF_8, "HospitalDischarged");

        assertThat(rows)
                .extracting(row ->
                        row.event().violations().stream().map(Violation::rule).toList())
                .containsExactly(List.of(ValidationRule.MALFORMED_CSV), List.of());
    }

    @Test
    void emptyCellsAreAbsent() throws IOException {
        Path discharged = utf8(csvOf(
                example("HospitalDischarged"),
                List.of(Map.of("department", "", "hospital", "", "communityCode", " "))));
        Path settled = file(
                "settled.csv",
                csvOf(example("MedicalExpenseSettled"), List.of(Map.of("totalFen", "")))
                        .getBytes(StandardCharsets.UTF_8));

        CsvRow dischargedRow = readAll(discharged, StandardCharsets.UTF_8, "HospitalDischarged")
                .get(0);
        CsvRow settledRow = readAll(settled, StandardCharsets.UTF_8, "MedicalExpenseSettled")
                .get(0);

        assertThat(dischargedRow.event().violations()).isEmpty();
        assertThat(dischargedRow.event().event().getDepartment()).isNull();
        assertThat(dischargedRow.event().event().getCommunityCode()).isNull();
        assertThat(dischargedRow.event().event().getFact()).isEqualTo(new HospitalDischarged(null, 12));
        assertThat(settledRow.event().violations())
                .containsExactly(new Violation("fact.totalFen", ValidationRule.REQUIRED, null));
    }

    @Test
    void textConversionErrorsHaveTheirPaths() throws IOException {
        Path file = utf8(csvOf(
                example("HouseholdRegistered"),
                List.of(Map.of(
                        "occurredAt", "2026/11/20 10:00",
                        "department", "民政",
                        "members[0].birthDate", "1980-1-1",
                        "members[1].sex", "女",
                        "members[2].relationToHead", "SON"))));
        Path amounts = utf8(csvOf(example("MedicalExpenseSettled"), List.of(Map.of("totalFen", "86500.00"))));

        assertThat(readAll(file, StandardCharsets.UTF_8, "HouseholdRegistered")
                        .get(0)
                        .event()
                        .violations())
                .containsExactlyInAnyOrder(
                        new Violation("occurredAt", ValidationRule.FORMAT, "2026/11/20 10:00"),
                        new Violation("department", ValidationRule.ENUM_UNKNOWN, "民政"),
                        new Violation("fact.members[0].birthDate", ValidationRule.FORMAT, "1980-1-1"),
                        new Violation("fact.members[1].sex", ValidationRule.ENUM_UNKNOWN, "女"),
                        new Violation("fact.members[2].relationToHead", ValidationRule.ENUM_UNKNOWN, "SON"));
        assertThat(readAll(amounts, StandardCharsets.UTF_8, "MedicalExpenseSettled")
                        .get(0)
                        .event()
                        .violations())
                .containsExactly(new Violation("fact.totalFen", ValidationRule.TYPE_MISMATCH, "86500.00"));
    }

    @Test
    void subjectNeedsExactlyOneOfItsColumns() throws IOException {
        DepartmentEvent discharged = example("HospitalDischarged");
        Path file = utf8(
                csvOf(discharged, List.of(Map.of("householdNumber", "110105000123"), Map.of("identityNumber", ""))));

        List<CsvRow> rows = readAll(file, StandardCharsets.UTF_8, "HospitalDischarged");

        assertThat(rows.get(0).event().violations())
                .extracting(Violation::fieldPath, Violation::rule)
                .containsExactly(tuple("subject", ValidationRule.FORMAT));
        assertThat(rows.get(1).event().violations())
                .containsExactly(new Violation("subject", ValidationRule.REQUIRED, null));
    }

    @Test
    void unknownEventTypeIsReportedOnEveryRow() throws IOException {
        Path file = utf8(csvOf(example("HospitalDischarged"), List.of(Map.of(), Map.of())));

        assertThat(readAll(file, StandardCharsets.UTF_8, "HospitalVisit"))
                .extracting(row -> row.event().eventType(), row -> row.event().violations())
                .containsExactly(
                        tuple(
                                "HospitalVisit",
                                List.of(new Violation("type", ValidationRule.EVENT_TYPE_UNKNOWN, "HospitalVisit"))),
                        tuple(
                                "HospitalVisit",
                                List.of(new Violation("type", ValidationRule.EVENT_TYPE_UNKNOWN, "HospitalVisit"))));
    }

    @Test
    void unknownColumnIsAnUnknownFactField() throws IOException {
        Map<String, String> misspelt = new LinkedHashMap<>();
        misspelt.put("totalFen", "");
        misspelt.put("totalFenn", "8650000");
        misspelt.put("members[x]", "1");
        Path file = utf8(csvOf(example("MedicalExpenseSettled"), List.of(misspelt)));

        assertThat(readAll(file, StandardCharsets.UTF_8, "MedicalExpenseSettled")
                        .get(0)
                        .event()
                        .violations())
                .containsExactlyInAnyOrder(
                        new Violation("fact.totalFen", ValidationRule.REQUIRED, null),
                        new Violation("fact.totalFenn", ValidationRule.UNKNOWN_FIELD, "8650000"),
                        new Violation("fact.members[x]", ValidationRule.UNKNOWN_FIELD, "1"));
    }

    @Test
    void arrayCellsAreColumnsByIndexAndAGapIsAMissingItem() throws IOException {
        Map<String, String> gap = new LinkedHashMap<>();
        gap.put("needs[1]", "");
        gap.put("needs[2]", "心理疏导");
        Path file = utf8(csvOf(example("VisitRecorded"), List.of(Map.of("needs[1]", ""), gap)));

        List<CsvRow> rows = readAll(file, StandardCharsets.UTF_8, "VisitRecorded");

        assertThat(rows.get(0).event().violations()).isEmpty();
        assertThat(((org.zhengce.events.VisitRecorded)
                                rows.get(0).event().event().getFact())
                        .getNeeds())
                .containsExactly("医疗救助");
        assertThat(rows.get(1).event().violations())
                .containsExactly(new Violation("fact.needs[1]", ValidationRule.REQUIRED, null));
    }

    @Test
    void explicitFactCommunityCodeColumnFillsTheFactOnly() throws IOException {
        Path file = utf8(csvOf(example("HouseholdRegistered"), List.of(Map.of("fact.communityCode", "110105001002"))));

        DepartmentEvent event = readAll(file, StandardCharsets.UTF_8, "HouseholdRegistered")
                .get(0)
                .event()
                .event();

        assertThat(event.getCommunityCode()).isEqualTo("110105001001");
        assertThat(((HouseholdRegistered) event.getFact()).getCommunityCode()).isEqualTo("110105001002");
    }

    @Test
    void columnInsideAnotherColumnsCellIsMalformed() throws IOException {
        Path file = utf8(csvOf(example("HouseholdRegistered"), List.of(Map.of("members", "3"))));

        assertThat(readAll(file, StandardCharsets.UTF_8, "HouseholdRegistered")
                        .get(0)
                        .event()
                        .violations())
                .extracting(Violation::fieldPath, Violation::rule)
                .containsExactly(tuple("fact.members", ValidationRule.MALFORMED_CSV));
    }

    @Test
    void blankRowsAreSkippedButCounted() throws IOException {
        DepartmentEvent discharged = example("HospitalDischarged");
        List<String> lines = new ArrayList<>(
                csvOf(discharged, List.of(Map.of(), Map.of())).lines().toList());
        lines.add(2, "");
        lines.add(3, ",,,");
        Path file = utf8(String.join("\r\n", lines) + "\r\n\r\n");

        assertThat(readAll(file, StandardCharsets.UTF_8, "HospitalDischarged"))
                .extracting(CsvRow::rowNumber)
                .containsExactly(1L, 4L);
    }

    @Test
    void quotedCellsMayHoldCommasQuotesAndLineEnds() throws IOException {
        Path file = utf8(csvOf(example("VisitRecorded"), List.of(Map.of("note", "户主说：\"先看病，\n再找工作\""), Map.of())));

        List<CsvRow> rows = readAll(file, StandardCharsets.UTF_8, "VisitRecorded");

        assertThat(rows).extracting(CsvRow::rowNumber).containsExactly(1L, 2L);
        assertThat(((org.zhengce.events.VisitRecorded)
                                rows.get(0).event().event().getFact())
                        .getNote())
                .isEqualTo("户主说：\"先看病，\n再找工作\"");
        assertThat(rows.get(1).event().violations()).isEmpty();
    }

    @Test
    void headerNamingAColumnTwiceIsOneRowNumberedZero() throws IOException {
        Path file = utf8("eventId,occurredAt,eventId\nA,2026-11-20T02:00:00Z,B\n");

        assertThat(readAll(file, StandardCharsets.UTF_8, "HospitalDischarged"))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.rowNumber()).isZero();
                    assertThat(row.event().violations())
                            .containsExactly(new Violation(
                                    "", ValidationRule.MALFORMED_CSV, "the header names column 'eventId' twice"));
                });
    }

    @Test
    void emptyFileIsOneRowNumberedZeroAndHeaderAloneHasNoRows() throws IOException {
        assertThat(readAll(utf8(""), StandardCharsets.UTF_8, "HospitalDischarged"))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.rowNumber()).isZero();
                    assertThat(row.event().violations())
                            .extracting(Violation::rule)
                            .containsExactly(ValidationRule.MALFORMED_CSV);
                });
        assertThat(readAll(utf8("eventId,occurredAt\n"), StandardCharsets.UTF_8, "HospitalDischarged"))
                .isEmpty();
    }

    @Test
    void identityNumbersInCellsAndColumnNamesAreMasked() throws IOException {
        String number = EventExamples.HEAD.identityNumber();
        String withX = "11010519491231002X";
        Map<String, String> misplaced = new LinkedHashMap<>();
        // (all digits, a number would be a valid amount: the one ending in X is not)
        misplaced.put("totalFen", withX);
        misplaced.put(number, "x");
        misplaced.put("setting", "病人 " + number);
        Path file = utf8(csvOf(example("MedicalExpenseSettled"), List.of(misplaced)));
        Path broken = utf8("identityNumber,eventId\n" + number + ",\"x\"" + number + "\n");

        List<Violation> violations = new ArrayList<>(readAll(file, StandardCharsets.UTF_8, "MedicalExpenseSettled")
                .get(0)
                .event()
                .violations());
        violations.addAll(readAll(broken, StandardCharsets.UTF_8, "MedicalExpenseSettled")
                .get(0)
                .event()
                .violations());

        assertThat(violations).hasSizeGreaterThanOrEqualTo(4);
        assertThat(violations)
                .allSatisfy(violation ->
                        assertThat(violation.toString()).doesNotContain(number).doesNotContain(withX));
        assertThat(violations)
                .anySatisfy(violation -> assertThat(violation.rule()).isEqualTo(ValidationRule.MALFORMED_CSV));
    }

    @Test
    void manyRowsAreStreamed() throws IOException {
        DepartmentEvent discharged = example("HospitalDischarged");
        Map<String, String> columns = columnsOf(discharged);
        List<List<String>> rows = new ArrayList<>();
        for (int row = 1; row <= 20_000; row++) {
            Map<String, String> cells = new LinkedHashMap<>(columns);
            cells.put("eventId", "HEALTH-2026-" + row);
            rows.add(List.copyOf(cells.values()));
        }
        Path file = file("many.csv", csv(List.copyOf(columns.keySet()), rows).getBytes(GB18030));

        long count = 0;
        try (CsvEvents.Rows reading = CsvEvents.rows(file, GB18030, "HospitalDischarged", json)) {
            while (reading.hasNext()) {
                CsvRow row = reading.next();
                count++;
                assertThat(row.rowNumber()).isEqualTo(count);
                assertThat(row.event().eventId()).isEqualTo("HEALTH-2026-" + count);
                assertThat(row.event().wellFormed()).isTrue();
            }
            assertThat(reading.hasNext()).isFalse();
            org.assertj.core.api.Assertions.assertThatThrownBy(reading::next)
                    .isInstanceOf(NoSuchElementException.class);
        }
        assertThat(count).isEqualTo(20_000);
    }

    @Test
    void onlyCommunityCodeIsBothAnEnvelopeColumnAndAFactField() {
        // a fact field named like an envelope column is reached with the fact. prefix; the household facts'
        // communityCode is filled from the envelope's column as well
        List<String> clashes = new ArrayList<>();
        for (String type : EventTypes.names()) {
            EventTypes.schemaOf(type).orElseThrow().getFields().stream()
                    .map(org.apache.avro.Schema.Field::name)
                    .filter(List.of(
                            "eventId",
                            "department",
                            "occurredAt",
                            "reportedAt",
                            "communityCode",
                            "householdNumber",
                            "identityNumber")::contains)
                    .forEach(name -> clashes.add(type + "." + name));
        }

        assertThat(clashes)
                .containsExactlyInAnyOrder("HouseholdRegistered.communityCode", "HouseholdChanged.communityCode");
    }

    @Test
    void sourceOfARowReadsAgainAsTheSameEvent() throws IOException {
        DepartmentEvent discharged = example("HospitalDischarged");
        List<String> lines = new ArrayList<>(csvOf(discharged, List.of(Map.of("hospital", ""), Map.of()))
                .lines()
                .toList());
        lines.set(2, lines.get(2) + ",extra");
        Path file = utf8(String.join("\n", lines));

        List<CsvRow> rows = readAll(file, StandardCharsets.UTF_8, "HospitalDischarged");

        JsonNode source = new tools.jackson.databind.json.JsonMapper()
                .readTree(rows.get(0).source());
        assertThat(source.get("type").asString()).isEqualTo("HospitalDischarged");
        assertThat(source.at("/fact/lengthOfStayDays").isString()).isTrue();
        assertThat(json.readText(source)).isEqualTo(rows.get(0).event());
        assertThat(rows.get(1).source()).isEmpty();
        assertThat(rows.get(0).toString()).doesNotContain(EventExamples.HEAD.identityNumber());
    }

    @Test
    void departmentColumnIsOptional() throws IOException {
        Map<String, String> columns = columnsOf(example("HospitalDischarged"));
        columns.remove("department");
        Path file = utf8(csv(List.copyOf(columns.keySet()), List.of(List.copyOf(columns.values()))));

        CsvRow row = readAll(file, StandardCharsets.UTF_8, "HospitalDischarged").get(0);

        assertThat(row.event().wellFormed()).isTrue();
        assertThat(row.event().event().getDepartment()).isNull();
        assertThat(Department.HEALTH).isEqualTo(example("HospitalDischarged").getDepartment());
    }

    // --- limits ---

    @Test
    void rowLongerThanTheLimitIsRejectedAloneAndTheRowsAfterItStillCome() throws IOException {
        DepartmentEvent discharged = example("HospitalDischarged");
        Path file = utf8(csvOf(
                discharged,
                List.of(
                        Map.of("eventId", "R-1"),
                        Map.of("eventId", "R-2", "hospital", "医".repeat(600)),
                        Map.of("eventId", "R-3"))));

        List<CsvRow> rows;
        try (CsvEvents.Rows reading = CsvEvents.rows(file, StandardCharsets.UTF_8, "HospitalDischarged", json, 500)) {
            rows = new ArrayList<>();
            reading.forEachRemaining(rows::add);
        }

        assertThat(rows).extracting(CsvRow::rowNumber).containsExactly(1L, 2L, 3L);
        assertThat(rows.get(0).event().wellFormed()).isTrue();
        assertThat(rows.get(1).event().violations())
                .extracting(Violation::rule)
                .containsExactly(ValidationRule.ROW_TOO_LONG);
        assertThat(rows.get(1).event().violations().get(0).offendingValue())
                .isEqualTo("row starting at line 3 is longer than 500 characters");
        assertThat(rows.get(1).source()).isEmpty();
        assertThat(rows.get(2).event().wellFormed()).isTrue();
        assertThat(rows.get(2).event().eventId()).isEqualTo("R-3");
    }

    @Test
    void cellLongerThanTheLimitIsRejectedNamingItsRowAndTheRowsAfterItStillCome() throws IOException {
        List<CsvRow> rows = withLongHospital("医".repeat(101), 100);

        assertThat(rows).extracting(CsvRow::rowNumber).containsExactly(1L, 2L);
        assertThat(rows.get(0).event().violations())
                .extracting(Violation::fieldPath, Violation::rule, Violation::offendingValue)
                .containsExactly(tuple(
                        "",
                        ValidationRule.CELL_TOO_LONG,
                        "row starting at line 2: a cell is longer than 100 characters"));
        assertThat(rows.get(0).event().wellFormed()).isFalse();
        assertThat(rows.get(1).event().wellFormed()).isTrue();
    }

    @Test
    void cellFarLongerThanTheLimitIsRefusedWhileReadingAndTheRowsAfterItStillCome() throws IOException {
        List<CsvRow> rows = withLongHospital("x".repeat(200_000), 1_000);

        assertThat(rows.get(0).event().violations())
                .extracting(Violation::rule)
                .containsOnly(ValidationRule.CELL_TOO_LONG);
        assertThat(rows)
                .last()
                .satisfies(last -> assertThat(last.event().eventId()).isEqualTo("L-2"));
    }

    /** The rows of a file whose first row (L-1) has {@code hospital} and second (L-2) is the example, under a cell limit. */
    private List<CsvRow> withLongHospital(String hospital, int maxCellLength) throws IOException {
        EventJson limited = json.withLimits(new ReadingLimits(64, 100, 65_536, 1_048_576, maxCellLength));
        Path file = utf8(csvOf(
                example("HospitalDischarged"),
                List.of(Map.of("eventId", "L-1", "hospital", hospital), Map.of("eventId", "L-2"))));
        List<CsvRow> rows = new ArrayList<>();
        try (CsvEvents.Rows reading = CsvEvents.rows(file, StandardCharsets.UTF_8, "HospitalDischarged", limited)) {
            reading.forEachRemaining(rows::add);
        }
        return rows;
    }
}
