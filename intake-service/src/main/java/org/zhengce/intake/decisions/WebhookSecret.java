package org.zhengce.intake.decisions;

import java.util.Arrays;
import java.util.Base64;
import org.zhengce.kit.crypto.KeyRing;

/**
 * A webhook's signing secret as the Standard Webhooks specification serialises it: {@code whsec_} followed by the
 * Base64 of the random bytes (at least 24, at most 64 here). Intake draws 32. Its {@code toString()} never shows it.
 */
final class WebhookSecret {

    static final String PREFIX = "whsec_";
    private static final int DRAWN = 32;
    private static final int FEWEST = 24;
    private static final int MOST = 64;

    private final byte[] bytes;

    private WebhookSecret(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    /** A new secret of 32 random bytes. */
    static WebhookSecret generate() {
        return new WebhookSecret(KeyRing.randomSecret(DRAWN));
    }

    static WebhookSecret of(byte[] bytes) {
        return new WebhookSecret(bytes);
    }

    /**
     * Reads a serialised secret; {@code what} names the setting or field in the error.
     *
     * @throws IllegalArgumentException when it is not {@code whsec_} and the Base64 of 24 to 64 bytes
     */
    static WebhookSecret parse(String serialised, String what) {
        if (!serialised.startsWith(PREFIX)) {
            throw new IllegalArgumentException(what + " must start with " + PREFIX + " (a Standard Webhooks secret)");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(serialised.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not " + PREFIX + " followed by Base64", e);
        }
        if (decoded.length < FEWEST || decoded.length > MOST) {
            throw new IllegalArgumentException(
                    what + " must hold " + FEWEST + " to " + MOST + " bytes, held " + decoded.length);
        }
        return new WebhookSecret(decoded);
    }

    byte[] bytes() {
        return bytes.clone();
    }

    /** {@code whsec_<Base64>}: shown to the department once, when it registers its endpoint. */
    String serialised() {
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret secret && Arrays.equals(bytes, secret.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return PREFIX + "***";
    }
}
