package org.zhengce.intake.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.zhengce.intake.reading.NdjsonLines.Line;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class NdjsonLinesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Reference-counted buffers, so that a buffer never released shows. */
    private final NettyDataBufferFactory buffers = new NettyDataBufferFactory(new UnpooledByteBufAllocator(false));

    private final List<NettyDataBuffer> allocated = new ArrayList<>();

    @AfterEach
    void everyBufferHandedOverIsReleased() {
        assertThat(allocated)
                .allSatisfy(buffer -> assertThat(buffer.getNativeBuffer().refCnt())
                        .as("reference count")
                        .isZero());
    }

    private DataBuffer buffer(byte[] bytes, int from, int to) {
        NettyDataBuffer buffer = buffers.allocateBuffer(to - from);
        buffer.write(bytes, from, to - from);
        allocated.add(buffer);
        return buffer;
    }

    /** {@code body} in buffers of {@code size} bytes, each made when it is requested. */
    private Flux<DataBuffer> body(String body, int size) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return Flux.range(0, (bytes.length + size - 1) / size)
                .map(index -> buffer(bytes, index * size, Math.min(bytes.length, (index + 1) * size)));
    }

    private static Line line(long number, String text) {
        return new Line(number, text.getBytes(StandardCharsets.UTF_8), false);
    }

    private static Line tooLong(long number) {
        return new Line(number, new byte[0], true);
    }

    @Test
    void lineSplitAcrossManyBuffersIsWhole() {
        String body = "{\"address\":\"北京市朝阳区幸福路1号\"}\n{\"b\":2}\n";

        NdjsonLines.split(body(body, 1), 1024)
                .as(StepVerifier::create)
                .expectNext(line(1, "{\"address\":\"北京市朝阳区幸福路1号\"}"), line(2, "{\"b\":2}"))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void multiByteCharacterSplitBetweenTwoBuffersStaysWhole() {
        // 北 is three bytes: the first buffer ends after its first byte
        NdjsonLines.split(body("{\"a\":\"北\"}\n", 7), 1024)
                .as(StepVerifier::create)
                .expectNext(line(1, "{\"a\":\"北\"}"))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void oneBufferWithManyLinesGivesEveryLine() {
        NdjsonLines.split(body("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n", 1 << 16), 1024)
                .as(StepVerifier::create)
                .expectNext(line(1, "{\"a\":1}"), line(2, "{\"a\":2}"), line(3, "{\"a\":3}"))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void crlfLineEndsAreStripped() {
        NdjsonLines.split(body("{\"a\":1}\r\n{\"a\":2}\r\n", 5), 1024)
                .as(StepVerifier::create)
                .expectNext(line(1, "{\"a\":1}"), line(2, "{\"a\":2}"))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void lastLineWithoutNewlineIsEmitted() {
        NdjsonLines.split(body("{\"a\":1}\n{\"a\":2}", 3), 1024)
                .as(StepVerifier::create)
                .expectNext(line(1, "{\"a\":1}"), line(2, "{\"a\":2}"))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void blankLinesAreSkippedButCounted() {
        NdjsonLines.split(body("\n{\"a\":1}\n\n  \t\r\n\r\n{\"a\":6}\n\n", 4), 1024)
                .as(StepVerifier::create)
                .expectNext(line(2, "{\"a\":1}"), line(6, "{\"a\":6}"))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void emptyBodyHasNoLines() {
        NdjsonLines.split(Flux.empty(), 10)
                .as(StepVerifier::create)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void tooLongLineIsReportedOnceAndTheFollowingLinesStillCome() {
        String body = "{\"a\":1}\n" + "x".repeat(50) + "\n{\"a\":3}\n" + "y".repeat(11) + "\n{\"a\":5}";

        NdjsonLines.split(body(body, 4), 10)
                .as(StepVerifier::create)
                .expectNext(line(1, "{\"a\":1}"), tooLong(2), line(3, "{\"a\":3}"), tooLong(4), line(5, "{\"a\":5}"))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void tooLongLineInOneBufferAndAsTheLastLine() {
        NdjsonLines.split(body("{\"a\":1}\n" + "x".repeat(50), 1 << 16), 10)
                .as(StepVerifier::create)
                .expectNext(line(1, "{\"a\":1}"), tooLong(2))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void lineOfExactlyTheLimitIsNotTooLongWithOrWithoutCarriageReturn() {
        String ten = "0123456789";

        NdjsonLines.split(body(ten + "\r\n" + ten + "\n" + ten + "\r", 3), 10)
                .as(StepVerifier::create)
                .expectNext(line(1, ten), line(2, ten), line(3, ten))
                .expectComplete()
                .verify(TIMEOUT);
        NdjsonLines.split(body(ten + "x\r\n", 3), 10)
                .as(StepVerifier::create)
                .expectNext(tooLong(1))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void hundredThousandLinesAreStreamedInOrder() {
        int lines = 100_000;
        AtomicLong made = new AtomicLong();
        // buffers of 4093 bytes, made one by one as they are asked for: lines, and their Chinese characters, straddle
        // them everywhere
        int size = 4093;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        Flux<DataBuffer> body = Flux.generate(sink -> {
            while (pending.size() < size && made.get() < lines) {
                long number = made.incrementAndGet();
                pending.writeBytes(("{\"eventId\":\"E-" + number + "\",\"note\":\"第" + number + "行\"}\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            byte[] bytes = pending.toByteArray();
            if (bytes.length == 0) {
                sink.complete();
                return;
            }
            int end = Math.min(size, bytes.length);
            sink.next(buffer(bytes, 0, end));
            pending.reset();
            pending.write(bytes, end, bytes.length - end);
        });
        AtomicLong expected = new AtomicLong();

        NdjsonLines.split(body, 1024)
                .doOnNext(line -> {
                    long number = expected.incrementAndGet();
                    assertThat(line.number()).isEqualTo(number);
                    assertThat(new String(line.bytes(), StandardCharsets.UTF_8))
                            .isEqualTo("{\"eventId\":\"E-" + number + "\",\"note\":\"第" + number + "行\"}");
                })
                .as(StepVerifier::create)
                .expectNextCount(lines)
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(allocated).hasSizeGreaterThan(1000);
    }

    @Test
    void cancellingReleasesTheBuffersWaiting() {
        byte[] bytes = "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n{\"a\":4}\n".getBytes(StandardCharsets.UTF_8);
        // a body that pushes every buffer at once, as a connection does with what it has received: those not yet
        // split wait in the body's queue when the subscriber cancels
        Flux<DataBuffer> eager = Flux.create(sink -> {
            for (int from = 0; from < bytes.length; from += 3) {
                sink.next(buffer(bytes, from, Math.min(bytes.length, from + 3)));
            }
            sink.complete();
        });

        NdjsonLines.split(eager, 1024)
                .take(1)
                .as(StepVerifier::create)
                .expectNext(line(1, "{\"a\":1}"))
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(allocated).hasSize(11);
    }

    @Test
    void failingBodyEndsTheLinesWithItsErrorAndReleasesBuffers() {
        Flux<DataBuffer> failing =
                body("{\"a\":1}\n{\"a\":", 4).concatWith(Flux.error(new IllegalStateException("reset")));

        NdjsonLines.split(failing, 1024)
                .as(StepVerifier::create)
                .expectNext(line(1, "{\"a\":1}"))
                .expectErrorMessage("reset")
                .verify(TIMEOUT);
    }

    @Test
    void linesShowNoContent() {
        assertThat(line(3, "11010519491231002X").toString()).isEqualTo("Line[number=3, 18 bytes]");
        assertThat(tooLong(4).toString()).isEqualTo("Line[number=4, too long]");
    }

    @Test
    void limitMustBeAtLeastOneByte() {
        assertThatThrownBy(() -> NdjsonLines.split(Flux.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 byte");
    }
}
