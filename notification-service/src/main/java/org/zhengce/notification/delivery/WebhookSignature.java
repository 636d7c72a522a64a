package org.zhengce.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a webhook request is signed: {@value #SIGNATURE} is {@code sha256=} and the lower-case hex HMAC-SHA256, keyed
 * by the endpoint's secret, of {@code timestamp + "." + body} ({@value #TIMESTAMP}, Unix seconds, and the exact body
 * bytes). A receiver recomputes it, compares in constant time and refuses old timestamps (replays).
 * {@value #IDEMPOTENCY_KEY} is the delivery id, the same on every retry.
 */
public final class WebhookSignature {

    public static final String TIMESTAMP = "X-Zhengce-Timestamp";
    public static final String SIGNATURE = "X-Zhengce-Signature";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private WebhookSignature() {}

    /** The {@value #SIGNATURE} header value. */
    public static String sign(String secret, String timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "sha256=" + HexFormat.of().formatHex(hmacSha256(secret.getBytes(StandardCharsets.UTF_8), signed));
    }

    static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
