package org.zhengce.intake.reading;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;

/**
 * Splits a streamed NDJSON request body into its lines, in constant memory: at most one line (bounded by the limit),
 * the lines found in the buffer being split and one buffer waiting are held at a time. Every buffer is released, also
 * when the subscriber cancels or the body fails.
 */
public final class NdjsonLines {

    private static final byte[] NO_BYTES = new byte[0];
    /** Buffers are copied out this many bytes at a time, never whole. */
    private static final int SCRATCH_BYTES = 8 * 1024;

    private NdjsonLines() {}

    /**
     * One line of the body.
     *
     * @param number the line's number in the body, from 1; blank lines are not emitted but are counted
     * @param bytes the line without its {@code \n} and a {@code \r} before it; empty when {@code tooLong}. Not copied:
     *     do not change it
     * @param tooLong whether the line was longer than the limit (its content is discarded)
     */
    public record Line(long number, byte[] bytes, boolean tooLong) {

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Line that
                    && number == that.number
                    && tooLong == that.tooLong
                    && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(number) * 31 + Arrays.hashCode(bytes) + (tooLong ? 1 : 0);
        }

        /** The number and length only: a line may hold identity numbers. */
        @Override
        public String toString() {
            return "Line[number=" + number + ", " + (tooLong ? "too long" : bytes.length + " bytes") + "]";
        }
    }

    /**
     * The lines of {@code body}, split at {@code \n} with a {@code \r} before it removed, bytes not characters (a
     * UTF-8 character split across buffers stays whole). Blank (whitespace-only) lines are skipped but counted; a last
     * line without {@code \n} is emitted; a line over {@code maxLineBytes} (without its line end) is emitted once as
     * {@code tooLong} with no bytes, and the rest of it up to the next {@code \n} is discarded.
     *
     * @throws IllegalArgumentException if {@code maxLineBytes} is below 1
     */
    public static Flux<Line> split(Flux<DataBuffer> body, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("the line limit must be at least 1 byte: " + maxLineBytes);
        }
        return Flux.defer(() -> {
                    Splitter splitter = new Splitter(maxLineBytes);
                    // prefetch 1: the next buffer waits while the lines of this one are taken
                    return body.concatMapIterable(splitter::feed, 1)
                            .concatWith(Flux.defer(() -> Flux.fromIterable(splitter.finish())));
                })
                // buffers queued but not split when the subscriber cancels or the body fails
                .doOnDiscard(DataBuffer.class, DataBufferUtils::release);
    }

    /** The state of one subscription: the line being assembled and the next line number. */
    private static final class Splitter {

        private final int maxLineBytes;
        /** The most bytes a line being assembled holds: the limit and a {@code \r}. */
        private final int capacity;

        private final byte[] scratch = new byte[SCRATCH_BYTES];
        private byte[] line = new byte[256];
        private int length;
        private long number = 1;
        /** Inside a line already emitted as too long: its bytes up to the next {@code \n} are dropped. */
        private boolean discarding;

        Splitter(int maxLineBytes) {
            this.maxLineBytes = maxLineBytes;
            this.capacity = (int) Math.min((long) maxLineBytes + 1, Integer.MAX_VALUE - 8);
        }

        /** The lines {@code buffer} completes; releases it. */
        List<Line> feed(DataBuffer buffer) {
            List<Line> lines = new ArrayList<>();
            try {
                while (buffer.readableByteCount() > 0) {
                    int count = Math.min(scratch.length, buffer.readableByteCount());
                    buffer.read(scratch, 0, count);
                    int start = 0;
                    for (int index = 0; index < count; index++) {
                        if (scratch[index] == '\n') {
                            append(scratch, start, index, lines);
                            endOfLine(lines);
                            start = index + 1;
                        }
                    }
                    append(scratch, start, count, lines);
                }
            } finally {
                DataBufferUtils.release(buffer);
            }
            return lines;
        }

        /** The last line, when the body does not end with {@code \n}. */
        List<Line> finish() {
            List<Line> lines = new ArrayList<>(1);
            if (!discarding && length > 0) {
                complete(lines);
            }
            return lines;
        }

        private void append(byte[] bytes, int from, int to, List<Line> lines) {
            int count = to - from;
            if (discarding || count == 0) {
                return;
            }
            // one byte over the limit may still be the \r of a line that is just long enough
            if ((long) length + count > capacity) {
                lines.add(new Line(number, NO_BYTES, true));
                discarding = true;
                length = 0;
                return;
            }
            if (length + count > line.length) {
                line = Arrays.copyOf(line, (int) Math.min(Math.max(line.length * 2L, length + count), capacity));
            }
            System.arraycopy(bytes, from, line, length, count);
            length += count;
        }

        private void endOfLine(List<Line> lines) {
            if (discarding) {
                discarding = false;
            } else {
                complete(lines);
            }
            length = 0;
            number++;
        }

        private void complete(List<Line> lines) {
            int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
            if (end > maxLineBytes) {
                lines.add(new Line(number, NO_BYTES, true));
            } else if (!blank(end)) {
                lines.add(new Line(number, Arrays.copyOf(line, end), false));
            }
        }

        private boolean blank(int end) {
            for (int index = 0; index < end; index++) {
                byte b = line[index];
                if (b != ' ' && b != '\t' && b != '\r' && b != '\f' && b != 0x0B) {
                    return false;
                }
            }
            return true;
        }
    }
}
