package org.zhengce.kit.audit;

import org.jspecify.annotations.Nullable;

/**
 * What a walk along the audit trail found: the rows checked and, when the chain is broken, the first row where it
 * breaks and how.
 *
 * @param rowsChecked the rows read, in order, up to and including the first break
 * @param firstBrokenRow the position ({@code seq}) of the first removed, inserted or edited row; null when intact
 * @param breach how the chain is broken there; null when intact
 * @param message what was found, in words
 */
public record AuditVerification(
        long rowsChecked,
        @Nullable Long firstBrokenRow,
        @Nullable Breach breach,
        String message) {

    /** How a chain is broken. */
    public enum Breach {
        /** A row, or several, is missing: a gap in the positions, a link to a row no longer there, a cut end. */
        REMOVED,
        /** A row is in the chain that was never appended to it: the row after it links past it. */
        INSERTED,
        /** A row's content or hash was changed after it was appended. */
        EDITED
    }

    static AuditVerification intact(long rows) {
        return new AuditVerification(rows, null, null, rows + " rows, chain intact");
    }

    static AuditVerification broken(long rows, long seq, Breach breach, String why) {
        return new AuditVerification(rows, seq, breach, breach + " at row " + seq + ": " + why);
    }

    public boolean isIntact() {
        return breach == null;
    }
}
