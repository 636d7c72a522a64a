package org.zhengce.intake.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.zhengce.events.PersonPseudonym;

/**
 * Replaces a resident identity number by its keyed pseudonym: HMAC-SHA256 of the normalised number (18 ASCII
 * characters, upper-case 'X') under a secret key, written as 64 lower-case hexadecimal characters, together with the
 * id of the key ({@link PersonPseudonym}). The same number under the same key always gives the same pseudonym; without
 * the key the pseudonym cannot be reversed or recomputed, even by trying every possible number.
 *
 * <p>Keys come from configuration (a Kubernetes Secret in production, {@link #generateLocalKey()} for the launcher)
 * as a map of key id to secret of at least 32 bytes; new events use the active key. Instances are thread-safe: each
 * thread uses its own {@link Mac} per key, cloned from a prototype initialised once.
 *
 * <h2>Rotating and re-keying</h2>
 *
 * <ol>
 *   <li>Generate a new secret of at least 32 random bytes and add it to the Secret under a new key id (e.g.
 *       {@code k2027-01}); keep the old key. Never reuse a key id.
 *   <li>Roll the deployment with both keys loaded and the old one still active: nothing changes yet.
 *   <li>Switch the active key id to the new id and roll again. From then on every new event carries pseudonyms
 *       under the new key id; events already published keep the old key id, so a consumer always knows which key a
 *       pseudonym belongs to, and the same person is two different pseudonyms across the rotation.
 *   <li>Re-key the state that joins people across time: intake keeps no clear numbers, so civil affairs re-sends the
 *       current household register ({@code HouseholdChanged}, the whole record) after the switch; scoring rebuilds
 *       person → household from it under the new key. During this window {@link #pseudonymise(ResidentIdentityNumber,
 *       String)} computes a pseudonym under a named older key, e.g. to link an old pseudonym to the new one.
 *   <li>Remove the old key from the Secret once no event carrying its key id is retained or replayable (topic
 *       retention, rejected-event store) and no re-keying needs it.
 * </ol>
 *
 * <p>If a key leaks: rotate at once as above; the leaked key lets an attacker test guesses of identity numbers
 * against old pseudonyms, so shorten the re-keying window.
 */
public final class Pseudonymiser {

    /** Minimum secret length: the HMAC-SHA256 block of security, 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String activeKeyId;
    private final Map<String, ThreadLocal<Mac>> macs;

    /**
     * @param secrets key id → secret; every secret at least {@value #MIN_SECRET_BYTES} bytes
     * @param activeKeyId the key new events are pseudonymised with; must be one of {@code secrets}
     * @throws IllegalArgumentException naming the key id whose secret or id is wrong
     */
    public Pseudonymiser(Map<String, byte[]> secrets, String activeKeyId) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException(
                    "no pseudonym key configured: at least one key id with its secret is needed");
        }
        Map<String, ThreadLocal<Mac>> byKeyId = new LinkedHashMap<>();
        secrets.forEach((keyId, secret) -> byKeyId.put(keyId, macFor(keyId, secret)));
        if (!byKeyId.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("active pseudonym key id '" + activeKeyId
                    + "' is not among the configured key ids " + byKeyId.keySet());
        }
        this.activeKeyId = activeKeyId;
        this.macs = Map.copyOf(byKeyId);
    }

    /**
     * A pseudonymiser from configuration text: key id → secret in standard Base64 (how a Kubernetes Secret or an
     * environment variable carries it).
     *
     * @throws IllegalArgumentException naming the key id whose secret is not Base64, too short or whose id is wrong
     */
    public static Pseudonymiser fromBase64Secrets(Map<String, String> base64Secrets, String activeKeyId) {
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        base64Secrets.forEach((keyId, base64) -> secrets.put(keyId, decodeSecret(keyId, base64)));
        return new Pseudonymiser(secrets, activeKeyId);
    }

    /** A new random secret of {@value #MIN_SECRET_BYTES} bytes from {@link SecureRandom}, for the local launcher. */
    public static byte[] generateLocalKey() {
        byte[] secret = new byte[MIN_SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /**
     * Decodes a secret given in configuration as standard Base64.
     *
     * @throws IllegalArgumentException naming the key id if the text is not Base64
     */
    public static byte[] decodeSecret(String keyId, String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("secret of pseudonym key '" + keyId + "' is not Base64", notBase64);
        }
    }

    /** The pseudonym of {@code number} under the active key. */
    public PersonPseudonym pseudonymise(ResidentIdentityNumber number) {
        return pseudonymise(number, activeKeyId);
    }

    /**
     * The pseudonym of {@code number} under the named key, active or not (for re-keying).
     *
     * @throws IllegalArgumentException if no key has that id
     */
    public PersonPseudonym pseudonymise(ResidentIdentityNumber number, String keyId) {
        ThreadLocal<Mac> mac = macs.get(keyId);
        if (mac == null) {
            throw new IllegalArgumentException("unknown pseudonym key id '" + keyId + "'");
        }
        byte[] digest = mac.get().doFinal(number.clearValueForPseudonymiser().getBytes(StandardCharsets.US_ASCII));
        return new PersonPseudonym(keyId, HEX.formatHex(digest));
    }

    /** The key id new events are pseudonymised with. */
    public String activeKeyId() {
        return activeKeyId;
    }

    /** Every configured key id. */
    public Set<String> keyIds() {
        return macs.keySet();
    }

    @Override
    public String toString() {
        return "Pseudonymiser[activeKeyId=" + activeKeyId + ", keyIds=" + macs.keySet() + "]";
    }

    private static ThreadLocal<Mac> macFor(String keyId, byte[] secret) {
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("pseudonym key id '" + keyId
                    + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("secret of pseudonym key '" + keyId + "' has " + secret.length
                    + " bytes; at least " + MIN_SECRET_BYTES + " are needed");
        }
        Mac prototype;
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(secret, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot initialise " + ALGORITHM + " for pseudonym key '" + keyId + "'", e);
        }
        return ThreadLocal.withInitial(() -> copyOf(prototype, keyId));
    }

    private static Mac copyOf(Mac prototype, String keyId) {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(
                    "the " + ALGORITHM + " provider cannot clone the Mac of key '" + keyId + "'", e);
        }
    }
}
