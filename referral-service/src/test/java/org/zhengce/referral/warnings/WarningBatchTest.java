package org.zhengce.referral.warnings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.zhengce.events.HouseholdWarningEvent;
import org.zhengce.events.WarningLevel;
import org.zhengce.referral.Warnings;

/** The order a batch of warnings is applied in. */
class WarningBatchTest {

    @Test
    void aBatchIsAppliedUrgentHouseholdsFirstKeepingEachHouseholdsOrder() {
        HouseholdWarningEvent yellow = Warnings.raised("b1", "H-A", "110105001001", WarningLevel.YELLOW);
        HouseholdWarningEvent clearA = Warnings.cleared("b2", "H-A", "110105001001");
        HouseholdWarningEvent red = Warnings.raised("b3", "H-B", "110105001001", WarningLevel.RED);
        HouseholdWarningEvent blue = Warnings.raised("b4", "H-C", "110105001001", WarningLevel.BLUE);
        assertThat(WarningBatch.urgentFirst(List.of(yellow, clearA, blue, red)))
                .containsExactly(red, yellow, clearA, blue);
    }
}
