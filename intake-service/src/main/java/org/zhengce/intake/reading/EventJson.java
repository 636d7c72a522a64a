package org.zhengce.intake.reading;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.validation.ValidationRule;
import org.zhengce.intake.validation.Violation;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of a department event, as departments POST it (one object, or one per NDJSON line), read into a
 * {@link DepartmentEvent} with every form error, and written back. Thread-safe.
 *
 * <pre>{@code
 * {"eventId":"HIS-2026-000123","department":"HEALTH","type":"HospitalDischarged",
 *  "occurredAt":"2026-11-20T10:00:00+08:00","reportedAt":"2026-11-20T11:00:00Z",
 *  "subject":{"identityNumber":"990101198001011236"},
 *  "communityCode":"110105001001",
 *  "fact":{"hospital":"北京朝阳医院","lengthOfStayDays":12}}
 * }</pre>
 *
 * <ul>
 *   <li>{@code type}: the fact record's simple name ({@link EventTypes#names()}), required.
 *   <li>{@code department}: optional, a {@code Department} symbol; absent, it is left null for the caller to fill in
 *       with the department that sent the event.
 *   <li>{@code subject}: exactly one of {@code {"householdNumber":"..."}} (a household) and
 *       {@code {"identityNumber":"..."}} (a person).
 *   <li>{@code communityCode}: optional.
 *   <li>{@code fact}: the fact record's fields. Records are objects and arrays arrays; an optional field
 *       ({@code ["null", T]}) is its value, {@code null} or absent (absent or null: its default, null; a field with
 *       another default, such as {@code needs: []}, takes that default when absent); enums are their symbol as text;
 *       {@code timestamp-millis} fields take ISO-8601 with an offset or {@code Z}, ISO local date-time without offset
 *       (meaning Asia/Shanghai) or epoch milliseconds as a JSON integer; {@code date} fields are {@code YYYY-MM-DD};
 *       int and long fields are JSON integers in range (amounts are whole fen); booleans and strings are themselves. A
 *       member's identity is the {@code ResidentIdentity} record: {@code {"identity":{"identityNumber":"..."}}}.
 * </ul>
 *
 * <p>Every form error is reported, each a {@link Violation} whose path is EventValidator's ({@code occurredAt},
 * {@code subject.identityNumber}, {@code fact.members[2].identity.identityNumber}; the empty path for the document as a
 * whole): {@code REQUIRED} for a missing required value, {@code UNKNOWN_FIELD} for a field the schema does not have (at
 * any level), {@code TYPE_MISMATCH} for the wrong JSON type (a fraction, text or an out-of-range number for an int),
 * {@code FORMAT} for a timestamp or date that does not parse and for a subject with both keys, {@code ENUM_UNKNOWN},
 * {@code EVENT_TYPE_UNKNOWN}, and for bytes {@code ENCODING} and {@code MALFORMED_JSON}. Offending values have every
 * identity-number-shaped run masked and are cut to 100 characters; parse errors are Jackson's short message with
 * line and column, masked the same way.
 */
public final class EventJson {

    private static final Pattern SOURCE_REFERENCE =
            Pattern.compile("\\s*\\((?:start marker at )?\\[Source:[^\\]]*\\]\\)");

    private final ObjectMapper mapper;
    private final ReadingLimits limits;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    /** With a mapper of its own and the default {@link ReadingLimits}. */
    public EventJson() {
        this(JsonMapper.builder().build());
    }

    /** With the application's mapper (Jackson 3) and the default {@link ReadingLimits}. */
    public EventJson(ObjectMapper mapper) {
        this(mapper, ReadingLimits.DEFAULTS);
    }

