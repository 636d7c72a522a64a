package org.zhengce.kit.sweeps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

class PeriodicSweepTests {

    /** Fails its second to fifth sweeps, then succeeds again. */
    static final class FlakySweep extends PeriodicSweep {
        final AtomicInteger sweeps = new AtomicInteger();

        FlakySweep() {
            super("flaky sweep", Duration.ofMillis(20));
        }

        @Override
        public Mono<Integer> sweep() {
            int sweep = sweeps.incrementAndGet();
            return sweep >= 2 && sweep <= 5
                    ? Mono.error(new IllegalStateException("database unavailable"))
                    : Mono.just(sweep);
        }
    }

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(FlakySweep.class);
    private final FlakySweep sweep = new FlakySweep();

    @BeforeEach
    void listen() {
        logger.setLevel(Level.DEBUG);
        logger.addAppender(lines);
        lines.start();
    }

    @AfterEach
    void stop() {
        sweep.stop();
        logger.detachAppender(lines);
        logger.setLevel(null);
    }

    @Test
    void failingSweepsAreOneWarningAndTheRecoveryOneLineWhileTheSweepsGoOn() {
        sweep.start();
        assertThat(sweep.isRunning()).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> sweep.sweeps.get() >= 8);
        sweep.stop();

        List<ILoggingEvent> warnings = lines.list.stream()
                .filter(line -> line.getLevel() == Level.WARN)
                .toList();
        assertThat(warnings)
                .singleElement()
                .satisfies(warning -> assertThat(warning.getFormattedMessage())
                        .contains("flaky sweep failed", "PT0.02S", "database unavailable"));
        assertThat(lines.list.stream().filter(line -> line.getLevel() == Level.DEBUG))
                .as("the three failures after the first")
                .hasSize(3);
        assertThat(lines.list.stream()
                        .filter(line -> line.getLevel() == Level.INFO)
                        .map(ILoggingEvent::getFormattedMessage))
                .containsExactly("flaky sweep succeeds again");
        assertThat(sweep.isRunning()).isFalse();
    }

    @Test
    void aPeriodThatIsNotPositiveIsRefusedByName() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PeriodicSweep("deadline sweep", Duration.ZERO) {
                    @Override
                    public Mono<Integer> sweep() {
                        return Mono.just(0);
                    }
                })
                .withMessageContaining("deadline sweep");
    }
}
