package org.zhengce.kit.crypto;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Secrets by key id and the id new data uses: what {@link KeyedHash} and {@link Sealer} are made from. Validated on
 * construction, every message naming the key (by {@code what}, e.g. {@code "intake.pipeline.digest-keys"}) and never
 * its secret. Key ids are 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit; never reuse one.
 */
public final class KeyRing {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String what;
    private final Map<String, byte[]> secrets;
    private final String activeKeyId;

    /**
     * @param what the keys' name in messages
     * @param secrets key id → secret
     * @param activeKeyId the key new data uses; one of {@code secrets}
     * @throws IllegalArgumentException naming the key id that is wrong, or the active id that is missing
     */
    public KeyRing(String what, Map<String, byte[]> secrets, String activeKeyId) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException(
                    "no " + what + " configured: at least one key id with its secret is needed");
        }
        Map<String, byte[]> copy = new LinkedHashMap<>();
        secrets.forEach((keyId, secret) -> {
            if (!KEY_ID.matcher(keyId).matches()) {
                throw new IllegalArgumentException(what + " id '" + keyId
                        + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
            copy.put(keyId, secret.clone());
        });
        if (!copy.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("active " + what + " id '" + activeKeyId
                    + "' is not among the configured key ids " + copy.keySet());
        }
        this.what = what;
        this.secrets = copy;
        this.activeKeyId = activeKeyId;
    }

    /**
     * A key ring from configuration text: key id → secret in standard Base64 (how a Kubernetes Secret or an
     * environment variable carries it).
     *
     * @throws IllegalArgumentException naming the key id whose secret is not Base64
     */
    public static KeyRing fromBase64(String what, Map<String, String> base64Secrets, String activeKeyId) {
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        base64Secrets.forEach((keyId, base64) -> secrets.put(keyId, decode(what, keyId, base64)));
        return new KeyRing(what, secrets, activeKeyId);
    }

    /**
     * Decodes one secret given as standard Base64.
     *
     * @throws IllegalArgumentException naming the key id if the text is not Base64
     */
    public static byte[] decode(String what, String keyId, String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("secret of " + what + " '" + keyId + "' is not Base64", notBase64);
        }
    }

    /** {@code bytes} random bytes from {@link SecureRandom}: a new secret for a local run. */
    public static byte[] randomSecret(int bytes) {
        byte[] secret = new byte[bytes];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The keys' name in messages. */
    public String what() {
        return what;
    }

    /** The key id new data uses. */
    public String activeKeyId() {
        return activeKeyId;
    }

    /** Every configured key id, in the order given. */
    public Set<String> keyIds() {
        return secrets.keySet();
    }

    /** Hands each key id and its secret to {@code use}: for the hash and the sealer to make their keys once. */
    void forEach(BiConsumer<String, byte[]> use) {
        secrets.forEach((keyId, secret) -> use.accept(keyId, secret.clone()));
    }

    @Override
    public String toString() {
        return "KeyRing[" + what + ", activeKeyId=" + activeKeyId + ", keyIds=" + secrets.keySet() + "]";
    }
}
