package org.zhengce.notification.outbox;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The outbox relay's settings.
 *
 * @param relayInterval pause between two relay passes
 * @param batchSize most rows relayed in one pass
 * @param claimTimeout a row claimed this long ago and not marked sent may have reached Kafka before a crash: it
 *     is looked for on {@code alert.events} before it is sent again; must be longer than {@code sendTimeout}
 * @param sendTimeout how long a pass waits for Kafka to acknowledge its records
 */
@ConfigurationProperties("notification.outbox")
@Validated
record OutboxSettings(
        @NotNull Duration relayInterval,
        @Positive int batchSize,
        @NotNull Duration claimTimeout,
        @NotNull Duration sendTimeout) {

    OutboxSettings {
        if (claimTimeout != null && sendTimeout != null && claimTimeout.compareTo(sendTimeout) <= 0) {
            throw new IllegalArgumentException("notification.outbox.claim-timeout (" + claimTimeout
                    + ") must be longer than notification.outbox.send-timeout (" + sendTimeout + ")");
        }
    }
}
