package org.zhengce.schemas.serde;

import java.io.OutputStream;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * A per-thread, unsynchronised growable buffer with an Avro encoder bound to it, reused across
 * records; {@link java.io.ByteArrayOutputStream} would lock on every write.
 */
final class WireOutput extends OutputStream {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_LENGTH = 5;

    private static final int INITIAL_CAPACITY = 512;
    /** A thread that once wrote a huge record does not keep that much memory. */
    private static final int RETAINED_CAPACITY = 1 << 20;

    private static final ThreadLocal<WireOutput> CURRENT = ThreadLocal.withInitial(WireOutput::new);

    private byte[] buffer = new byte[INITIAL_CAPACITY];
    private int count;
    private final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(this, null);

    /** This thread's output, emptied, with the wire-format header for {@code schemaId} written. */
    static WireOutput start(int schemaId) {
        WireOutput output = CURRENT.get();
        output.count = HEADER_LENGTH;
        byte[] header = output.buffer;
        header[0] = MAGIC_BYTE;
        header[1] = (byte) (schemaId >>> 24);
        header[2] = (byte) (schemaId >>> 16);
        header[3] = (byte) (schemaId >>> 8);
        header[4] = (byte) schemaId;
        return output;
    }

    BinaryEncoder encoder() {
        return encoder;
    }

    /** The bytes written since {@link #start}, as a new array. */
    byte[] finish() {
        byte[] bytes = Arrays.copyOf(buffer, count);
        if (buffer.length > RETAINED_CAPACITY) {
            buffer = new byte[INITIAL_CAPACITY];
        }
        return bytes;
    }

    @Override
    public void write(int b) {
        ensureCapacity(1);
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensureCapacity(length);
        System.arraycopy(bytes, offset, buffer, count, length);
        count += length;
    }

    private void ensureCapacity(int extra) {
        if (count + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + extra));
        }
    }
}
