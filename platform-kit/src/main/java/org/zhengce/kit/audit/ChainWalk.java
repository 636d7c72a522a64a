package org.zhengce.kit.audit;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.zhengce.kit.audit.AuditVerification.Breach;

/**
 * Walks the trail's rows in order of position and stops at the first break: a row whose hash does not match its
 * content (edited), a gap in the positions or a link to a row no longer there (removed), a link past the row before
 * (that row inserted); at the end, the chain head names the last row appended, so rows cut from the end are found.
 */
final class ChainWalk {

    private long rows;
    private long lastSeq;
    private byte[] lastHash = AuditChain.GENESIS;
    private byte @Nullable [] hashBeforeLast;
    private @Nullable AuditVerification broken;

    /** Checks the next row; false once the chain is broken (later rows prove nothing more). */
    boolean accept(AuditTrailRow row) {
        if (broken != null) {
            return false;
        }
        rows++;
        if (!Arrays.equals(AuditChain.link(row.previousHash(), row.seq(), row.record()), row.hash())) {
            broken = AuditVerification.broken(rows, row.seq(), Breach.EDITED, "its content no longer matches its hash");
        } else if (row.seq() > lastSeq + 1) {
            broken = AuditVerification.broken(
                    rows, lastSeq + 1, Breach.REMOVED, "rows " + (lastSeq + 1) + " to " + (row.seq() - 1) + " missing");
        } else if (!Arrays.equals(row.previousHash(), lastHash)) {
            if (hashBeforeLast != null && Arrays.equals(row.previousHash(), hashBeforeLast)) {
                broken = AuditVerification.broken(
                        rows, lastSeq, Breach.INSERTED, "row " + row.seq() + " links to the row before it");
            } else if (lastSeq == 0) {
                broken = AuditVerification.broken(
                        rows, row.seq(), Breach.REMOVED, "the first row does not start the chain");
            } else {
                broken = AuditVerification.broken(
                        rows,
                        lastSeq,
                        Breach.EDITED,
                        "row " + row.seq() + " links to another hash: rewritten, or rows after it removed");
            }
        }
        if (broken != null) {
            return false;
        }
        hashBeforeLast = lastHash;
        lastHash = row.hash();
        lastSeq = row.seq();
        return true;
    }

    /** The verdict, given the chain head: the position and hash of the last row appended. */
    AuditVerification finish(long headSeq, byte[] headHash) {
        if (broken != null) {
            return broken;
        }
        if (headSeq > lastSeq) {
            return AuditVerification.broken(
                    rows,
                    lastSeq + 1,
                    Breach.REMOVED,
                    "rows " + (lastSeq + 1) + " to " + headSeq + " cut from the end");
        }
        if (headSeq < lastSeq) {
            return AuditVerification.broken(
                    rows, headSeq + 1, Breach.INSERTED, "rows past " + headSeq + ", the last one appended");
        }
        if (!Arrays.equals(headHash, lastHash)) {
            return AuditVerification.broken(rows, lastSeq, Breach.EDITED, "the last row is not the one appended");
        }
        return AuditVerification.intact(rows);
    }
}
