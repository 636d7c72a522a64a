package org.zhengce.faults.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zhengce.faults.platform.Component;

class FiguresTest {

    private static Figures figures(List<String> lost, List<String> duplicated, List<String> leaks) {
        return figures(List.of(), lost, duplicated, leaks);
    }

    private static Figures figures(
            List<String> serverErrors, List<String> lost, List<String> duplicated, List<String> leaks) {
        return new Figures(
                Map.of(Component.INTAKE, 1),
                Map.of(),
                10,
                10,
                2,
                List.of(),
                serverErrors,
                lost,
                duplicated,
                1,
                List.of(),
                1,
                1,
                List.of(),
                List.of(),
                List.of(),
                1,
                1,
                List.of(),
                List.of(),
                leaks,
                List.of("topic household.events-3@5 value 381636***********0"));
    }

    @Test
    void runWithNothingLostDuplicatedOrLeakedPasses() {
        Figures figures = figures(List.of(), List.of(), List.of());

        assertThat(figures.passed()).isTrue();
        assertThat(figures.settled()).isTrue();
        assertThat(figures.table()).contains("| kill -9 rounds: intake-service | 1 |", "| accepted events lost | 0 |");
    }

    @Test
    void a500AnsweredDuringAFaultFailsASettledRun() {
        Figures figures = figures(List.of("HE-inc-7 JSON"), List.of(), List.of(), List.of());

        assertThat(figures.settled()).isTrue();
        assertThat(figures.passed()).isFalse();
        assertThat(figures.failures())
                .containsExactly("1 deliveries answered 500 (a fault must be answered 503): HE-inc-7 JSON");
        assertThat(figures.table()).contains("| deliveries answered 500 | 1 |");
    }

    @Test
    void lostEventFailsTheRunAndIsNamed() {
        Figures figures = figures(List.of("HE-inc-7 (CSV)"), List.of(), List.of());

        assertThat(figures.passed()).isFalse();
        assertThat(figures.settled()).isFalse();
        assertThat(figures.failures())
                .containsExactly("1 accepted events lost (not on household.events): HE-inc-7 (CSV)");
    }

    @Test
    void duplicateOrLeakFailsASettledRun() {
        Figures figures =
                figures(List.of(), List.of("CA-reg-1 x2"), List.of("log intake-service.log:9 990101***********3"));

        assertThat(figures.settled()).isTrue();
        assertThat(figures.failures())
                .containsExactly(
                        "1 events duplicated on household.events: CA-reg-1 x2",
                        "1 identity numbers found: log intake-service.log:9 990101***********3");
    }
}
