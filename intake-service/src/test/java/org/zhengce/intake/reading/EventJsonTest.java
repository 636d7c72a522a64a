package org.zhengce.intake.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.zhengce.events.CareSetting;
import org.zhengce.events.Department;
import org.zhengce.events.HospitalAdmitted;
import org.zhengce.events.HospitalDischarged;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.MedicalExpenseSettled;
import org.zhengce.events.TipReported;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.HouseholdRegistered;
import org.zhengce.intake.ResidentIdentity;
import org.zhengce.intake.validation.ValidationRule;
import org.zhengce.intake.validation.Violation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class EventJsonTest {

    /** The standard's own example number (GB 11643-1999): valid, and never to be shown in clear. */
    private static final String IDENTITY_NUMBER = "11010519491231002X";

    private static final String MASKED = "110105***********X";

    private static final String DISCHARGED = """
            {"eventId":"HIS-2026-000123","department":"HEALTH","type":"HospitalDischarged",
             "occurredAt":"2026-11-20T10:00:00+08:00","reportedAt":"2026-11-20T11:00:00Z",
             "subject":{"identityNumber":"11010519491231002X"},
             "communityCode":"110105001001",
             "fact":{"hospital":"北京朝阳医院","lengthOfStayDays":12}}
            """;

    private static final String SETTLED_ENVELOPE = """
            "eventId":"MI-1","type":"MedicalExpenseSettled","occurredAt":"2026-11-20T02:00:00Z",
            "reportedAt":"2026-11-20T03:00:00Z","subject":{"identityNumber":"11010519491231002X"}""";

    private final EventJson json = new EventJson(JsonMapper.builder().build());

    private ReadEvent read(String text) {
        return json.read(text.getBytes(StandardCharsets.UTF_8));
    }

    private ReadEvent readSettled(String fact) {
        return read("{" + SETTLED_ENVELOPE + ",\"fact\":" + fact + "}");
    }

    @Test
    void everyExampleSurvivesWriteAndRead() {
        EventExamples.all().forEach((type, example) -> {
            ReadEvent fromTree = json.read(json.write(example));
            ReadEvent fromBytes = json.read(json.writeBytes(example));

            assertThat(fromTree.violations()).as(type).isEmpty();
            assertThat(fromTree.wellFormed()).as(type).isTrue();
            assertThat(fromTree.event()).as(type).isEqualTo(example);
            assertThat(fromTree.eventType()).isEqualTo(type);
            assertThat(fromTree.eventId()).isEqualTo(example.getEventId());
            assertThat(fromBytes.event()).as(type).isEqualTo(example);
        });
    }

    @Test
    void writtenFormIsTheDocumentedOne() {
        DepartmentEvent discharged = EventExamples.all().get("HospitalDischarged");
        String identityNumber = EventExamples.HEAD.identityNumber();

        assertThat(new String(json.writeBytes(discharged), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"eventId\":\"HEALTH-2026-0002\",\"department\":\"HEALTH\",\"type\":\"HospitalDischarged\","
                                + "\"occurredAt\":\"2026-11-20T02:00:00Z\",\"reportedAt\":\"2026-11-20T03:00:00Z\","
                                + "\"subject\":{\"identityNumber\":\"" + identityNumber + "\"},"
                                + "\"communityCode\":\"110105001001\","
                                + "\"fact\":{\"hospital\":\"北京朝阳医院\",\"lengthOfStayDays\":12}}");
    }

    @Test
    void writtenFormLeavesOptionalNullsOutAndWritesDatesAndMembersAsDocumented() {
        ObjectNode registered = json.write(EventExamples.all().get("HouseholdRegistered"));
        ObjectNode granted = json.write(EventExamples.all().get("AssistanceGranted"));

        assertThat(registered.get("subject").toString()).isEqualTo("{\"householdNumber\":\"110105000123\"}");
        assertThat(registered.at("/fact/members/0").toString())
                .isEqualTo("{\"identity\":{\"identityNumber\":\"" + EventExamples.HEAD.identityNumber()
                        + "\"},\"relationToHead\":\"HEAD\",\"birthDate\":\"1980-01-01\",\"sex\":\"MALE\"}");
        assertThat(granted.get("fact").has("oneOffAmountFen")).isFalse();
        assertThat(granted.at("/fact/startDate").stringValue()).isEqualTo("2026-12-01");
    }

    @Test
    void documentedExampleIsRead() {
        ReadEvent read = read(DISCHARGED);

        assertThat(read.violations()).isEmpty();
        DepartmentEvent event = read.event();
        assertThat(event).isNotNull();
        assertThat(event.getEventId()).isEqualTo("HIS-2026-000123");
        assertThat(event.getDepartment()).isEqualTo(Department.HEALTH);
        assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2026-11-20T02:00:00Z"));
        assertThat(event.getReportedAt()).isEqualTo(Instant.parse("2026-11-20T11:00:00Z"));
        assertThat(event.getSubject()).isEqualTo(new ResidentIdentity(IDENTITY_NUMBER));
        assertThat(event.getCommunityCode()).isEqualTo("110105001001");
        assertThat(event.getFact()).isEqualTo(new HospitalDischarged("北京朝阳医院", 12));
    }

    @Test
    void departmentMayBeLeftOutForTheCallerToFillIn() {
        ReadEvent read = read(DISCHARGED.replace("\"department\":\"HEALTH\",", ""));

        assertThat(read.wellFormed()).isTrue();
        assertThat(read.event().getDepartment()).isNull();
    }

    @Test
    void noArgumentConstructorMakesItsOwnMapper() {
        assertThat(new EventJson()
                        .read(DISCHARGED.getBytes(StandardCharsets.UTF_8))
                        .wellFormed())
                .isTrue();
    }

    @Test
    void timestampsAreReadInEveryAcceptedForm() {
        Instant tenInBeijing = Instant.parse("2026-11-20T02:00:00Z");
        for (String occurredAt : List.of(
                "\"2026-11-20T10:00:00+08:00\"",
                "\"2026-11-20T02:00:00Z\"",
                "\"2026-11-20T02:00:00.000Z\"",
                "\"2026-11-20T10:00:00\"",
                Long.toString(tenInBeijing.toEpochMilli()))) {
            ReadEvent read = read(DISCHARGED.replace("\"2026-11-20T10:00:00+08:00\"", occurredAt));

            assertThat(read.violations()).as(occurredAt).isEmpty();
            assertThat(read.event().getOccurredAt()).as(occurredAt).isEqualTo(tenInBeijing);
        }
    }

    @Test
    void finerFractionsThanMillisecondsAreCut() {
        ReadEvent read = read(DISCHARGED.replace("2026-11-20T10:00:00+08:00", "2026-11-20T10:00:00.123456+08:00"));

        assertThat(read.event().getOccurredAt()).isEqualTo(Instant.parse("2026-11-20T02:00:00.123Z"));
    }

    @Test
    void optionalFieldsMayBeNullOrAbsentAndOtherDefaultsApplyWhenAbsent() {
        ReadEvent withNull = read(DISCHARGED.replace("\"lengthOfStayDays\":12", "\"lengthOfStayDays\":null"));
        ReadEvent absent = read(DISCHARGED.replace("\"hospital\":\"北京朝阳医院\",", ""));
        ReadEvent admitted = read(
                DISCHARGED.replace("HospitalDischarged", "HospitalAdmitted").replace(",\"lengthOfStayDays\":12", ""));
        ReadEvent tip = read(DISCHARGED
                .replace("HospitalDischarged", "TipReported")
                .replace(
                        "\"hospital\":\"北京朝阳医院\",\"lengthOfStayDays\":12",
                        "\"reporterRole\":\"NEIGHBOUR\"," + "\"urgency\":\"UNKNOWN\""));

        assertThat(withNull.violations()).isEmpty();
        assertThat(withNull.event().getFact()).isEqualTo(new HospitalDischarged("北京朝阳医院", null));
        assertThat(absent.event().getFact()).isEqualTo(new HospitalDischarged(null, 12));
        assertThat(admitted.violations()).isEmpty();
        assertThat(admitted.event().getFact()).isEqualTo(new HospitalAdmitted("北京朝阳医院", false));
        assertThat(tip.violations()).isEmpty();
        assertThat(((TipReported) tip.event().getFact()).getNeeds()).isEmpty();
    }

    @Test
    void truncatedObjectIsMalformedJson() {
        ReadEvent read = read("{\"eventId\":\"HIS-1\",\"type\":\"HospitalDischarged\"");

        assertThat(read.event()).isNull();
        assertThat(read.wellFormed()).isFalse();
        assertThat(read.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.fieldPath()).isEmpty();
            assertThat(violation.rule()).isEqualTo(ValidationRule.MALFORMED_JSON);
            assertThat(violation.offendingValue())
                    .startsWith("line 1, column ")
                    .contains("end-of-input")
                    .doesNotContain("Source");
        });
    }

    @Test
    void trailingContentIsMalformedJson() {
        for (String trailing : List.of(" {}", " x", ",")) {
            ReadEvent read = read(DISCHARGED.strip() + trailing);

            assertThat(read.event()).as(trailing).isNull();
            assertThat(read.violations())
                    .as(trailing)
                    .extracting(Violation::rule, Violation::offendingValue)
                    .singleElement()
                    .satisfies(found -> {
                        assertThat(found.toList().get(0)).isEqualTo(ValidationRule.MALFORMED_JSON);
                        assertThat((String) found.toList().get(1))
                                .matches("line 5, column \\d+: trailing content after the JSON object");
                    });
        }
    }

    @Test
    void valueThatIsNotAnObjectIsMalformedJson() {
        assertThat(read("[" + DISCHARGED + "]").violations())
                .containsExactly(new Violation("", ValidationRule.MALFORMED_JSON, "not a JSON object but an array"));
        assertThat(read("\"HIS-1\"").violations())
                .containsExactly(new Violation("", ValidationRule.MALFORMED_JSON, "not a JSON object but a string"));
        assertThat(read("  ").violations())
                .containsExactly(
                        new Violation("", ValidationRule.MALFORMED_JSON, "no JSON object: the input is empty"));
    }

    @Test
    void keyTwiceIsMalformedJson() {
        ReadEvent read = read("{\"eventId\":\"a\",\"eventId\":\"b\"}");

        assertThat(read.violations())
                .extracting(Violation::rule, Violation::offendingValue)
                .containsExactly(tuple(
                        ValidationRule.MALFORMED_JSON, "line 1, column 25: Duplicate Object property \"eventId\""));
    }

    @Test
    void invalidUtf8BytesAreAnEncodingErrorNamingTheByte() {
        byte[] bytes = DISCHARGED.getBytes(StandardCharsets.UTF_8);
        int at = DISCHARGED.indexOf("HIS");
        bytes[at] = (byte) 0xC3;
        bytes[at + 1] = (byte) 0x28;

        ReadEvent read = json.read(bytes);

        assertThat(read.event()).isNull();
        assertThat(read.violations())
                .containsExactly(new Violation("", ValidationRule.ENCODING, "not valid UTF-8 at byte " + at));
    }

    @Test
    void truncatedUtf8CharacterAtTheEndIsAnEncodingError() {
        byte[] chinese = "{\"eventId\":\"北".getBytes(StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(chinese, chinese.length - 1);

        assertThat(json.read(cut).violations())
                .extracting(Violation::rule, Violation::offendingValue)
                .containsExactly(tuple(ValidationRule.ENCODING, "not valid UTF-8 at byte 12"));
    }

    @Test
    void utf8ByteOrderMarkIsAllowed() {
        ReadEvent read = read("\uFEFF" + DISCHARGED);

        assertThat(read.violations()).isEmpty();
        assertThat(read.event().getEventId()).isEqualTo("HIS-2026-000123");
    }

    @Test
    void unknownEventTypeIsNamedAndLeavesTheFactOut() {
        ReadEvent read = read(DISCHARGED.replace("HospitalDischarged", "HospitalVisited"));

        assertThat(read.eventType()).isEqualTo("HospitalVisited");
        assertThat(read.eventId()).isEqualTo("HIS-2026-000123");
        assertThat(read.violations())
                .containsExactly(new Violation("type", ValidationRule.EVENT_TYPE_UNKNOWN, "HospitalVisited"));
        assertThat(read.event().getFact()).isNull();
        assertThat(read.event().getEventId()).isEqualTo("HIS-2026-000123");
    }

    @Test
    void missingRequiredFieldsAreAllReportedAtOnce() {
        ReadEvent empty = read("{}");
        ReadEvent emptyFact = readSettled("{}");

        assertThat(empty.violations())
                .extracting(Violation::fieldPath, Violation::rule, Violation::offendingValue)
                .containsExactlyInAnyOrder(
                        tuple("eventId", ValidationRule.REQUIRED, null),
                        tuple("type", ValidationRule.REQUIRED, null),
                        tuple("occurredAt", ValidationRule.REQUIRED, null),
                        tuple("reportedAt", ValidationRule.REQUIRED, null),
                        tuple("subject", ValidationRule.REQUIRED, null),
                        tuple("fact", ValidationRule.REQUIRED, null));
        assertThat(empty.event()).isNotNull();
        assertThat(emptyFact.violations())
                .extracting(Violation::fieldPath, Violation::rule)
                .containsExactlyInAnyOrder(
                        tuple("fact.setting", ValidationRule.REQUIRED),
                        tuple("fact.totalFen", ValidationRule.REQUIRED),
                        tuple("fact.outOfPocketFen", ValidationRule.REQUIRED));
    }

    @Test
    void nullForARequiredFieldIsMissing() {
        ReadEvent read = read(DISCHARGED.replace("\"HIS-2026-000123\"", "null"));

        assertThat(read.violations()).containsExactly(new Violation("eventId", ValidationRule.REQUIRED, null));
        assertThat(read.eventId()).isNull();
    }

    @Test
    void missingFieldsOfNestedRecordsHaveTheirPaths() {
        ObjectNode registered = json.write(EventExamples.all().get("HouseholdRegistered"));
        ((ObjectNode) registered.at("/fact/members/1")).remove("birthDate");
        ((ObjectNode) registered.at("/fact/members/2/identity")).remove("identityNumber");
        ((ObjectNode) registered.get("fact")).remove("communityCode");

        assertThat(json.read(registered).violations())
                .extracting(Violation::fieldPath, Violation::rule)
                .containsExactlyInAnyOrder(
                        tuple("fact.communityCode", ValidationRule.REQUIRED),
                        tuple("fact.members[1].birthDate", ValidationRule.REQUIRED),
                        tuple("fact.members[2].identity.identityNumber", ValidationRule.REQUIRED));
    }

    @Test
    void wrongJsonTypesAreTypeMismatchesWithTheValue() {
        ReadEvent read = readSettled("{\"setting\":1,\"totalFen\":\"8650000\",\"outOfPocketFen\":2130000.5}");

        assertThat(read.violations())
                .containsExactlyInAnyOrder(
                        new Violation("fact.setting", ValidationRule.TYPE_MISMATCH, "1"),
                        new Violation("fact.totalFen", ValidationRule.TYPE_MISMATCH, "8650000"),
                        new Violation("fact.outOfPocketFen", ValidationRule.TYPE_MISMATCH, "2130000.5"));
    }

    @Test
    void numbersOutOfRangeOrWithAFractionAreTypeMismatches() {
        ReadEvent tooLongStay = read(DISCHARGED.replace("\"lengthOfStayDays\":12", "\"lengthOfStayDays\":3000000000"));
        ReadEvent hugeAmount =
                readSettled("{\"setting\":\"INPATIENT\",\"totalFen\":99999999999999999999,\"outOfPocketFen\":1.0}");

        assertThat(tooLongStay.violations())
                .containsExactly(new Violation("fact.lengthOfStayDays", ValidationRule.TYPE_MISMATCH, "3000000000"));
        assertThat(hugeAmount.violations())
                .containsExactlyInAnyOrder(
                        new Violation("fact.totalFen", ValidationRule.TYPE_MISMATCH, "99999999999999999999"),
                        new Violation("fact.outOfPocketFen", ValidationRule.TYPE_MISMATCH, "1.0"));
    }

    @Test
    void wrongTypesOfEnvelopeRecordsAndArraysAreTypeMismatches() {
        ObjectNode registered = json.write(EventExamples.all().get("HouseholdRegistered"));
        registered.put("eventId", 17);
        registered.put("subject", "110105000123");
        ((ObjectNode) registered.at("/fact/members/0")).put("identity", "x");
        ((ObjectNode) registered.get("fact")).put("address", true);
        ObjectNode notArray = json.write(EventExamples.all().get("HouseholdRegistered"));
        ((ObjectNode) notArray.get("fact")).putObject("members");
        ObjectNode admitted = json.write(EventExamples.all().get("HospitalAdmitted"));
        ((ObjectNode) admitted.get("fact")).put("emergency", "true");

        assertThat(json.read(registered).violations())
                .containsExactlyInAnyOrder(
                        new Violation("eventId", ValidationRule.TYPE_MISMATCH, "17"),
                        new Violation("subject", ValidationRule.TYPE_MISMATCH, "110105000123"),
                        new Violation("fact.address", ValidationRule.TYPE_MISMATCH, "true"),
                        new Violation("fact.members[0].identity", ValidationRule.TYPE_MISMATCH, "x"));
        assertThat(json.read(notArray).violations())
                .containsExactly(new Violation("fact.members", ValidationRule.TYPE_MISMATCH, "{}"));
        assertThat(json.read(admitted).violations())
                .containsExactly(new Violation("fact.emergency", ValidationRule.TYPE_MISMATCH, "true"));
    }

    @Test
    void badTimestampsAndDatesAreFormatErrors() {
        ObjectNode granted = json.write(EventExamples.all().get("AssistanceGranted"));
        granted.put("occurredAt", "2026-11-20 10:00:00");
        granted.put("reportedAt", "2026-13-01T00:00:00Z");
        ((ObjectNode) granted.get("fact")).put("startDate", "2026-02-30");
        ((ObjectNode) granted.get("fact")).put("endDate", "20271130");
        ObjectNode numericDate = json.write(EventExamples.all().get("AssistanceGranted"));
        ((ObjectNode) numericDate.get("fact")).put("startDate", 20_788);

        assertThat(json.read(granted).violations())
                .containsExactlyInAnyOrder(
                        new Violation("occurredAt", ValidationRule.FORMAT, "2026-11-20 10:00:00"),
                        new Violation("reportedAt", ValidationRule.FORMAT, "2026-13-01T00:00:00Z"),
                        new Violation("fact.startDate", ValidationRule.FORMAT, "2026-02-30"),
                        new Violation("fact.endDate", ValidationRule.FORMAT, "20271130"));
        assertThat(json.read(numericDate).violations())
                .containsExactly(new Violation("fact.startDate", ValidationRule.TYPE_MISMATCH, "20788"));
    }

    @Test
    void unknownFieldsAreReportedAtEveryLevel() {
        ObjectNode registered = json.write(EventExamples.all().get("HouseholdRegistered"));
        registered.put("source", "his");
        ((ObjectNode) registered.get("subject")).put("name", "张建国");
        ((ObjectNode) registered.get("fact")).put("addres", "幸福路1号");
        ((ObjectNode) registered.at("/fact/members/2")).put("name", "张小明");
        ((ObjectNode) registered.at("/fact/members/2/identity")).put("kind", "ID card");

        ReadEvent read = json.read(registered);

        assertThat(read.violations())
                .containsExactlyInAnyOrder(
                        new Violation("source", ValidationRule.UNKNOWN_FIELD, "his"),
                        new Violation("subject.name", ValidationRule.UNKNOWN_FIELD, "张建国"),
                        new Violation("fact.addres", ValidationRule.UNKNOWN_FIELD, "幸福路1号"),
                        new Violation("fact.members[2].name", ValidationRule.UNKNOWN_FIELD, "张小明"),
                        new Violation("fact.members[2].identity.kind", ValidationRule.UNKNOWN_FIELD, "ID card"));
        // everything else was read
        HouseholdRegistered fact = (HouseholdRegistered) read.event().getFact();
        assertThat(fact)
                .isEqualTo(EventExamples.all().get("HouseholdRegistered").getFact());
    }

    @Test
    void unknownEnumSymbolIsReported() {
        ObjectNode registered = json.write(EventExamples.all().get("HouseholdRegistered"));
        registered.put("department", "POLICE");
        ((ObjectNode) registered.at("/fact/members/2")).put("relationToHead", "COUSIN");

        ReadEvent read = json.read(registered);

        assertThat(read.violations())
                .containsExactlyInAnyOrder(
                        new Violation("department", ValidationRule.ENUM_UNKNOWN, "POLICE"),
                        new Violation("fact.members[2].relationToHead", ValidationRule.ENUM_UNKNOWN, "COUSIN"));
        assertThat(read.event().getDepartment()).isNull();
        assertThat(((HouseholdRegistered) read.event().getFact())
                        .getMembers()
                        .get(2)
                        .getRelationToHead())
                .isNull();
    }

    @Test
    void subjectWithBothKeysOrNeitherIsRejected() {
        ReadEvent both = read(DISCHARGED.replace(
                "{\"identityNumber\":\"11010519491231002X\"}",
                "{\"identityNumber\":\"11010519491231002X\",\"householdNumber\":\"110105000123\"}"));
        ReadEvent neither = read(DISCHARGED.replace("{\"identityNumber\":\"11010519491231002X\"}", "{}"));
        ReadEvent household = read(DISCHARGED.replace(
                "{\"identityNumber\":\"11010519491231002X\"}", "{\"householdNumber\":\"110105000123\"}"));

        assertThat(both.violations())
                .extracting(Violation::fieldPath, Violation::rule)
                .containsExactly(tuple("subject", ValidationRule.FORMAT));
        assertThat(both.event().getSubject()).isNull();
        assertThat(neither.violations()).containsExactly(new Violation("subject", ValidationRule.REQUIRED, null));
        assertThat(household.event().getSubject()).isEqualTo(new HouseholdNumber("110105000123"));
    }

    @Test
    void partialEventKeepsWhatCouldBeRead() {
        ReadEvent read = readSettled("{\"setting\":\"INPATIENT\",\"totalFen\":\"a lot\",\"outOfPocketFen\":2130000}");

        MedicalExpenseSettled fact = (MedicalExpenseSettled) read.event().getFact();
        assertThat(fact.getSetting()).isEqualTo(CareSetting.INPATIENT);
        assertThat(fact.getTotalFen()).isZero();
        assertThat(fact.getOutOfPocketFen()).isEqualTo(2_130_000L);
        assertThat(read.event().getSubject()).isEqualTo(new ResidentIdentity(IDENTITY_NUMBER));
        assertThat(read.wellFormed()).isFalse();
    }

    @Test
    void wrongItemOfAnArrayStaysInItsPlaceAsNull() {
        ObjectNode registered = json.write(EventExamples.all().get("HouseholdRegistered"));
        registered
                .withArray("/fact/members")
                .set(1, json.write(EventExamples.all().get("HospitalAdmitted")).get("eventId"));

        ReadEvent read = json.read(registered);

        assertThat(read.violations())
                .containsExactly(new Violation("fact.members[1]", ValidationRule.TYPE_MISMATCH, "HEALTH-2026-0001"));
        assertThat(((HouseholdRegistered) read.event().getFact()).getMembers())
                .hasSize(3)
                .element(1)
                .isNull();
    }

    @Test
    void identityNumbersAreNeverShownInClear() {
        String spaced = "身份证 " + IDENTITY_NUMBER;
        List<ReadEvent> reads = new ArrayList<>();
        // in fields of the wrong type, in unknown fields, as symbols, dates and timestamps
        reads.add(readSettled("{\"setting\":\"" + IDENTITY_NUMBER + "\",\"totalFen\":\"" + IDENTITY_NUMBER
                + "\",\"outOfPocketFen\":\"" + spaced + "\",\"identityNumber\":\"" + IDENTITY_NUMBER + "\"}"));
        reads.add(read(DISCHARGED
                .replace("\"HIS-2026-000123\"", "{\"id\":\"" + IDENTITY_NUMBER + "\"}")
                .replace("\"2026-11-20T10:00:00+08:00\"", "\"" + IDENTITY_NUMBER + "\"")
                .replace("\"110105001001\"", "[\"" + IDENTITY_NUMBER + "\"]")
                .replace("\"HEALTH\"", "\"" + IDENTITY_NUMBER + "\"")
                .replace("\"lengthOfStayDays\":12", "\"lengthOfStayDays\":" + IDENTITY_NUMBER.replace("X", "1"))));
        reads.add(read(DISCHARGED.replace("HospitalDischarged", IDENTITY_NUMBER)));
        reads.add(read(DISCHARGED.replace("\"subject\":", "\"" + IDENTITY_NUMBER + "\":")));
        // in broken JSON: unquoted, as a bad token, in trailing content, truncated after it
        reads.add(read("{\"subject\":{\"identityNumber\":" + IDENTITY_NUMBER + "}}"));
        reads.add(read("{\"subject\":{\"identityNumber\":x" + IDENTITY_NUMBER + "}}"));
        reads.add(read("{\"subject\":{\"identityNumber\":\"" + IDENTITY_NUMBER + "\"}} " + IDENTITY_NUMBER));
        reads.add(read("{\"subject\":{\"identityNumber\":\"" + IDENTITY_NUMBER));
        reads.add(read("{\"" + IDENTITY_NUMBER + "\":1,\"" + IDENTITY_NUMBER + "\":2}"));
        reads.add(read(IDENTITY_NUMBER + "x"));
        // and as text, as CSV gives it
        ObjectNode text = (ObjectNode) json.write(EventExamples.all().get("MedicalExpenseSettled"));
        ((ObjectNode) text.get("fact")).put("totalFen", IDENTITY_NUMBER);
        text.put("occurredAt", IDENTITY_NUMBER + "Z");
        reads.add(json.readText(text));

        List<Violation> violations =
                reads.stream().flatMap(read -> read.violations().stream()).toList();
        assertThat(violations).hasSizeGreaterThan(reads.size());
        assertThat(violations).allSatisfy(violation -> {
            assertThat(violation.toString()).doesNotContain(IDENTITY_NUMBER).doesNotContain("1949123");
            assertThat(violation.fieldPath()).doesNotContain(IDENTITY_NUMBER);
        });
        assertThat(violations)
                .filteredOn(violation -> violation.offendingValue() != null)
                .anySatisfy(violation -> assertThat(violation.offendingValue()).contains(MASKED));
    }

    @Test
    void longOffendingValuesAreCut() {
        String note = "很".repeat(300);
        ReadEvent read = readSettled("{\"setting\":\"INPATIENT\",\"totalFen\":\"" + note + "\",\"outOfPocketFen\":1}");

        assertThat(read.violations())
                .singleElement()
                .satisfies(violation ->
                        assertThat(violation.offendingValue()).hasSize(101).endsWith("…"));
    }

    @Test
    void textFormConvertsEveryScalarFromText() {
        JsonNode settled = new JsonMapper().readTree("""
                {"eventId":"MI-1","department":"MEDICAL_INSURANCE","type":"MedicalExpenseSettled",
                 "occurredAt":"1795140000000","reportedAt":"2026-11-20T11:00:00",
                 "subject":{"identityNumber":"11010519491231002X"},"communityCode":"",
                 "fact":{"setting":" INPATIENT ","totalFen":"8650000","outOfPocketFen":" 2130000"}}
                """);
        JsonNode admitted = new JsonMapper().readTree("""
                {"eventId":"HEALTH-1","type":"HospitalAdmitted","occurredAt":"2026-11-20T02:00:00Z",
                 "reportedAt":"2026-11-20T03:00:00Z","subject":{"identityNumber":"11010519491231002X",
                 "householdNumber":" "},"fact":{"emergency":"TRUE","hospital":""}}
                """);

        ReadEvent readSettled = json.readText(settled);
        ReadEvent readAdmitted = json.readText(admitted);

        assertThat(readSettled.violations()).isEmpty();
        assertThat(readSettled.event().getOccurredAt()).isEqualTo(Instant.ofEpochMilli(1_795_140_000_000L));
        assertThat(readSettled.event().getReportedAt()).isEqualTo(Instant.parse("2026-11-20T03:00:00Z"));
        assertThat(readSettled.event().getCommunityCode()).isNull();
        assertThat(readSettled.event().getFact())
                .isEqualTo(new MedicalExpenseSettled(CareSetting.INPATIENT, 8_650_000L, 2_130_000L));
        assertThat(readAdmitted.violations()).isEmpty();
        assertThat(readAdmitted.event().getFact()).isEqualTo(new HospitalAdmitted(null, true));
    }

    @Test
    void textConversionErrorsHaveTheirPaths() {
        ObjectNode granted = textOf(json.write(EventExamples.all().get("AssistanceGranted")));
        ((ObjectNode) granted.get("fact")).put("monthlyAmountFen", "1800.00");
        ((ObjectNode) granted.get("fact")).put("startDate", "2026/12/01");
        granted.put("occurredAt", "yesterday");
        ObjectNode admitted = textOf(json.write(EventExamples.all().get("HospitalAdmitted")));
        ((ObjectNode) admitted.get("fact")).put("emergency", "yes");
        ObjectNode settled = textOf(json.write(EventExamples.all().get("MedicalExpenseSettled")));
        ((ObjectNode) settled.get("fact")).put("totalFen", "99999999999999999999");
        ((ObjectNode) settled.get("fact")).put("setting", "住院");

        assertThat(json.readText(granted).violations())
                .containsExactlyInAnyOrder(
                        new Violation("occurredAt", ValidationRule.FORMAT, "yesterday"),
                        new Violation("fact.monthlyAmountFen", ValidationRule.TYPE_MISMATCH, "1800.00"),
                        new Violation("fact.startDate", ValidationRule.FORMAT, "2026/12/01"));
        assertThat(json.readText(admitted).violations())
                .containsExactly(new Violation("fact.emergency", ValidationRule.TYPE_MISMATCH, "yes"));
        assertThat(json.readText(settled).violations())
                .containsExactlyInAnyOrder(
                        new Violation("fact.totalFen", ValidationRule.TYPE_MISMATCH, "99999999999999999999"),
                        new Violation("fact.setting", ValidationRule.ENUM_UNKNOWN, "住院"));
    }

    @Test
    void everyExampleSurvivesTheTextForm() {
        EventExamples.all().forEach((type, example) -> {
            ReadEvent read = json.readText(textOf(json.write(example)));

            assertThat(read.violations()).as(type).isEmpty();
            assertThat(read.event()).as(type).isEqualTo(example);
        });
    }

    @Test
    void jsonTypedScalarsAreNotTextInTheJsonForm() {
        // the JSON form does not convert: blank text is a value there (EventValidator calls it missing)
        ReadEvent read = read(DISCHARGED.replace("\"110105001001\"", "\"\""));

        assertThat(read.violations()).isEmpty();
        assertThat(read.event().getCommunityCode()).isEmpty();
    }

    @Test
    void printedReadEventShowsNoIdentityNumber() {
        ReadEvent read = read(DISCHARGED.replace("HIS-2026-000123", "HIS-" + IDENTITY_NUMBER));

        assertThat(read.toString())
                .doesNotContain(IDENTITY_NUMBER)
                .contains("eventId=HIS-" + MASKED)
                .contains("eventType=HospitalDischarged");
    }

    /**
     * The reading and writing know records, enums, arrays, strings, booleans, ints (plain or date), longs (plain or
     * timestamp-millis) and optional values. A schema change bringing anything else under DepartmentEvent (a map, a
     * union of two records inside a fact, bytes, a decimal...) must fail here first, naming the field.
     */
    @Test
    void everySchemaUnderDepartmentEventHasAJsonForm() {
        List<String> unsupported = new ArrayList<>();
        Schema envelope = DepartmentEvent.getClassSchema();
        Map<Schema, Boolean> seen = new IdentityHashMap<>();
        for (Schema.Field field : envelope.getFields()) {
            if (field.name().equals("subject") || field.name().equals("fact")) {
                // the envelope's own unions, with forms of their own; their branches are records
                for (Schema branch : field.schema().getTypes()) {
                    assertThat(branch.getType()).isEqualTo(Schema.Type.RECORD);
                    collectUnsupported(branch, field.name() + "<" + branch.getName() + ">", unsupported, seen);
                }
            } else {
                collectUnsupported(field.schema(), field.name(), unsupported, seen);
            }
        }
        assertThat(unsupported).as("schema parts without a JSON form").isEmpty();
        assertThat(EventTypes.schemaOf("MedicalExpenseSettled")).isPresent();
    }

    private static void collectUnsupported(
            Schema schema, String path, List<String> unsupported, Map<Schema, Boolean> seen) {
        LogicalType logicalType = schema.getLogicalType();
        if (logicalType != null && !Set.of("date", "timestamp-millis").contains(logicalType.getName())) {
            unsupported.add(path + ": logical type " + logicalType.getName());
            return;
        }
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.put(schema, true) != null) {
                    return;
                }
                for (Schema.Field field : schema.getFields()) {
                    collectUnsupported(field.schema(), path + "." + field.name(), unsupported, seen);
                }
            }
            case UNION -> {
                List<Schema> branches = schema.getTypes().stream()
                        .filter(branch -> branch.getType() != Schema.Type.NULL)
                        .toList();
                if (!schema.isNullable() || branches.size() != 1) {
                    unsupported.add(path + ": union " + schema);
                    return;
                }
                collectUnsupported(branches.get(0), path, unsupported, seen);
            }
            case ARRAY -> collectUnsupported(schema.getElementType(), path + "[]", unsupported, seen);
            case ENUM, STRING, BOOLEAN -> {}
            case INT, LONG -> {
                if (logicalType == null
                        ? false
                        : schema.getType()
                                == Schema.Type.INT
                                != logicalType.getName().equals("date")) {
                    unsupported.add(path + ": " + logicalType.getName() + " on " + schema.getType());
                }
            }
            default -> unsupported.add(path + ": " + schema.getType());
        }
    }

    /** The JSON form with every scalar as text, as a CSV row gives it. */
    static ObjectNode textOf(ObjectNode node) {
        ObjectNode text = node.deepCopy();
        textInPlace(text);
        return text;
    }

    private static void textInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                JsonNode value = object.get(name);
                if (value.isValueNode()) {
                    object.put(name, value.asString());
                } else {
                    textInPlace(value);
                }
            }
        } else if (node instanceof tools.jackson.databind.node.ArrayNode array) {
            for (int index = 0; index < array.size(); index++) {
                JsonNode value = array.get(index);
                if (value.isValueNode()) {
                    array.set(index, array.stringNode(value.asString()));
                } else {
                    textInPlace(value);
                }
            }
        }
    }

    @Test
    void datesBeforeTheEpochAndEpochMillisecondsRoundTrip() {
        DepartmentEvent registered = EventExamples.all().get("HouseholdRegistered");
        ((HouseholdRegistered) registered.getFact()).getMembers().get(0).setBirthDate(LocalDate.of(1949, 12, 31));

        assertThat(json.read(json.write(registered)).event()).isEqualTo(registered);
    }

    // --- limits ---

    @Test
    void nestingTenThousandDeepIsRefusedByItsOwnRule() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);

        ReadEvent read = read("{" + SETTLED_ENVELOPE + ",\"fact\":" + deep + "}");

        assertThat(read.event()).isNull();
        assertThat(read.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo(ValidationRule.JSON_NESTING);
            assertThat(violation.ruleCode()).isEqualTo("json.nesting");
            assertThat(violation.offendingValue()).isEqualTo("nested deeper than 64 levels");
        });
    }

    @Test
    void numberOfTwoThousandDigitsIsRefusedByItsOwnRule() {
        ReadEvent read = readSettled("{\"totalFen\":" + "9".repeat(2_000) + ",\"outOfPocketFen\":1}");

        assertThat(read.event()).isNull();
        assertThat(read.violations())
                .singleElement()
                .extracting(Violation::ruleCode)
                .isEqualTo("json.number-length");
    }

    @Test
    void stringLongerThanTheLimitIsRefusedByItsOwnRule() {
        EventJson limited = json.withLimits(new ReadingLimits(64, 100, 1_000, 1_048_576, 1_000));

        assertThat(ruleCodesWithHospital(limited, "医".repeat(1_001))).containsExactly("json.string-length");
        assertThat(limited.read(DISCHARGED.getBytes(StandardCharsets.UTF_8)).wellFormed())
                .isTrue();
    }

    @Test
    void documentLongerThanTheLimitIsAnEventTooLarge() {
        EventJson limited = json.withLimits(new ReadingLimits(64, 100, 65_536, 200, 1_000));

        assertThat(ruleCodesWithHospital(limited, "医".repeat(300))).containsExactly("size.event");
    }

    @Test
    void nestingWithinTheLimitIsStillRead() {
        EventJson shallow = json.withLimits(new ReadingLimits(5, 100, 65_536, 1_048_576, 1_000));

        assertThat(shallow.read(DISCHARGED.getBytes(StandardCharsets.UTF_8)).wellFormed())
                .isTrue();
        assertThat(shallow.read(DISCHARGED
                                .replace("12}", "12,\"x\":[[[[[]]]]]}")
                                .getBytes(StandardCharsets.UTF_8))
                        .violations())
                .extracting(Violation::rule)
                .containsExactly(ValidationRule.JSON_NESTING);
    }

    /** The rule codes {@code limited} finds in the documented example with {@code hospital} as its hospital. */
    private static List<String> ruleCodesWithHospital(EventJson limited, String hospital) {
        return limited
                .read(DISCHARGED.replace("北京朝阳医院", hospital).getBytes(StandardCharsets.UTF_8))
                .violations()
                .stream()
                .map(Violation::ruleCode)
                .toList();
    }
}
