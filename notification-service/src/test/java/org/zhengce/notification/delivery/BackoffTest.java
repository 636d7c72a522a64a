package org.zhengce.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(5), 2.0, Duration.ofMinutes(10));

    @Test
    void baseDoublesFromTheInitialWaitUpToTheMaximum() {
        assertThat(backoff.base(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.base(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.base(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.base(7)).isEqualTo(Duration.ofSeconds(320));
        assertThat(backoff.base(8)).isEqualTo(Duration.ofMinutes(10));
        assertThat(backoff.base(60)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void jitterKeepsTheWaitBetweenHalfTheBaseAndTheBase() {
        assertThat(backoff.delay(3, 0.0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delay(3, 0.5)).isEqualTo(Duration.ofSeconds(15));
        assertThat(backoff.delay(3, 0.999_999)).isBetween(Duration.ofMillis(19_999), Duration.ofSeconds(20));
        assertThat(backoff.delay(30, 0.0)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aMaximumBelowTheInitialWaitFailsWithTheSettingsName() {
        assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(1), 2.0, Duration.ofSeconds(1)))
                .hasMessageContaining("notification.webhooks.max-backoff");
    }
}
