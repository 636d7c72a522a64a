package org.zhengce.intake.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zhengce.events.VisitRecorded;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.identity.Pseudonymiser;
import org.zhengce.intake.reading.EventExamples;

/** The department is told which free-text fields held an identity number and were masked, never the value. */
class MaskedFieldsTest {

    private static final String NUMBER = "11010519491231002X";

    private final EventPseudonymisation pseudonymisation = new EventPseudonymisation(
            new Pseudonymiser(
                    Map.of("k1", "a fixed test secret of 32+ bytes, not for use".getBytes(StandardCharsets.US_ASCII)),
                    "k1"),
            Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));

    private static DepartmentEvent visitNoting(String note) {
        DepartmentEvent event = DepartmentEvent.newBuilder(EventExamples.all().get("VisitRecorded"))
                .build();
        VisitRecorded visit = VisitRecorded.newBuilder((VisitRecorded) event.getFact())
                .setNote(note)
                .build();
        event.setFact(visit);
        return event;
    }

    @Test
    void aNoteHoldingAnIdentityNumberIsMaskedAndNamed() {
        EventPseudonymisation.Pseudonymised result =
                pseudonymisation.pseudonymise(visitNoting("户主身份证 " + NUMBER + " 已核实"), "p-1");

        assertThat(result.maskedFields()).containsExactly("fact.note");
        assertThat(result.event().toString()).doesNotContain(NUMBER).doesNotContain("19491231002");
        assertThat(String.join(",", result.maskedFields())).doesNotContain("1101");
    }

    @Test
    void anEventWithoutIdentityNumbersInItsTextNamesNoField() {
        assertThat(pseudonymisation.pseudonymise(visitNoting("家中暂无固定收入"), "p-2").maskedFields())
                .isEmpty();
    }
}
