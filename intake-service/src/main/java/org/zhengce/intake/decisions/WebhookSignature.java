package org.zhengce.intake.decisions;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks symmetric signature: {@code v1,} and the Base64 of HMAC-SHA256 under the secret's bytes of
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, the body exactly as sent. The timestamp is the attempt's (seconds
 * since the epoch), so a receiver can refuse an old one replayed; the id stays the same on every attempt.
 */
final class WebhookSignature {

    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {}

    /** The {@code webhook-signature} header's value for one attempt. */
    static String sign(WebhookSecret secret, String webhookId, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.bytes(), ALGORITHM));
            mac.update((webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