    /**
     * With the application's mapper (Jackson 3), for trees and writing; events are parsed by a parser of its own under
     * {@code limits}, with the features for reading events set here.
     */
    public EventJson(ObjectMapper mapper, ReadingLimits limits) {
        this.mapper = mapper;
        this.limits = limits;
        JsonFactory constrained = JsonFactory.builder()
                .streamReadConstraints(limits.constraints())
                .build();
        this.reader = JsonMapper.builder(constrained)
                .build()
                .reader()
                // a key twice is ambiguous: which value did the department mean?
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // parse errors must never quote the document, which holds identity numbers
                .without(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                // trailing content is checked here, to say so in plain words
                .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.writer = mapper.writer().without(SerializationFeature.INDENT_OUTPUT);
    }

    /** The same reading and writing under other limits (those of {@code intake.limits.*}). */
    public EventJson withLimits(ReadingLimits other) {
        return new EventJson(mapper, other);
    }

    /** The limits this reads under. */
    public ReadingLimits limits() {
        return limits;
    }

    /**
     * Reads one event from UTF-8 bytes: decoded strictly (a UTF-8 byte order mark is allowed), then exactly one JSON
     * object, then {@link #read(JsonNode)}.
     *
     * @return with {@code event} null and one violation if the bytes are not UTF-8 ({@code ENCODING}, "not valid
     *     UTF-8 at byte N", N counted from 0) or not one JSON object ({@code MALFORMED_JSON}: truncated, trailing
     *     content, not an object)
     */
    public ReadEvent read(byte[] utf8) {
        String text;
        try {
            text = decodeUtf8(utf8);
        } catch (NotInEncoding error) {
            return ReadEvent.unreadable(
                    new Violation("", ValidationRule.ENCODING, "not valid UTF-8 at byte " + error.byteOffset));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        JsonNode node;
        try (JsonParser parser = reader.createParser(text)) {
            node = reader.readTree(parser);
            if (node == null) {
                return malformed("no JSON object: the input is empty");
            }
            String trailing = trailingContent(parser);
            if (trailing != null) {
                return malformed(trailing);
            }
        } catch (StreamConstraintsException breach) {
            ValidationRule rule = ruleBroken(breach);
            return ReadEvent.unreadable(new Violation("", rule, at(breach.getLocation()) + breached(rule)));
        } catch (JacksonException error) {
            return malformed(parseError(error));
        }
        return read(node);
    }

    /** Reads one event from its JSON form, typed as JSON types it (see the class comment). */
    public ReadEvent read(JsonNode node) {
        return new EventReading(mapper, false).read(node);
    }

    /**
     * Reads one event from its JSON form where every scalar arrives as a JSON string (a CSV row) and is converted to
     * its field's type: integers from digits, booleans from {@code true}/{@code false}, enum symbols, dates,
     * timestamps (also epoch milliseconds as digits); blank text is absent. Paths and rules are those of
     * {@link #read(JsonNode)}.
     */
    public ReadEvent readText(JsonNode node) {
        return new EventReading(mapper, true).read(node);
    }

    /**
     * The JSON form of {@code event}: timestamps as {@link java.time.Instant#toString()}, dates ISO, optional nulls
     * left out. {@code read(write(e)).event()} equals {@code e} for every valid event.
     */
    public ObjectNode write(DepartmentEvent event) {
        return EventWriting.write(event);
    }

    /** {@link #write(DepartmentEvent)} as UTF-8 JSON on one line, without a line end. */
    public byte[] writeBytes(DepartmentEvent event) {
        return writer.writeValueAsBytes(write(event));
    }

    /**
     * The rule a breach of the stream-read constraints breaks. Jackson names the constraint only in its message (its
     * getter, such as {@code getMaxNestingDepth()}), so the message is what tells them apart.
     */
    static ValidationRule ruleBroken(StreamConstraintsException breach) {
        String message = String.valueOf(breach.getOriginalMessage());
        if (message.contains("NestingDepth")) {
            return ValidationRule.JSON_NESTING;
        }
        if (message.contains("NumberLength")) {
            return ValidationRule.JSON_NUMBER_LENGTH;
        }
        if (message.contains("StringLength") || message.contains("NameLength")) {
            return ValidationRule.JSON_STRING_LENGTH;
        }
        // the document's length, or its token count: the event as a whole is too large
        return ValidationRule.EVENT_TOO_LARGE;
    }

    /** What a breach of {@code rule} is, in plain words with the limit. */
    private String breached(ValidationRule rule) {
        return switch (rule) {
            case JSON_NESTING -> "nested deeper than " + limits.maxNestingDepth() + " levels";
            case JSON_NUMBER_LENGTH -> "a number longer than " + limits.maxNumberLength() + " characters";
            case JSON_STRING_LENGTH -> "a string or field name longer than " + limits.maxStringLength() + " characters";
            default -> "longer than " + limits.maxDocumentLength() + " characters";
        };
    }

    /** A description of anything after the one JSON value, or null when nothing but whitespace follows. */
    private static @Nullable String trailingContent(JsonParser parser) {
        try {
            if (parser.nextToken() == null) {
                return null;
            }
            return at(parser.currentTokenLocation()) + "trailing content after the JSON object";
        } catch (JacksonException error) {
            return at(error.getLocation()) + "trailing content after the JSON object";
        }
    }

    /** Jackson's message without its source reference, after the line and column. Masked later, as every value. */
    static String parseError(JacksonException error) {
        String message =
                error.getOriginalMessage() == null ? error.getClass().getSimpleName() : error.getOriginalMessage();
        return at(error.getLocation()) + SOURCE_REFERENCE.matcher(message).replaceAll("");
    }

    private static String at(@Nullable TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    }

    private static ReadEvent malformed(String message) {
        return ReadEvent.unreadable(new Violation("", ValidationRule.MALFORMED_JSON, Offending.shown(message)));
    }

    private static String decodeUtf8(byte[] bytes) throws NotInEncoding {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never decodes to more chars than it has bytes
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new NotInEncoding(in.position());
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** Bytes that are not valid in the encoding, from {@code byteOffset} (counted from 0). */
    static final class NotInEncoding extends Exception {

        private static final long serialVersionUID = 1L;

        final long byteOffset;

        NotInEncoding(long byteOffset) {
            super("not valid at byte " + byteOffset, null, false, false);
            this.byteOffset = byteOffset;
        }
    }
}
