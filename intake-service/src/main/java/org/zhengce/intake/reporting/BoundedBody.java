package org.zhengce.intake.reporting;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A request body read under intake's limits: at most {@code max} bytes are held (past them reading stops, the first
 * {@code max} bytes are kept to seal), and a body that does not arrive within the read time-out is cut.
 *
 * @param bytes the body, or its first {@code max} bytes when it is {@code tooLarge}
 * @param tooLarge whether the body went on past {@code max} bytes
 */
record BoundedBody(byte[] bytes, boolean tooLarge) {

    /**
     * The body of a single request, whole within {@code readTimeout} (a body trickled slowly is cut, not waited for),
     * failing with {@link BodyReadTimedOutException} otherwise.
     */
    static Mono<BoundedBody> read(Flux<DataBuffer> body, int max, Duration readTimeout) {
        return Mono.defer(() -> {
                    ByteArrayOutputStream kept = new ByteArrayOutputStream();
                    return body.map(buffer -> {
                                try {
                                    int room = max - kept.size();
                                    int count = buffer.readableByteCount();
                                    byte[] part = new byte[Math.min(room, count)];
                                    buffer.read(part);
                                    kept.writeBytes(part);
                                    return count > room;
                                } finally {
                                    DataBufferUtils.release(buffer);
                                }
                            })
                            // past the limit: stop reading, the rest of the body is never held
                            .takeUntil(past -> past)
                            .reduce(false, (before, past) -> before || past)
                            .map(past -> new BoundedBody(kept.toByteArray(), past));
                })
                .timeout(readTimeout)
                .onErrorMap(TimeoutException.class, timedOut -> new BodyReadTimedOutException(readTimeout))
                .doOnDiscard(DataBuffer.class, DataBufferUtils::release);
    }

    /** {@code body} failing with {@link BodyReadTimedOutException} when its next part takes longer than the time-out. */
    static Flux<DataBuffer> paced(Flux<DataBuffer> body, Duration readTimeout) {
        return body.timeout(readTimeout)
                .onErrorMap(TimeoutException.class, timedOut -> new BodyReadTimedOutException(readTimeout))
                .doOnDiscard(DataBuffer.class, DataBufferUtils::release);
    }
}
