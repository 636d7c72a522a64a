package org.zhengce.interop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Guards the fixture itself: the cases must ask questions whose answers differ. */
class CompatibilityCasesTest {

    @Test
    void everyCaseHasItsOwnSubject() {
        assertThat(CompatibilityCases.ALL)
                .extracting(c -> c.name() + "." + c.level())
                .doesNotHaveDuplicates();
    }

    @Test
    void casesCoverBothAnswers() {
        assertThat(CompatibilityCases.ALL)
                .extracting(CompatibilityCases.Case::registrable)
                .contains(true, false);
    }

    @Test
    void transitiveLevelRefusesWhatTheLatestVersionAloneAccepts() {
        assertThat(CompatibilityCases.ALL)
                .filteredOn(c -> c.level().endsWith("_TRANSITIVE"))
                .isNotEmpty()
                .allSatisfy(c -> {
                    assertThat(c.compatibleWithLatest()).as(c.name()).isTrue();
                    assertThat(c.registrable()).as(c.name()).isFalse();
                });
    }
}
