package org.zhengce.kit.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed hash (HMAC-SHA256 or HMAC-SM3, by {@link CryptoSuite}) under keys by id: {@link #hash(byte[])} uses the
 * active key and says which, {@link #verify(Tag, byte[])} checks a tag under the key that made it. Without the key a
 * tag cannot be recomputed, even by trying every possible input. Secrets are at least {@value #MIN_SECRET_BYTES}
 * bytes. Thread-safe: each thread uses its own {@link Mac} per key.
 */
public final class KeyedHash {

    /** Minimum secret length: 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;

    private final CryptoSuite suite;
    private final String what;
    private final String activeKeyId;
    private final Map<String, ThreadLocal<Mac>> macs;

    /** A tag and the id of the key that made it. */
    public record Tag(String keyId, byte[] bytes) {

        public Tag {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Tag tag && keyId.equals(tag.keyId) && MessageDigest.isEqual(bytes, tag.bytes);
        }

        @Override
        public int hashCode() {
            return keyId.hashCode() * 31 + java.util.Arrays.hashCode(bytes);
        }

        /** The key id only: a tag is not for showing. */
        @Override
        public String toString() {
            return "Tag[keyId=" + keyId + "]";
        }
    }

    /**
     * @throws IllegalArgumentException naming the key whose secret is shorter than {@value #MIN_SECRET_BYTES} bytes
     */
    public KeyedHash(CryptoSuite suite, KeyRing keys) {
        Map<String, ThreadLocal<Mac>> byKeyId = new LinkedHashMap<>();
        keys.forEach((keyId, secret) -> {
            if (secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("secret of " + keys.what() + " '" + keyId + "' has " + secret.length
                        + " bytes; at least " + MIN_SECRET_BYTES + " are needed");
            }
            SecretKey key = new SecretKeySpec(secret, suite.macAlgorithm());
            newMac(suite, key, keys.what(), keyId); // fails now, not on first use
            byKeyId.put(keyId, ThreadLocal.withInitial(() -> newMac(suite, key, keys.what(), keyId)));
        });
        this.suite = suite;
        this.what = keys.what();
        this.activeKeyId = keys.activeKeyId();
        this.macs = Map.copyOf(byKeyId);
    }

    /** The tag of {@code data} under the active key. */
    public Tag hash(byte[] data) {
        return new Tag(activeKeyId, hash(activeKeyId, data));
    }

    /**
     * The tag of {@code data} under the named key, active or not (to re-key, or to compare with a stored tag).
     *
     * @throws IllegalArgumentException if no key has that id
     */
    public byte[] hash(String keyId, byte[] data) {
        ThreadLocal<Mac> mac = macs.get(keyId);
        if (mac == null) {
            throw new IllegalArgumentException("unknown " + what + " id '" + keyId + "'");
        }
        return mac.get().doFinal(data);
    }

    /** Whether {@code tag} is the tag of {@code data} under its key; false for a key no longer configured. */
    public boolean verify(Tag tag, byte[] data) {
        return macs.containsKey(tag.keyId()) && MessageDigest.isEqual(hash(tag.keyId(), data), tag.bytes());
    }

    /** The key id new tags are made with. */
    public String activeKeyId() {
        return activeKeyId;
    }

    /** Every configured key id. */
    public Set<String> keyIds() {
        return macs.keySet();
    }

    /** The suite the tags are made under. */
    public CryptoSuite suite() {
        return suite;
    }

    @Override
    public String toString() {
        return "KeyedHash[" + suite + ", " + what + ", activeKeyId=" + activeKeyId + ", keyIds=" + macs.keySet() + "]";
    }

    private static Mac newMac(CryptoSuite suite, SecretKey key, String what, String keyId) {
        try {
            Mac mac = suite.newMac();
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot initialise " + suite.macAlgorithm() + " for " + what + " '" + keyId + "'", e);
        }
    }
}
