package org.zhengce.intake.pipeline;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;
import org.zhengce.kit.crypto.CryptoSuite;
import org.zhengce.kit.crypto.KeyRing;
import org.zhengce.kit.crypto.SealNotOpenedException;
import org.zhengce.kit.crypto.Sealer;

/**
 * Seals a rejected payload as received (the kit's {@link Sealer}: AES-256-GCM under the {@code standard} suite, SM4-GCM
 * under {@code sm}; the rejection id as associated data) so that a replay can read it again while nothing readable in
 * the store holds an identity number. Keys by id, like pseudonym keys: a new active key for new rejections, older keys
 * kept to open what they sealed. Under the default suite the sealed bytes are those intake always made.
 */
final class PayloadSealer {

    private static final String WHAT = "intake.pipeline.sealing-keys";

    private final Sealer sealer;

    /** A sealed payload and the id of the key that sealed it. */
    record Sealed(String keyId, byte[] bytes) {}

    /** Under the {@code standard} suite (AES-256-GCM, 32-byte keys). */
    PayloadSealer(Map<String, String> base64Keys, String activeKeyId) {
        this(CryptoSuite.STANDARD, base64Keys, activeKeyId);
    }

    PayloadSealer(CryptoSuite suite, Map<String, String> base64Keys, String activeKeyId) {
        this.sealer = new Sealer(suite, KeyRing.fromBase64(WHAT, base64Keys, activeKeyId));
    }

    Sealed seal(UUID rejectionId, byte[] payload) {
        Sealer.Sealed sealed = sealer.seal(aad(rejectionId), payload);
        return new Sealed(sealed.keyId(), sealed.bytes());
    }

    byte[] open(UUID rejectionId, Sealed sealed) {
        try {
            return sealer.open(aad(rejectionId), new Sealer.Sealed(sealed.keyId(), sealed.bytes()));
        } catch (SealNotOpenedException e) {
            throw new IllegalStateException(
                    "sealed payload of rejected event " + rejectionId + " does not open: " + e.getMessage(), e);
        }
    }

    private static byte[] aad(UUID id) {
        return ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array();
    }
}
