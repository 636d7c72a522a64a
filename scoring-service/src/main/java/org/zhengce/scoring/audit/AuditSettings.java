package org.zhengce.scoring.audit;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Scoring's audit settings ({@code scoring.audit.*}).
 *
 * @param peerSecret the secret the instances of scoring share (standard Base64, at least 32 bytes) to sign the
 *     questions they forward to each other, so that the instance asked recognises them and leaves their audit to the
 *     one the caller asked; none: forwarded questions are not recognised and are audited by both instances
 * @param forwardedWithin how long a signed forwarded question stays valid (clocks of instances may differ a little)
 */
@ConfigurationProperties("scoring.audit")
record AuditSettings(
        @Nullable String peerSecret, @DefaultValue("30s") Duration forwardedWithin) {

    AuditSettings {
        if (forwardedWithin.isNegative() || forwardedWithin.isZero()) {
            throw new IllegalArgumentException(
                    "scoring.audit.forwarded-within must be positive, is " + forwardedWithin);
        }
        if (peerSecret != null && peerSecret.isBlank()) {
            peerSecret = null;
        }
    }
}
