package org.zhengce.intake.pipeline;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.kit.crypto.KeyedHash;

/**
 * The idempotency digest of an event: the kit's keyed hash, under the digest's own key, of the SHA-256 of the event's
 * Avro binary (the canonical form a re-send must repeat). Keyed, so that a stored digest next to a masked payload
 * cannot be brute-forced back to an identity number; the inner SHA-256 is what ledger rows written before the key
 * held, so they are re-keyed from what they store ({@link #rekey(byte[])}). A digest is compared, never shown.
 */
final class EventDigests {

    private final KeyedHash hash;

    EventDigests(KeyedHash hash) {
        this.hash = hash;
    }

    /** An event's digest: the inner SHA-256 (kept in memory only) and its keyed hash under the active key. */
    record Digest(byte[] canonical, KeyedHash.Tag keyed) {

        /** The key id, for the ledger row. */
        String keyId() {
            return keyed.keyId();
        }

        /** The keyed bytes, for the ledger row. */
        byte[] bytes() {
            return keyed.bytes();
        }

        /** The key id only: a digest is never shown. */
        @Override
        public String toString() {
            return "Digest[keyId=" + keyed.keyId() + "]";
        }
    }

    Digest of(DepartmentEvent event) {
        byte[] canonical = canonical(event);
        return new Digest(canonical, hash.hash(canonical));
    }

    /**
     * Whether {@code digest} is of the same event as a ledger row holding {@code stored} under {@code storedKeyId}: the
     * row's key (an older one after a rotation), or the bare SHA-256 of a row not yet re-keyed ({@code null} key id).
     * A key no longer configured matches nothing, so the re-send is a conflict rather than a silent duplicate.
     */
    boolean matches(Digest digest, @Nullable String storedKeyId, byte[] stored) {
        if (storedKeyId == null) {
            return MessageDigest.isEqual(digest.canonical(), stored);
        }
        if (storedKeyId.equals(digest.keyId())) {
            return MessageDigest.isEqual(digest.bytes(), stored);
        }
        return hash.verify(new KeyedHash.Tag(storedKeyId, stored), digest.canonical());
    }

    /** Whether two digests made in this run are of the same event. */
    static boolean same(Digest one, Digest other) {
        return MessageDigest.isEqual(one.canonical(), other.canonical());
    }

    /** The keyed digest of a row that holds the bare SHA-256 written before digests were keyed. */
    KeyedHash.Tag rekey(byte[] bareSha256) {
        return hash.hash(bareSha256);
    }

    /** The SHA-256 of the event's Avro binary. */
    static byte[] canonical(DepartmentEvent event) {
        try {
            java.nio.ByteBuffer encoded = event.toByteBuffer();
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(encoded);
            return sha256.digest();
        } catch (java.io.IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot encode the event to digest it", e);
        }
    }
}
