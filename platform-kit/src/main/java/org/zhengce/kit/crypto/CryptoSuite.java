package org.zhengce.kit.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jspecify.annotations.Nullable;

/**
 * Which algorithms keyed hashing and sealing use. A deployment chooses one suite for all its keys (configuration
 * {@code standard} or {@code sm}); a key's bytes mean something only under the suite that made them.
 */
public enum CryptoSuite {

    /** HMAC-SHA256 and AES-256-GCM from the Java runtime; SHA-256 as the plain digest. The default. */
    STANDARD("HmacSHA256", "SHA-256", "AES", "AES/GCM/NoPadding", 32),

    /**
     * HMAC-SM3 (GB/T 32905) and SM4-GCM (GB/T 32907, 128-bit keys) from a Bouncy Castle provider instance used only
     * here (never registered with {@link java.security.Security}); SM3 as the plain digest.
     */
    SM("HMACSM3", "SM3", "SM4", "SM4/GCM/NoPadding", 16);

    private final String macAlgorithm;
    private final String digestAlgorithm;
    private final String keyAlgorithm;
    private final String cipherTransformation;
    private final int sealingKeyBytes;

    CryptoSuite(
            String macAlgorithm,
            String digestAlgorithm,
            String keyAlgorithm,
            String cipherTransformation,
            int sealingKeyBytes) {
        this.macAlgorithm = macAlgorithm;
        this.digestAlgorithm = digestAlgorithm;
        this.keyAlgorithm = keyAlgorithm;
        this.cipherTransformation = cipherTransformation;
        this.sealingKeyBytes = sealingKeyBytes;
    }

    /** The keyed hash's algorithm name, e.g. {@code HmacSHA256}. */
    public String macAlgorithm() {
        return macAlgorithm;
    }

    /** The sealer's transformation, e.g. {@code AES/GCM/NoPadding}. */
    public String cipherTransformation() {
        return cipherTransformation;
    }

    /** How long a sealing key is under this suite: 32 bytes for AES-256, 16 for SM4. */
    public int sealingKeyBytes() {
        return sealingKeyBytes;
    }

    /** The plain (unkeyed) digest of {@code data}: SHA-256 or SM3, 32 bytes. */
    public byte[] digest(byte[] data) {
        try {
            MessageDigest digest = provider() == null
                    ? MessageDigest.getInstance(digestAlgorithm)
                    : MessageDigest.getInstance(digestAlgorithm, provider());
            return digest.digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(digestAlgorithm + " is not available", e);
        }
    }

    String keyAlgorithm() {
        return keyAlgorithm;
    }

    Mac newMac() throws GeneralSecurityException {
        Provider provider = provider();
        return provider == null ? Mac.getInstance(macAlgorithm) : Mac.getInstance(macAlgorithm, provider);
    }

    Cipher newCipher() throws GeneralSecurityException {
        Provider provider = provider();
        return provider == null
                ? Cipher.getInstance(cipherTransformation)
                : Cipher.getInstance(cipherTransformation, provider);
    }

    /** The provider of this suite's algorithms; null for the runtime's own. */
    @Nullable
    Provider provider() {
        return this == SM ? BouncyCastle.PROVIDER : null;
    }

    /** Created on first use of the SM suite only. */
    private static final class BouncyCastle {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }
}
