package org.zhengce.scoring.portrait;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portrait as the state store kept it before {@code streams.HouseholdRecordSerde} (which reads this format still,
 * for the upgrade, and writes its own): UTF-8 JSON (Jackson) with the format version first, {@code {"v":1, ...the
 * portrait's fields}}; a reader checks the version before anything else. Instants and days are ISO-8601 text, enums their symbol. A record of another version, or one
 * that does not read as a version-1 portrait (an unknown field included), raises Kafka's
 * {@link SerializationException}: the format changes only with {@link #VERSION}. Null stays null (a tombstone).
 * Thread-safe.
 */
public final class PortraitSerde implements Serde<Portrait> {

    /** The format version written in the {@code v} field. */
    public static final int VERSION = 1;

    private static final String VERSION_FIELD = "v";

    private static final byte[] PREFIX =
            ("{\"" + VERSION_FIELD + "\":" + VERSION + ",").getBytes(StandardCharsets.UTF_8);

    /** Lets the reader skip the version field, which {@link #read} checks itself; the portrait stays free of Jackson. */
    @JsonIgnoreProperties(VERSION_FIELD)
    private interface VersionedPortrait {}

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addMixIn(Portrait.class, VersionedPortrait.class)
            .build();

    private final ObjectReader reader = mapper.readerFor(Portrait.class);

    @Override
    public Serializer<Portrait> serializer() {
        return (topic, portrait) -> portrait == null ? null : write(portrait);
    }

    @Override
    public Deserializer<Portrait> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    /** The JSON bytes of a portrait: {@code {"v":1,} followed by the portrait's own fields. */
    public byte[] write(Portrait portrait) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(portrait);
        } catch (JacksonException e) {
            throw new SerializationException(
                    "cannot write the portrait of household " + portrait.householdNumber() + ": "
                            + e.getOriginalMessage(),
                    e);
        }
        // a portrait's JSON is an object that is never empty: {"householdNumber":...}
        byte[] versioned = new byte[PREFIX.length + json.length - 1];
        System.arraycopy(PREFIX, 0, versioned, 0, PREFIX.length);
        System.arraycopy(json, 1, versioned, PREFIX.length, json.length - 1);
        return versioned;
    }

    /** The portrait of JSON bytes written by {@link #write} (or by any writer that puts the same fields). */
    public Portrait read(byte[] bytes) {
        try {
            if (startsWithVersion(bytes)) {
                return reader.readValue(bytes);
            }
            @Nullable JsonNode json = mapper.readTree(bytes);
            @Nullable JsonNode version = json == null || !json.isObject() ? null : json.get(VERSION_FIELD);
            if (version == null || !version.isIntegralNumber() || version.intValue() != VERSION) {
                throw new SerializationException("a stored portrait has format version "
                        + (json == null || !json.isObject() ? "(not a JSON object)" : String.valueOf(version))
                        + "; this version reads " + VERSION);
            }
            return reader.readValue(json);
        } catch (JacksonException e) {
            throw new SerializationException(
                    "a stored portrait does not read as format version " + VERSION + ": " + e.getOriginalMessage(), e);
        }
    }

    private static boolean startsWithVersion(byte[] bytes) {
        return bytes.length > PREFIX.length && Arrays.equals(bytes, 0, PREFIX.length, PREFIX, 0, PREFIX.length);
    }
}
