package org.zhengce.intake.departments;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * API keys of the form {@code <keyId>.<secret>}: a 10-byte random key id in hex (the lookup key) and a
 * 32-byte random secret in base64url. The secret has 256 bits of entropy, so a plain SHA-256 of it is
 * safe to store (no dictionary or brute-force attack applies) and needs neither salt nor slow hashing.
 */
final class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEY_ID_BYTES = 10;
    private static final int SECRET_BYTES = 32;

    private ApiKeys() {}

    /** A presented key split into its halves. */
    record Presented(String keyId, String secret) {}

    /** A new key: the full value to hand out once, its id, and the hash to store. */
    record Generated(String keyId, String apiKey, byte[] secretHash) {}

    static Generated generate() {
        byte[] id = new byte[KEY_ID_BYTES];
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String keyId = HexFormat.of().formatHex(id);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Generated(keyId, keyId + "." + secretText, sha256(secretText));
    }

    static Optional<Presented> parse(String apiKey) {
        int dot = apiKey.indexOf('.');
        if (dot <= 0 || dot == apiKey.length() - 1 || apiKey.length() > 200) {
            return Optional.empty();
        }
        return Optional.of(new Presented(apiKey.substring(0, dot), apiKey.substring(dot + 1)));
    }

    /** Constant-time comparison of the presented secret's hash with the stored one. */
    static boolean matches(String secret, byte[] storedHash) {
        return MessageDigest.isEqual(sha256(secret), storedHash);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
