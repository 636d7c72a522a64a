package org.zhengce.kit.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How rows are chained: a row's hash is {@code SHA-256(previous hash || position as 8 bytes big-endian || canonical
 * content)}, the first row's previous hash being 32 zero bytes ({@link #GENESIS}). The append statement computes the
 * same in SQL ({@code sha256(prev || int8send(seq) || content)}) from the content this class makes.
 *
 * <p>The canonical content is UTF-8 text, one field after the other in a fixed order, each as {@code
 * name:length:value;} (length in code points) or {@code name:-;} when absent, lists as their length then each item
 * so: unambiguous whatever a value holds, and independent of how the row is stored.
 */
public final class AuditChain {

    /** The previous hash of the first row. */
    static final byte[] GENESIS = new byte[32];

    private static final String VERSION = "audit-v1;";

    private AuditChain() {}

    /** The canonical content of {@code record}. */
    public static byte[] content(AuditRecord record) {
        StringBuilder text = new StringBuilder(VERSION);
        field(text, "at", Long.toString(ChronoUnit.MICROS.between(java.time.Instant.EPOCH, record.at())));
        field(text, "actor", record.actor());
        list(text, "roles", record.actorRoles());
        list(text, "jurisdictions", record.actorJurisdictions());
        field(text, "action", record.action());
        field(text, "subject", record.subject());
        field(text, "subjectId", record.subjectId());
        field(text, "jurisdiction", record.jurisdiction());
        field(text, "outcome", record.allowed() ? "ALLOWED" : "REFUSED");
        field(text, "detail", record.detail());
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The hash of the row at {@code seq} holding {@code record}, after a row whose hash is {@code previous}. */
    public static byte[] link(byte[] previous, long seq, AuditRecord record) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(previous);
            sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(seq).array());
            sha256.update(content(record));
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static void list(StringBuilder text, String name, List<String> values) {
        field(text, name, Integer.toString(values.size()));
        for (String value : values) {
            field(text, "-", value);
        }
    }

    private static void field(StringBuilder text, String name, @Nullable String value) {
        text.append(name).append(':');
        if (value == null) {
            text.append("-;");
        } else {
            text.append(value.codePointCount(0, value.length()))
                    .append(':')
                    .append(value)
                    .append(';');
        }
    }
}
