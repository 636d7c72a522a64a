package org.zhengce.kit.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class SetAsideTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SetAside<String> setAside = new SetAside<>("deadline sweep", meters);

    private Mono<String> escalate(String caseId) {
        return caseId.equals("broken")
                ? Mono.error(new IllegalStateException("a case no command can change"))
                : Mono.just(caseId + " escalated");
    }

    private List<String> sweep(List<String> overdue) {
        return Flux.fromIterable(overdue)
                .filter(id -> !setAside.contains(id))
                .concatMap(id -> setAside.guard(id, escalate(id)))
                .collectList()
                .block(Duration.ofSeconds(5));
    }

    @Test
    void aCaseThatFailsForGoodIsSetAsideAndTheSweepReachesTheCasesBehindIt() {
        assertThat(sweep(List.of("a", "broken", "b"))).containsExactly("a escalated", "b escalated");
        assertThat(setAside.contains("broken")).isTrue();
        assertThat(meters.get(SetAside.GAUGE)
                        .tag("sweep", "deadline sweep")
                        .gauge()
                        .value())
                .isEqualTo(1.0);

        assertThat(sweep(List.of("broken", "c"))).containsExactly("c escalated");
    }

    @Test
    void aTransientFailureEndsTheSweepAndSetsNothingAside() {
        Mono<String> databaseDown =
                Mono.error(new DataAccessResourceFailureException("down", new ConnectException("refused")));

        assertThatThrownBy(() -> setAside.guard("a", databaseDown).block(Duration.ofSeconds(5)))
                .isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(setAside.contains("a")).isFalse();
    }
}
