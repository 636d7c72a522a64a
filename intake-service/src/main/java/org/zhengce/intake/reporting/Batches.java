package org.zhengce.intake.reporting;

import java.time.Duration;
import java.util.List;
import java.util.function.ToLongFunction;
import reactor.core.publisher.Flux;

/**
 * Lines and rows handed to the pipeline in batches bounded by count and by bytes: a batch closes at
 * {@code maxCount} items, before the item that would take it past {@code maxBytes} (an item larger than that alone
 * is a batch of its own), or when no item came for {@code wait}.
 */
final class Batches {

    private Batches() {}

    static <T> Flux<List<T>> of(Flux<T> items, ToLongFunction<T> size, int maxCount, long maxBytes, Duration wait) {
        return Flux.defer(() -> {
            long[] held = {0};
            return items.windowUntil(
                            item -> {
                                long bytes = size.applyAsLong(item);
                                boolean cut = held[0] > 0 && held[0] + bytes > maxBytes;
                                held[0] = cut ? bytes : held[0] + bytes;
                                return cut;
                            },
                            true)
                    // fair back-pressure: a timed-out buffer waits for demand instead of failing the stream
                    .concatMap(window -> window.bufferTimeout(maxCount, wait, true));
        });
    }
}
