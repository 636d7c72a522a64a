package org.zhengce.benchmarks.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.zhengce.benchmarks.ResultRow;

class StageLagTest {

    private static final long SLACK = 2_000;

    @Test
    void aStageWhoseLagEndsWithinTwiceItsStartPlusTheSlackStayedFlat() {
        List<ResultRow> rows = StageLag.rows(
                "Alert", List.of(sample(1, 100, 40, 0), sample(2, 9_000, 35, 0), sample(3, 150, 2_200, 0)), SLACK);

        assertThat(rows).hasSize(StageLag.STAGES.size());
        assertThat(rows.get(0).ours()).isEqualTo("start 1, max 3, end 3 records (3 samples)");
        assertThat(rows.get(0).met()).isTrue();
        assertThat(rows.get(1).ours()).isEqualTo("start 100, max 9,000, end 150 records (3 samples)");
        assertThat(rows.get(1).met()).isTrue();
        assertThat(rows.get(1).goal()).isEqualTo("flat: end ≤ 2 × start + 2,000");
        assertThat(rows.get(2).met()).isFalse();
    }

    @Test
    void aStageWhoseLagGrowsPastTwiceItsStartPlusTheSlackDidNotStayFlat() {
        List<ResultRow> rows =
                StageLag.rows("Alert", List.of(sample(0, 100, 40, 0), sample(0, 5_000, 2_121, 0)), SLACK);

        assertThat(rows.get(1).met()).isFalse();
        assertThat(rows.get(2).ours()).isEqualTo("start 40, max 2,121, end 2,121 records (2 samples)");
        assertThat(rows.get(2).met()).isFalse();
    }

    @Test
    void aStageWithoutTwoSamplesOrWithoutItsGroupIsNotJudgedMet() {
        List<ResultRow> one = StageLag.rows("Alert", List.of(sample(0, 0, 0, 0)), SLACK);
        List<ResultRow> noGroup = StageLag.rows("Alert", List.of(sample(0, 0, 0, -1), sample(0, 0, 0, -1)), SLACK);

        assertThat(one).allSatisfy(row -> assertThat(row.met()).isFalse());
        assertThat(noGroup.get(3).ours()).isEqualTo("fewer than two samples: not judged");
        assertThat(noGroup.get(3).met()).isFalse();
    }

    private static StageLag.Sample sample(long... lags) {
        return new StageLag.Sample(System.nanoTime(), lags);
    }
}
