package org.zhengce.scoring.queries;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How instances ask each other ({@code scoring.queries.*}).
 *
 * @param peerScheme {@code http}, or {@code https} where instances talk TLS
 * @param peerTimeout how long one instance waits for another's answer
 */
@ConfigurationProperties("scoring.queries")
record QuerySettings(
        @DefaultValue("http") String peerScheme,
        @DefaultValue("10s") Duration peerTimeout) {

    QuerySettings {
        if (!peerScheme.equals("http") && !peerScheme.equals("https")) {
            throw new IllegalArgumentException("scoring.queries.peer-scheme must be http or https, is " + peerScheme);
        }
        if (peerTimeout.isNegative() || peerTimeout.isZero()) {
            throw new IllegalArgumentException("scoring.queries.peer-timeout must be positive, is " + peerTimeout);
        }
    }
}
