package org.zhengce.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.jspecify.annotations.Nullable;

/**
 * One data contract and a fixed set of records with the verdict Confluent's documented rule semantics give each: the
 * one place both sides read. {@code JavaScriptClientsInteropTest} registers the contract once, serialises every record
 * with our {@code ConfluentAvroSerializer} and checks our verdicts; {@code rule-parity.test.mjs} serialises the same
 * records with Confluent's JavaScript {@code AvroSerializer} (its CEL executors registered) and checks its verdicts;
 * each side then reads the other's bytes with its deserializer, the {@code READ} rules applied.
 *
 * <p>Where the JavaScript client departs from Confluent's documentation, the case names the difference ({@code
 * javaScript}): the Node test asserts that exact departure, so a fix in the client shows up as a failing test.
 */
final class RuleParityCases {

    static final String TOPIC = "interop.rule-parity";
    static final String SUBJECT = TOPIC + "-value";
    static final String DLQ_TOPIC = "interop.rule-parity-dlq";

    static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "AllowancePayment", "namespace": "org.zhengce.interop.rules",
             "doc": "A minimum living allowance (低保) payment a department reports: the subject of the rule parity cases",
             "fields": [
               {"name": "paymentId", "type": "string", "doc": "The paying department's payment id", "confluent:tags": ["ID"]},
               {"name": "householdNumber", "type": "string", "doc": "The household paid", "confluent:tags": ["REQUIRED"]},
               {"name": "communityCode", "type": "string", "doc": "12-digit community code", "confluent:tags": ["CODE"]},
               {"name": "programme", "type": "string", "doc": "Programme code, upper case", "confluent:tags": ["CODE"]},
               {"name": "amountFen", "type": "long", "doc": "Amount paid, in fen"},
               {"name": "advisorNote", "type": "string", "doc": "The advisor's free text, masked for readers"}
             ]}""");

    /**
     * The contract: WRITE conditions with ERROR, DLQ and NONE on failure, a field condition and field transforms
     * selected by inline tags (two of the same tags, of which only the first runs), a READ condition and a READ field
     * transform selected by a metadata tag path.
     */
    static final String CONTRACT = """
            {"metadata": {"properties": {"owner": "civil-affairs"},
                          "tags": {"**.advisorNote": ["PII"]}},
             "ruleSet": {"domainRules": [
               {"name": "amountNotNegative", "kind": "CONDITION", "mode": "WRITE", "type": "CEL",
                "expr": "message.amountFen >= 0", "onFailure": "ERROR"},
               {"name": "householdNumberPresent", "kind": "CONDITION", "mode": "WRITE", "type": "CEL_FIELD",
                "tags": ["REQUIRED"], "expr": "value != ''", "onFailure": "ERROR"},
               {"name": "codesNormalised", "kind": "TRANSFORM", "mode": "WRITE", "type": "CEL_FIELD",
                "tags": ["CODE"], "expr": "typeName == 'STRING' ; value.trim().upperAscii()"},
               {"name": "paymentIdTrimmed", "kind": "TRANSFORM", "mode": "WRITE", "type": "CEL_FIELD",
                "tags": ["ID"], "expr": "typeName == 'STRING' ; value.trim()"},
               {"name": "paymentIdUpperCased", "kind": "TRANSFORM", "mode": "WRITE", "type": "CEL_FIELD",
                "tags": ["ID"], "expr": "typeName == 'STRING' ; value.upperAscii()"},
               {"name": "communityCodeTwelveDigits", "kind": "CONDITION", "mode": "WRITE", "type": "CEL",
                "expr": "message.communityCode.matches('^[0-9]{12}$')", "onFailure": "DLQ",
                "params": {"dlq.topic": "%s"}},
               {"name": "noteShortEnough", "kind": "CONDITION", "mode": "WRITE", "type": "CEL",
                "expr": "size(message.advisorNote) <= 40", "onFailure": "NONE"},
               {"name": "amountWithinCap", "kind": "CONDITION", "mode": "READ", "type": "CEL",
                "expr": "message.amountFen <= 500000", "onFailure": "ERROR"},
               {"name": "notesMasked", "kind": "TRANSFORM", "mode": "READ", "type": "CEL_FIELD",
                "tags": ["PII"], "expr": "size(value) > 0 ; '***'"}
             ]}}""".formatted(DLQ_TOPIC);

    /**
     * A record and what the contract does with it. {@code refusedOnWriteBy}: the rule that refuses it on writing, or
     * null with {@code written} the value written; {@code refusedOnReadBy}: the rule that refuses reading it, or null
     * with {@code read} the value read. {@code javaScript}: how the JavaScript serializer departs, {@code
     * javaScriptRead} how the JavaScript deserializer does, or null.
     */
    record Case(
            String name,
            Map<String, Object> value,
            @Nullable String refusedOnWriteBy,
            @Nullable Map<String, Object> written,
            @Nullable String refusedOnReadBy,
            @Nullable Map<String, Object> read,
            @Nullable KnownDifference javaScript,
            @Nullable ReadDifference javaScriptRead) {

        boolean acceptedOnWrite() {
            return refusedOnWriteBy == null;
        }
    }

    /**
     * The JavaScript serializer refuses where Confluent's semantics accept, or refuses otherwise (its error's class and
     * the start of its message), or writes another value ({@code written}); and why.
     */
    record KnownDifference(
            @Nullable String errorType,
            @Nullable String errorMessage,
            @Nullable Map<String, Object> written,
            String why) {

        boolean refuses() {
            return errorType != null;
        }
    }

    /** The JavaScript deserializer reads a record Confluent's semantics refuse: the value it gives, and why. */
    record ReadDifference(Map<String, Object> value, String why) {}

    private static final String NOTE = "独居老人，冬季取暖困难";
    private static final String LONG_NOTE = "独居老人，冬季取暖困难，".repeat(5);

    static final List<Case> ALL = List.of(
            accepted(
                    "obeys-every-rule",
                    payment(),
                    payment().with("programme", "DIBAO"),
                    payment().with("programme", "DIBAO").with("advisorNote", "***")),
            refused("negative-amount", payment().with("amountFen", -500L), "amountNotNegative"),
            refused("empty-household-number", payment().with("householdNumber", ""), "householdNumberPresent"),
            accepted(
                    "codes-trimmed-before-the-community-check",
                    payment().with("communityCode", " 330106001001 ").with("programme", " tekun "),
                    payment().with("programme", "TEKUN"),
                    payment().with("programme", "TEKUN").with("advisorNote", "***")),
            new Case(
                    "community-code-too-short",
                    payment().with("communityCode", "3301"),
                    "communityCodeTwelveDigits",
                    null,
                    null,
                    null,
                    new KnownDifference(
                            "RuleError",
                            "Could not find rule action of type DLQ",
                            null,
                            "the JavaScript client has no DLQ action (Confluent's Java serde has one): it refuses the"
                                    + " record without dead-lettering it, and its error does not name the rule"),
                    null),
            accepted(
                    "long-note-let-through-by-action-none",
                    payment().with("advisorNote", LONG_NOTE),
                    payment().with("programme", "DIBAO").with("advisorNote", LONG_NOTE),
                    payment().with("programme", "DIBAO").with("advisorNote", "***")),
            new Case(
                    "second-transform-of-the-same-tags-skipped",
                    payment().with("paymentId", " pay-2024-0009 "),
                    null,
                    payment().with("paymentId", "pay-2024-0009").with("programme", "DIBAO"),
                    null,
                    payment()
                            .with("paymentId", "pay-2024-0009")
                            .with("programme", "DIBAO")
                            .with("advisorNote", "***"),
                    new KnownDifference(
                            null,
                            null,
                            payment().with("paymentId", "PAY-2024-0009").with("programme", "DIBAO"),
                            "the JavaScript client means to skip a field transform when an earlier one has the same"
                                    + " tags, as Confluent's Java serde does, but compares the two tag arrays with ==="
                                    + " (never true): both transforms run"),
                    null),
            new Case(
                    "empty-note-kept-by-the-guard",
                    payment().with("advisorNote", ""),
                    null,
                    payment().with("programme", "DIBAO").with("advisorNote", ""),
                    null,
                    payment().with("programme", "DIBAO").with("advisorNote", ""),
                    falsyFieldRefused("advisorNote"),
                    null),
            new Case(
                    "amount-above-the-readers-cap",
                    payment().with("amountFen", 600_000L),
                    null,
                    payment().with("programme", "DIBAO").with("amountFen", 600_000L),
                    "amountWithinCap",
                    null,
                    null,
                    new ReadDifference(
                            payment()
                                    .with("programme", "DIBAO")
                                    .with("amountFen", 600_000L)
                                    .with("advisorNote", "***"),
                            "the JavaScript deserializer hands a message-level CEL rule the record avsc decoded (a"
                                    + " class instance), which @bufbuild/cel refuses as input; the CelError it returns"
                                    + " is not false, so a READ condition never fails and the record is read")),
            new Case(
                    "zero-amount",
                    payment().with("amountFen", 0L),
                    null,
                    payment().with("programme", "DIBAO").with("amountFen", 0L),
                    null,
                    payment().with("programme", "DIBAO").with("amountFen", 0L).with("advisorNote", "***"),
                    falsyFieldRefused("amountFen"),
                    null));

    private RuleParityCases() {}

    /** The cases, the schema and the contract as JSON for the Node test. */
    static void writeJson(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Map<String, Object>> cases = ALL.stream()
                .map(c -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("name", c.name());
                    entry.put("value", c.value());
                    entry.put("refusedOnWriteBy", c.refusedOnWriteBy());
                    entry.put("written", c.written());
                    entry.put("refusedOnReadBy", c.refusedOnReadBy());
                    entry.put("read", c.read());
                    entry.put("javaScript", c.javaScript());
                    entry.put("javaScriptRead", c.javaScriptRead());
                    return entry;
                })
                .toList();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("topic", TOPIC);
        document.put("subject", SUBJECT);
        document.put("dlqTopic", DLQ_TOPIC);
        document.put("schema", SCHEMA.toString());
        document.put("contract", json.readTree(CONTRACT));
        document.put("cases", cases);
        Files.createDirectories(file.getParent());
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), document);
    }

    /** The contract as the registry's register request takes it, with the schema. */
    static JsonNode contractJson() {
        try {
            return new ObjectMapper().readTree(CONTRACT);
        } catch (IOException e) {
            throw new IllegalStateException("the contract is not JSON", e);
        }
    }

    /** {@code value} as a record of {@link #SCHEMA}. */
    static GenericRecord record(Map<String, Object> value) {
        GenericData.Record record = new GenericData.Record(SCHEMA);
        value.forEach(record::put);
        return record;
    }

    /** A record read back, as the plain map the cases state (strings as strings). */
    static Map<String, Object> valueOf(GenericRecord record) {
        Map<String, Object> value = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            Object fieldValue = record.get(field.pos());
            value.put(field.name(), fieldValue instanceof CharSequence text ? text.toString() : fieldValue);
        }
        return value;
    }

    private static Case accepted(
            String name, Map<String, Object> value, Map<String, Object> written, Map<String, Object> read) {
        return new Case(name, value, null, written, null, read, null, null);
    }

    private static Case refused(String name, Map<String, Object> value, String rule) {
        return new Case(name, value, rule, null, null, null, null, null);
    }

    private static KnownDifference falsyFieldRefused(String field) {
        return new KnownDifference(
                "SerializationError",
                "rule householdNumberPresent failed",
                null,
                "the JavaScript client's field walk fails a CEL_FIELD condition on every field whose value is falsy"
                        + " (here " + field + ", not tagged REQUIRED), where Confluent's documentation and Java serde"
                        + " run a field rule only on fields with the rule's tags and fail only on false");
    }

    private static Payment payment() {
        Payment payment = new Payment();
        payment.put("paymentId", "PAY-2024-0001");
        payment.put("householdNumber", "HH-330106-0001");
        payment.put("communityCode", "330106001001");
        payment.put("programme", "dibao");
        payment.put("amountFen", 125_000L);
        payment.put("advisorNote", NOTE);
        return payment;
    }

    /** A record's field values in schema order; {@link #with} gives a changed copy. */
    private static final class Payment extends LinkedHashMap<String, Object> {

        private static final long serialVersionUID = 1L;

        Payment with(String field, Object fieldValue) {
            if (SCHEMA.getField(field) == null) {
                throw new IllegalArgumentException("no field " + field + " in " + SCHEMA.getFullName());
            }
            Payment copy = new Payment();
            copy.putAll(this);
            copy.put(field, fieldValue);
            return copy;
        }
    }
}
