package org.zhengce.notification.jurisdictions;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the {@code jurisdictions} topic is read ({@code notification.jurisdictions.*}).
 *
 * @param catchUpWithin how long start-up waits for the records already on the topic before the service is ready
 *     (then it starts with what it has read and follows the rest)
 */
@ConfigurationProperties("notification.jurisdictions")
record JurisdictionSettings(@DefaultValue("PT60S") Duration catchUpWithin) {

    JurisdictionSettings {
        if (catchUpWithin.isNegative() || catchUpWithin.isZero()) {
            throw new IllegalArgumentException(
                    "notification.jurisdictions.catch-up-within must be positive, was " + catchUpWithin);
        }
    }
}
