package org.zhengce.intake.identity;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.zhengce.events.PersonPseudonym;
import org.zhengce.kit.crypto.CryptoSuite;
import org.zhengce.kit.crypto.KeyRing;
import org.zhengce.kit.crypto.KeyedHash;

/**
 * Replaces a resident identity number by its keyed pseudonym: the kit's keyed hash ({@link KeyedHash}: HMAC-SHA256
 * under the {@code standard} suite, HMAC-SM3 under {@code sm}) of the normalised number (18 ASCII characters,
 * upper-case 'X') under a secret key, written as 64 lower-case hexadecimal characters, together with the id of the
 * key ({@link PersonPseudonym}). Under the default suite pseudonyms are those intake always made. The same number under the same key always gives the same pseudonym; without
 * the key the pseudonym cannot be reversed or recomputed, even by trying every possible number.
 *
 * <p>Keys come from configuration (a Kubernetes Secret in production, {@link #generateLocalKey()} for the launcher)
 * as a map of key id to secret of at least 32 bytes; new events use the active key. Instances are thread-safe. Switching
 * the suite changes every pseudonym: it is a re-keying (below), done under new key ids.
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
    public static final int MIN_SECRET_BYTES = KeyedHash.MIN_SECRET_BYTES;

    private static final String WHAT = "pseudonym key";
    private static final HexFormat HEX = HexFormat.of();

    private final KeyedHash hash;

    /**
     * Under the {@code standard} suite (HMAC-SHA256).
     *
     * @param secrets key id → secret; every secret at least {@value #MIN_SECRET_BYTES} bytes
     * @param activeKeyId the key new events are pseudonymised with; must be one of {@code secrets}
     * @throws IllegalArgumentException naming the key id whose secret or id is wrong
     */
    public Pseudonymiser(Map<String, byte[]> secrets, String activeKeyId) {
        this(CryptoSuite.STANDARD, secrets, activeKeyId);
    }

    /**
     * Under {@code suite}.
     *
     * @throws IllegalArgumentException naming the key id whose secret or id is wrong
     */
    public Pseudonymiser(CryptoSuite suite, Map<String, byte[]> secrets, String activeKeyId) {
        this.hash = new KeyedHash(suite, new KeyRing(WHAT, secrets, activeKeyId));
    }

    /**
     * A pseudonymiser (the {@code standard} suite) from configuration text: key id → secret in standard Base64.
     *
     * @throws IllegalArgumentException naming the key id whose secret is not Base64, too short or whose id is wrong
     */
    public static Pseudonymiser fromBase64Secrets(Map<String, String> base64Secrets, String activeKeyId) {
        return fromBase64Secrets(CryptoSuite.STANDARD, base64Secrets, activeKeyId);
    }

    /**
     * A pseudonymiser under {@code suite} from configuration text: key id → secret in standard Base64 (how a
     * Kubernetes Secret or an environment variable carries it).
     *
     * @throws IllegalArgumentException naming the key id whose secret is not Base64, too short or whose id is wrong
     */
    public static Pseudonymiser fromBase64Secrets(
            CryptoSuite suite, Map<String, String> base64Secrets, String activeKeyId) {
        Map<String, byte[]> secrets = new java.util.LinkedHashMap<>();
        base64Secrets.forEach((keyId, base64) -> secrets.put(keyId, decodeSecret(keyId, base64)));
        return new Pseudonymiser(suite, secrets, activeKeyId);
    }

    /** A new random secret of {@value #MIN_SECRET_BYTES} bytes from {@link java.security.SecureRandom}. */
    public static byte[] generateLocalKey() {
        return KeyRing.randomSecret(MIN_SECRET_BYTES);
    }

    /**
     * Decodes a secret given in configuration as standard Base64.
     *
     * @throws IllegalArgumentException naming the key id if the text is not Base64
     */
    public static byte[] decodeSecret(String keyId, String base64) {
        return KeyRing.decode(WHAT, keyId, base64);
    }

    /** The pseudonym of {@code number} under the active key. */
    public PersonPseudonym pseudonymise(ResidentIdentityNumber number) {
        return pseudonymise(number, hash.activeKeyId());
    }

    /**
     * The pseudonym of {@code number} under the named key, active or not (for re-keying).
     *
     * @throws IllegalArgumentException if no key has that id
     */
    public PersonPseudonym pseudonymise(ResidentIdentityNumber number, String keyId) {
        byte[] digest = hash.hash(keyId, number.clearValueForPseudonymiser().getBytes(StandardCharsets.US_ASCII));
        return new PersonPseudonym(keyId, HEX.formatHex(digest));
    }

    /** The key id new events are pseudonymised with. */
    public String activeKeyId() {
        return hash.activeKeyId();
    }

    /** Every configured key id. */
    public Set<String> keyIds() {
        return hash.keyIds();
    }

    @Override
    public String toString() {
        return "Pseudonymiser[" + hash.suite() + ", activeKeyId=" + hash.activeKeyId() + ", keyIds=" + hash.keyIds()
                + "]";
    }
}
