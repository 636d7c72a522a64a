package org.zhengce.intake.validation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.zhengce.intake.identity.IdentityNumberRule;

/** The meaning rules a department event is checked against; each has a stable code for responses and metrics. */
public enum ValidationRule {
    /** A value the fact needs is missing or blank. */
    REQUIRED("required"),
    /** Text holding a C0 control character other than tab, carriage return or line feed (U+0000 included). */
    CONTROL_CHARACTER("text.control-character"),
    /** Resident identity number: not 18 characters. */
    IDENTITY_NUMBER_LENGTH("identity-number.length"),
    /** Resident identity number: not 17 digits and a digit or 'X'. */
    IDENTITY_NUMBER_CHARACTERS("identity-number.characters"),
    /** Resident identity number: the birth date part is not a date, or is in the future. */
    IDENTITY_NUMBER_BIRTH_DATE("identity-number.birth-date"),
    /** Resident identity number: wrong GB 11643 check character. */
    IDENTITY_NUMBER_CHECK_DIGIT("identity-number.check-digit"),
    /** An identity number inside an identifier that is published as it is (the event id, a household number). */
    IDENTITY_NUMBER_IN_KEY("identity-number.not-in-identifier"),
    /** A time later than now. */
    TIME_IN_FUTURE("time.not-in-future"),
    /** A time before 1900: a department system's empty value (0001-01-01), not a time a fact happened. */
    TIME_TOO_EARLY("time.not-before-1900"),
    /** {@code occurredAt} later than {@code reportedAt}. */
    OCCURRED_AFTER_REPORTED("time.occurred-not-after-reported"),
    /** A date later than today (in China). */
    DATE_IN_FUTURE("date.not-in-future"),
    /** An end date before its start date. */
    DATE_ORDER("date.end-not-before-start"),
    /** An amount in fen below zero. */
    AMOUNT_NEGATIVE("amount.non-negative"),
    /** A part of an amount larger than the whole (out of pocket above total). */
    AMOUNT_ORDER("amount.part-not-above-total"),
    /** A count (days, months) below zero. */
    COUNT_NEGATIVE("count.non-negative"),
    /** A number outside the range its fact allows (disability grade 1 to 4). */
    OUT_OF_RANGE("range"),
    /** A community code that is not 12 digits. */
    COMMUNITY_CODE_FORMAT("community-code.format"),
    /** A 12-digit community code that is not in the directory. */
    COMMUNITY_CODE_UNKNOWN("community-code.known"),
    /** The envelope's community code differs from the one in the household record. */
    COMMUNITY_CODE_MISMATCH("community-code.consistent"),
    /** A symbol the enum does not have, or its UNKNOWN default where the fact needs a real value. */
    ENUM_UNKNOWN("enum.known-symbol"),
    /** The subject kind does not fit the fact (household facts are about a household number). */
    SUBJECT_KIND("subject.kind"),
    /** A household record without exactly one head. */
    HOUSEHOLD_HEAD("household.one-head"),
    /** The same person twice in one household record. */
    DUPLICATE_MEMBER("household.member-unique"),
    /** A member's birth date differs from the one in the identity number. */
    BIRTH_DATE_MISMATCH("member.birth-date-matches-identity-number"),
    /** A member's sex differs from the one in the identity number. */
    SEX_MISMATCH("member.sex-matches-identity-number"),

    // Reading: the bytes, the JSON or CSV, and the Avro schema, before meaning is checked.
    /** Bytes that are not valid in the declared (or default UTF-8) character encoding. */
    ENCODING("encoding.valid"),
    /** Text that is not one well-formed JSON object (truncated, trailing garbage, not an object). */
    MALFORMED_JSON("json.well-formed"),
    /** A CSV row that cannot be read (unbalanced quotes, more cells than the header has columns). */
    MALFORMED_CSV("csv.well-formed"),
    /** A single JSON event (the whole body of {@code POST /events}) larger than the limit; answered 413. */
    EVENT_TOO_LARGE("size.event"),
    /** An NDJSON line longer than the limit (that line is rejected, the stream goes on). */
    LINE_TOO_LONG("size.line"),
    /** A CSV row longer than the limit (that row is rejected, the file goes on). */
    ROW_TOO_LONG("size.row"),
    /** A CSV cell longer than the limit. */
    CELL_TOO_LONG("size.cell"),
    /** JSON nested deeper than the limit (objects and arrays inside each other). */
    JSON_NESTING("json.nesting"),
    /** A JSON number written with more characters than the limit. */
    JSON_NUMBER_LENGTH("json.number-length"),
    /** A JSON string or field name longer than the limit. */
    JSON_STRING_LENGTH("json.string-length"),
    /** An event type (fact record name) the data standard does not have. */
    EVENT_TYPE_UNKNOWN("event-type.known"),
    /** A value of the wrong JSON type for its schema field (text where a number is needed...). */
    TYPE_MISMATCH("schema.type"),
    /** A value of the right type in the wrong form (a timestamp or date that does not parse). */
    FORMAT("schema.format"),
    /** A field the schema does not have (a typo, or a field of another event type). */
    UNKNOWN_FIELD("schema.unknown-field"),
    /** Bytes on a department topic that are not a DepartmentEvent in the Confluent Avro wire format. */
    UNDECODABLE("avro.decodable"),
    /**
     * A department topic's record the pipeline failed on for a reason it did not expect (a fault of intake's, not of
     * the record's as far as anyone knows): kept sealed, replayed once the fault is fixed.
     */
    UNPROCESSABLE("pipeline.processable"),

    // Admission: who sent it, and whether it fits their terms.
    /** The event names another department than the one that sent it (the credential's or the topic's). */
    DEPARTMENT_MISMATCH("department.matches-sender"),
    /** The department may not report this event type. */
    EVENT_TYPE_NOT_ALLOWED("department.type-allowed"),
    /** The department is disabled. */
    DEPARTMENT_DISABLED("department.enabled"),
    /** The event's community lies outside the department's jurisdiction scope. */
    OUT_OF_SCOPE("department.jurisdiction-scope"),
    /** The same (department, eventId) was accepted before with a different payload. */
    CONFLICTING_DUPLICATE("idempotency.same-payload"),
    /** More events in one NDJSON stream than the limit allows. */
    STREAM_LIMIT("size.events-per-stream");

    private final String code;

    ValidationRule(String code) {
        this.code = code;
    }

    /** The stable code, e.g. {@code identity-number.check-digit}; also its JSON form. */
    @JsonValue
    public String code() {
        return code;
    }

    /** The rule with stable code {@code code}. */
    @JsonCreator
    public static ValidationRule ofCode(String code) {
        for (ValidationRule rule : values()) {
            if (rule.code.equals(code)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("no validation rule has code '" + code + "'");
    }

    static ValidationRule of(IdentityNumberRule rule) {
        return switch (rule) {
            case LENGTH -> IDENTITY_NUMBER_LENGTH;
            case CHARACTERS -> IDENTITY_NUMBER_CHARACTERS;
            case BIRTH_DATE -> IDENTITY_NUMBER_BIRTH_DATE;
            case CHECK_DIGIT -> IDENTITY_NUMBER_CHECK_DIGIT;
        };
    }
}
