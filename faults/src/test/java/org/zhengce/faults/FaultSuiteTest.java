package org.zhengce.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.zhengce.faults.platform.Component;
import org.zhengce.faults.reconcile.Figures;

/**
 * The fault suite's short run: one kill -9 round per component (intake, scoring, referral, notification, the broker,
 * PostgreSQL) under the steady load, each service in its own JVM from its jar, then the reconciliation. About ten
 * minutes on the two-core machine while other builds share it.
 */
class FaultSuiteTest {

    @Test
    void nothingIsLostDuplicatedOrLeakedWhenEachComponentIsKilledOnce() {
        FaultSuite.Settings full = FaultSuite.Settings.fromSystemProperties();
        Path output = full.output();

        Figures figures = FaultSuite.run(new FaultSuite.Settings(1, full.seed(), full.repository(), output));

        assertThat(figures.rounds())
                .hasSize(Component.values().length)
                .allSatisfy((component, rounds) -> assertThat(rounds).isEqualTo(1));
        // the load reached every stage, so the reconciliation had something to reconcile
        assertThat(figures.accepted()).isGreaterThan(100);
        assertThat(figures.warnings()).isPositive();
        assertThat(figures.assignments()).isPositive();
        assertThat(figures.failures())
                .as("the fault suite's findings (figures in %s)", output)
                .isEmpty();
    }
}
