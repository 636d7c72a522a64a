package org.zhengce.kit.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticated encryption (AES-256-GCM or SM4-GCM, by {@link CryptoSuite}) under keys by id: {@link #seal} uses the
 * active key and says which; {@link #open} uses the key that sealed. The sealed bytes are a random 12-byte nonce,
 * then the ciphertext and its 128-bit tag; the associated data (e.g. the record's id) binds them to their place, so
 * bytes copied to another record do not open. Thread-safe.
 */
public final class Sealer {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CryptoSuite suite;
    private final String what;
    private final String activeKeyId;
    private final Map<String, SecretKeySpec> keys;

    /** Sealed bytes and the id of the key that sealed them. */
    public record Sealed(String keyId, byte[] bytes) {

        public Sealed {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Sealed s && keyId.equals(s.keyId) && java.util.Arrays.equals(bytes, s.bytes);
        }

        @Override
        public int hashCode() {
            return keyId.hashCode() * 31 + java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Sealed[keyId=" + keyId + ", " + bytes.length + " bytes]";
        }
    }

    /**
     * @throws IllegalArgumentException naming the key whose secret is not {@link CryptoSuite#sealingKeyBytes()} long
     */
    public Sealer(CryptoSuite suite, KeyRing keys) {
        Map<String, SecretKeySpec> byKeyId = new LinkedHashMap<>();
        keys.forEach((keyId, secret) -> {
            if (secret.length != suite.sealingKeyBytes()) {
                throw new IllegalArgumentException(keys.what() + "." + keyId + " must be " + suite.sealingKeyBytes()
                        + " bytes under the " + suite.name().toLowerCase(java.util.Locale.ROOT) + " suite ("
                        + suite.cipherTransformation() + "), is " + secret.length);
            }
            byKeyId.put(keyId, new SecretKeySpec(secret, suite.keyAlgorithm()));
        });
        this.suite = suite;
        this.what = keys.what();
        this.activeKeyId = keys.activeKeyId();
        this.keys = Map.copyOf(byKeyId);
    }

    /** {@code plaintext} sealed under the active key, bound to {@code associatedData}. */
    public Sealed seal(byte[] associatedData, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = suite.newCipher();
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return new Sealed(
                    activeKeyId,
                    ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(suite.cipherTransformation() + " cannot seal under " + what, e);
        }
    }

    /**
     * The plaintext of {@code sealed}, which must have been sealed with {@code associatedData}.
     *
     * @throws SealNotOpenedException if it was tampered with, belongs elsewhere, or its key is wrong or gone
     */
    public byte[] open(byte[] associatedData, Sealed sealed) {
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new SealNotOpenedException(
                    "sealed with " + what + " '" + sealed.keyId() + "', which is no longer configured");
        }
        byte[] bytes = sealed.bytes();
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SealNotOpenedException("sealed bytes under " + what + " '" + sealed.keyId() + "' are truncated");
        }
        try {
            Cipher cipher = suite.newCipher();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new SealNotOpenedException(
                    "sealed bytes under " + what + " '" + sealed.keyId()
                            + "' do not open: tampered with, sealed for another record, or under another key",
                    e);
        }
    }

    /** The key id new data is sealed with. */
    public String activeKeyId() {
        return activeKeyId;
    }

    /** Every configured key id. */
    public Set<String> keyIds() {
        return keys.keySet();
    }

    @Override
    public String toString() {
        return "Sealer[" + suite + ", " + what + ", activeKeyId=" + activeKeyId + ", keyIds=" + keys.keySet() + "]";
    }
}
