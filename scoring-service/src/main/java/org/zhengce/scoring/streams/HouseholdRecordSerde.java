package org.zhengce.scoring.streams;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import org.zhengce.scoring.portrait.PortraitSerde;

/**
 * A {@link HouseholdRecord} as the {@value Stores#PORTRAITS} store keeps it: one byte, the format {@link #VERSION},
 * then Avro binary under the schema kept in {@value #SCHEMA_RESOURCE}: the household's names (persons and event types,
 * each once) and the record, whose facts refer to those names by position; times are epoch-millisecond longs.
 *
 * <p>Reads the format before it too: a value whose first byte is {@code '{'} is a portrait in version-1 JSON
 * ({@link PortraitSerde}), read as a record without state (the scorer takes the state from
 * {@value Stores#STATES} and rewrites the household in this format at its next assessment). Any other first byte
 * raises Kafka's {@link SerializationException}. Null stays null (a tombstone). Thread-safe.
 */
public final class HouseholdRecordSerde implements Serde<HouseholdRecord> {

    /** The format version, the first byte of every value (version 1 was JSON: its first byte is '{'). */
    public static final byte VERSION = 2;

    /** The kept schema of {@link #VERSION}: a change to the records it is declared from must change it, and the version. */
    static final String SCHEMA_RESOURCE = "/schemas/household-record-v2.avsc";

    private static final String NAMESPACE = "org.zhengce.scoring.state.v2";

    private static final RecordCodec<HouseholdRecord> CODEC = RecordCodec.of(HouseholdRecord.class, NAMESPACE);

    private static final Schema NAMES = Schema.createArray(Schema.create(Schema.Type.STRING));

    /**
     * One thread's buffers and encoders, reused from record to record: a record is read and written on every event,
     * and fresh buffers grew (and were copied) several times for each. The encoders are Avro's buffered ones (same
     * bytes): the direct encoder wrote every int, long and string to the stream on its own, a synchronised call each,
     * a few hundred per household.
     */
    private static final class Buffers {
        final ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
        final ByteArrayOutputStream all = new ByteArrayOutputStream(4096);

        @Nullable
        BinaryEncoder bodyOut;

        @Nullable
        BinaryEncoder out;

        @Nullable
        BinaryDecoder in;
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private final PortraitSerde legacy = new PortraitSerde();

    @Override
    public Serializer<HouseholdRecord> serializer() {
        return (topic, record) -> record == null ? null : write(record);
    }

    @Override
    public Deserializer<HouseholdRecord> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    /** The schema the records are written with: {@code {names: [string], household: HouseholdRecord}}. */
    public static Schema schema() {
        Schema schema = Schema.createRecord("HouseholdRecordV2", null, NAMESPACE, false);
        schema.setFields(List.of(new Schema.Field("names", NAMES), new Schema.Field("household", CODEC.schema())));
        return schema;
    }

    /** The schema kept in {@value #SCHEMA_RESOURCE}, as text. */
    static String keptSchema() {
        try (InputStream in = HouseholdRecordSerde.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] write(HouseholdRecord record) {
        try {
            RecordCodec.Names names = new RecordCodec.Names();
            Buffers buffers = BUFFERS.get();
            ByteArrayOutputStream body = buffers.body;
            body.reset();
            BinaryEncoder bodyOut = EncoderFactory.get().binaryEncoder(body, buffers.bodyOut);
            buffers.bodyOut = bodyOut;
            CODEC.write(record, bodyOut, names);
            bodyOut.flush();
            ByteArrayOutputStream all = buffers.all;
            all.reset();
            all.write(VERSION);
            BinaryEncoder out = EncoderFactory.get().binaryEncoder(all, buffers.out);
            buffers.out = out;
            List<String> table = names.all();
            out.writeArrayStart();
            out.setItemCount(table.size());
            for (String name : table) {
                out.startItem();
                out.writeString(name);
            }
            out.writeArrayEnd();
            out.flush();
            body.writeTo(all);
            return all.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "cannot write the record of household " + record.portrait().householdNumber() + ": " + e, e);
        }
    }

    public HouseholdRecord read(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == '{') {
            return new HouseholdRecord(legacy.read(bytes), null);
        }
        if (bytes.length == 0 || bytes[0] != VERSION) {
            throw new SerializationException("a stored household record has format version "
                    + (bytes.length == 0 ? "(empty)" : String.valueOf(bytes[0])) + "; this version reads " + VERSION
                    + " and the JSON portraits of version 1");
        }
        try {
            Buffers buffers = BUFFERS.get();
            BinaryDecoder in = DecoderFactory.get().binaryDecoder(bytes, 1, bytes.length - 1, buffers.in);
            buffers.in = in;
            List<String> table = new ArrayList<>();
            for (long n = in.readArrayStart(); n != 0; n = in.arrayNext()) {
                for (long i = 0; i < n; i++) {
                    table.add(in.readString());
                }
            }
            return CODEC.read(in, new RecordCodec.Names(table));
        } catch (IOException | AvroRuntimeException | IllegalStateException e) {
            throw new SerializationException(
                    "a stored household record does not read as format version " + VERSION + ": " + e, e);
        }
    }
}
