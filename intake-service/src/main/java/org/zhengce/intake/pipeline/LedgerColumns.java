package org.zhengce.intake.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.client.EncodedParameter;
import io.r2dbc.postgresql.codec.Codec;
import io.r2dbc.postgresql.codec.CodecRegistry;
import io.r2dbc.postgresql.extension.CodecRegistrar;
import io.r2dbc.postgresql.message.Format;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Binds a batch's ledger columns as PostgreSQL arrays in the binary format (ADR 0018): each value travels as its own
 * bytes, length-prefixed, never as text that PostgreSQL parses again. r2dbc-postgresql writes every array parameter
 * as text (and a {@code bytea} as hex), which cost the ledger half its driver time; this codec, registered as a
 * driver extension ({@code META-INF/services}), encodes only {@link Column}, so no other binding changes.
 */
public final class LedgerColumns implements CodecRegistrar {

    /** Loaded by the driver's extension discovery. */
    public LedgerColumns() {}

    @Override
    public Publisher<Void> register(
            PostgresqlConnection connection, ByteBufAllocator allocator, CodecRegistry registry) {
        registry.addFirst(new ColumnCodec(allocator));
        return Mono.empty();
    }

    /** One column of a batch: an array of {@code elementType} values, each already in its binary form. */
    record Column(int arrayType, int elementType, byte[] @Nullable [] elements) {

        private static final int BYTEA = 17;
        private static final int BYTEA_ARRAY = 1001;
        private static final int INT4 = 23;
        private static final int INT4_ARRAY = 1007;
        private static final int TEXT = 25;
        private static final int TEXT_ARRAY = 1009;
        private static final int UUID_TYPE = 2950;
        private static final int UUID_ARRAY = 2951;

        static Column bytea(List<byte[]> values) {
            return new Column(BYTEA_ARRAY, BYTEA, values.toArray(byte[][]::new));
        }

        static Column text(List<@Nullable String> values) {
            byte[][] elements = new byte[values.size()][];
            for (int i = 0; i < elements.length; i++) {
                String value = values.get(i);
                elements[i] = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
            }
            return new Column(TEXT_ARRAY, TEXT, elements);
        }

        static Column uuid(List<UUID> values) {
            byte[][] elements = new byte[values.size()][];
            for (int i = 0; i < elements.length; i++) {
                UUID value = values.get(i);
                byte[] bytes = new byte[16];
                long high = value.getMostSignificantBits();
                long low = value.getLeastSignificantBits();
                for (int b = 0; b < 8; b++) {
                    bytes[b] = (byte) (high >>> (56 - 8 * b));
                    bytes[8 + b] = (byte) (low >>> (56 - 8 * b));
                }
                elements[i] = bytes;
            }
            return new Column(UUID_ARRAY, UUID_TYPE, elements);
        }

        static Column int4(List<Integer> values) {
            byte[][] elements = new byte[values.size()][];
            for (int i = 0; i < elements.length; i++) {
                int value = values.get(i);
                elements[i] =
                        new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
            }
            return new Column(INT4_ARRAY, INT4, elements);
        }

        int size() {
            return elements.length;
        }

        /** PostgreSQL's binary array: dimensions, null flag, element type, then each element length-prefixed. */
        ByteBuf write(ByteBufAllocator allocator) {
            int length = 20;
            boolean nulls = false;
            for (byte[] element : elements) {
                length += 4 + (element == null ? 0 : element.length);
                nulls |= element == null;
            }
            ByteBuf out = allocator.buffer(length);
            if (elements.length == 0) {
                return out.writeInt(0).writeInt(0).writeInt(elementType);
            }
            out.writeInt(1).writeInt(nulls ? 1 : 0).writeInt(elementType);
            out.writeInt(elements.length).writeInt(1);
            for (byte[] element : elements) {
                if (element == null) {
                    out.writeInt(-1);
                } else {
                    out.writeInt(element.length).writeBytes(element);
                }
            }
            return out;
        }
    }

    private static final class ColumnCodec implements Codec<Column> {

        private final ByteBufAllocator allocator;

        ColumnCodec(ByteBufAllocator allocator) {
            this.allocator = allocator;
        }

        @Override
        public boolean canDecode(int dataType, Format format, Class<?> type) {
            return false;
        }

        @Override
        public boolean canEncode(Object value) {
            return value instanceof Column;
        }

        @Override
        public boolean canEncodeNull(Class<?> type) {
            return false;
        }

        @Override
        public Column decode(@Nullable ByteBuf buffer, int dataType, Format format, Class<? extends Column> type) {
            throw new UnsupportedOperationException("ledger columns are only written");
        }

        @Override
        public EncodedParameter encode(Object value) {
            Column column = (Column) value;
            return new EncodedParameter(
                    Format.FORMAT_BINARY, column.arrayType(), Mono.fromSupplier(() -> column.write(allocator)));
        }

        @Override
        public EncodedParameter encode(Object value, int dataType) {
            return encode(value);
        }

        @Override
        public EncodedParameter encodeNull() {
            throw new UnsupportedOperationException("a ledger column is never null");
        }
    }
}
