package org.zhengce.kit.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zhengce.kit.audit.AuditVerification.Breach;

/** Given a chain of rows, when it is walked, then the first removed, inserted or edited row is named. */
class ChainWalkTest {

    private static final Instant AT = Instant.parse("2025-03-01T08:00:00.123456Z");

    @Test
    void chainAsAppendedIsIntact() {
        List<AuditTrailRow> rows = chain(5);

        AuditVerification result = walk(rows, 5, rows.get(4).hash());

        assertThat(result.isIntact()).isTrue();
        assertThat(result.rowsChecked()).isEqualTo(5);
    }

    @Test
    void rowWithChangedContentIsEdited() {
        List<AuditTrailRow> rows = new ArrayList<>(chain(5));
        AuditTrailRow third = rows.get(2);
        rows.set(2, new AuditTrailRow(3, record("someone-else", 3), third.previousHash(), third.hash()));

        AuditVerification result = walk(rows, 5, rows.get(4).hash());

        assertThat(result.breach()).isEqualTo(Breach.EDITED);
        assertThat(result.firstBrokenRow()).isEqualTo(3L);
    }

    @Test
    void rowRewrittenWithAFreshHashIsEdited() {
        List<AuditTrailRow> rows = new ArrayList<>(chain(5));
        AuditTrailRow third = rows.get(2);
        AuditRecord forged = record("someone-else", 3);
        rows.set(
                2,
                new AuditTrailRow(3, forged, third.previousHash(), AuditChain.link(third.previousHash(), 3, forged)));

        AuditVerification result = walk(rows, 5, rows.get(4).hash());

        assertThat(result.breach()).isEqualTo(Breach.EDITED);
        assertThat(result.firstBrokenRow()).isEqualTo(3L);
    }

    @Test
    void missingRowIsRemoved() {
        List<AuditTrailRow> rows = new ArrayList<>(chain(5));
        rows.remove(1);

        AuditVerification result = walk(rows, 5, rows.get(3).hash());

        assertThat(result.breach()).isEqualTo(Breach.REMOVED);
        assertThat(result.firstBrokenRow()).isEqualTo(2L);
    }

    @Test
    void rowsCutFromTheEndAreRemoved() {
        List<AuditTrailRow> rows = chain(5);
        byte[] headHash = rows.get(4).hash();

        AuditVerification result = walk(rows.subList(0, 3), 5, headHash);

        assertThat(result.breach()).isEqualTo(Breach.REMOVED);
        assertThat(result.firstBrokenRow()).isEqualTo(4L);
    }

    @Test
    void rowLinkingPastTheOneBeforeMarksThatOneInserted() {
        List<AuditTrailRow> appended = chain(3);
        AuditRecord forged = record("intruder", 99);
        byte[] afterFirst = appended.get(0).hash();
        // a row appended after row 1 with a chained hash, and row 2 moved after it (position and hash rewritten)
        AuditTrailRow inserted = new AuditTrailRow(2, forged, afterFirst, AuditChain.link(afterFirst, 2, forged));
        AuditRecord second = appended.get(1).record();
        AuditTrailRow moved = new AuditTrailRow(3, second, afterFirst, AuditChain.link(afterFirst, 3, second));

        AuditVerification result = walk(List.of(appended.get(0), inserted, moved), 3, moved.hash());

        assertThat(result.breach()).isEqualTo(Breach.INSERTED);
        assertThat(result.firstBrokenRow()).isEqualTo(2L);
    }

    private static AuditVerification walk(List<AuditTrailRow> rows, long headSeq, byte[] headHash) {
        ChainWalk walk = new ChainWalk();
        for (AuditTrailRow row : rows) {
            if (!walk.accept(row)) {
                break;
            }
        }
        return walk.finish(headSeq, headHash);
    }

    private static List<AuditTrailRow> chain(int length) {
        List<AuditTrailRow> rows = new ArrayList<>();
        byte[] previous = AuditChain.GENESIS;
        for (long seq = 1; seq <= length; seq++) {
            AuditRecord record = record("advisor-" + seq, seq);
            byte[] hash = AuditChain.link(previous, seq, record);
            rows.add(new AuditTrailRow(seq, record, previous, hash));
            previous = hash;
        }
        return rows;
    }

    private static AuditRecord record(String actor, long n) {
        return new AuditRecord(
                AT.plusSeconds(n),
                actor,
                List.of("ADVISOR"),
                List.of("110101001001"),
                "READ",
                "case",
                "case-" + n,
                "110101001001",
                true,
                null);
    }
}
