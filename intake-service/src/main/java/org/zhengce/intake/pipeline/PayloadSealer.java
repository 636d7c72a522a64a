package org.zhengce.intake.pipeline;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a rejected payload as received (AES-256-GCM, the rejection id as associated data) so that a replay can
 * read it again while nothing readable in the store holds an identity number. Keys by id, like pseudonym keys: a
 * new active key for new rejections, older keys kept to open what they sealed.
 */
final class PayloadSealer {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKeySpec> keys;
    private final String activeKeyId;

    /** A sealed payload and the id of the key that sealed it. */
    record Sealed(String keyId, byte[] bytes) {}

    PayloadSealer(Map<String, String> base64Keys, String activeKeyId) {
        Map<String, SecretKeySpec> decoded = new LinkedHashMap<>();
        base64Keys.forEach((id, base64) -> {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(base64.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("intake.pipeline.sealing-keys." + id + " is not Base64", e);
            }
            if (key.length != 32) {
                throw new IllegalArgumentException(
                        "intake.pipeline.sealing-keys." + id + " must be 32 bytes (AES-256), is " + key.length);
            }
            decoded.put(id, new SecretKeySpec(key, "AES"));
        });
        if (!decoded.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("intake.pipeline.sealing-key-id '" + activeKeyId
                    + "' is not among intake.pipeline.sealing-keys " + decoded.keySet());
        }
        this.keys = Map.copyOf(decoded);
        this.activeKeyId = activeKeyId;
    }

    Sealed seal(UUID rejectionId, byte[] payload) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(rejectionId));
            byte[] sealed = cipher.doFinal(payload);
            return new Sealed(
                    activeKeyId,
                    ByteBuffer.allocate(IV_BYTES + sealed.length)
                            .put(iv)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required of every Java runtime", e);
        }
    }

    byte[] open(UUID rejectionId, Sealed sealed) {
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("rejected event " + rejectionId + " was sealed with key '" + sealed.keyId()
                    + "', which is no longer configured");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.bytes(), 0, IV_BYTES));
            cipher.updateAAD(aad(rejectionId));
            return cipher.doFinal(sealed.bytes(), IV_BYTES, sealed.bytes().length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealed payload of rejected event " + rejectionId + " does not open", e);
        }
    }

    private static byte[] aad(UUID id) {
        return ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array();
    }
}
