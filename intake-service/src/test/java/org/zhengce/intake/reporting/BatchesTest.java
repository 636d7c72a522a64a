package org.zhengce.intake.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

class BatchesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void batchClosesBeforeTheItemThatWouldTakeItPastTheBytes() {
        List<List<Integer>> batches = Batches.of(Flux.just(40, 40, 30, 10, 90, 5), Integer::longValue, 100, 100, WAIT)
                .collectList()
                .block(WAIT);

        assertThat(batches).containsExactly(List.of(40, 40), List.of(30, 10), List.of(90, 5));
    }

    @Test
    void batchClosesAtTheCountWhenTheBytesAllowMore() {
        List<List<Integer>> batches = Batches.of(Flux.range(1, 7).map(i -> 1), Integer::longValue, 3, 100, WAIT)
                .collectList()
                .block(WAIT);

        assertThat(batches).containsExactly(List.of(1, 1, 1), List.of(1, 1, 1), List.of(1));
    }

    @Test
    void itemLargerThanTheBytesIsABatchOfItsOwn() {
        List<List<Integer>> batches = Batches.of(Flux.just(5, 500, 5), Integer::longValue, 10, 100, WAIT)
                .collectList()
                .block(WAIT);

        assertThat(batches).containsExactly(List.of(5), List.of(500), List.of(5));
    }
}
