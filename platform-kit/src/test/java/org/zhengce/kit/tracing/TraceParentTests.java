package org.zhengce.kit.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

class TraceParentTests {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void theLastTraceparentHeaderIsTheRecordsTrace() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", "e-1".getBytes(StandardCharsets.UTF_8));
        headers.add(TraceParent.HEADER, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes());
        headers.add(TraceParent.HEADER, TRACEPARENT.getBytes(StandardCharsets.US_ASCII));

        assertThat(TraceParent.of(headers)).isEqualTo(TRACEPARENT);
        assertThat(TraceParent.traceId(TRACEPARENT)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void aMalformedTraceparentIsNoTraceAndIsNotPassedOn() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(TraceParent.HEADER, "00-4bf92f35-00f067aa0ba902b7-01".getBytes(StandardCharsets.US_ASCII));
        assertThat(TraceParent.of(headers)).isNull();
        assertThat(TraceParent.of(new RecordHeaders())).isNull();

        RecordHeaders onward = new RecordHeaders();
        TraceParent.put(onward, "not a trace\n");
        TraceParent.put(onward, null);
        assertThat(onward.toArray()).isEmpty();
        assertThatThrownBy(() -> TraceParent.traceId("x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void puttingATraceparentReplacesTheOneThere() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(TraceParent.HEADER, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes());

        TraceParent.put(headers, TRACEPARENT);

        assertThat(headers.headers(TraceParent.HEADER)).hasSize(1);
        assertThat(TraceParent.of(headers)).isEqualTo(TRACEPARENT);
    }

    @Test
    void aWriteFindsTheTraceItWasGivenInTheReactorContext() {
        Mono<String> write = Mono.deferContextual(
                context -> Mono.just(TraceParent.from(context).orElse("none")));

        assertThat(write.contextWrite(context -> TraceParent.in(context, TRACEPARENT))
                        .block())
                .isEqualTo(TRACEPARENT);
        assertThat(write.contextWrite(context -> TraceParent.in(context, null)).block())
                .isEqualTo("none");
        assertThat(TraceParent.in(Context.empty(), "garbage").isEmpty()).isTrue();
    }
}
