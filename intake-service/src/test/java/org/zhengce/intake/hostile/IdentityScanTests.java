package org.zhengce.intake.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityScanTests {

    /** The national standard's own example: a valid check character, so the detector finds it anywhere. */
    private static final String NUMBER = "11010519491231002X";

    @Test
    void aDigitRunInsideATraceIdIsNotAFindingButTheSameNumberInAFieldIs() {
        IdentityScan scan = new IdentityScan(List.of());
        String traceId = "3446e22c" + NUMBER.substring(0, 17) + "7eb717f";
        scan.scan("topic", "traceparent", "00-" + traceId + "-ff0a9c2b11d3e4f5-01");
        scan.scan("log", "line", "INFO [intake-service," + traceId + ",ff0a9c2b11d3e4f5] accepted");
        assertThat(scan.findings()).isEmpty();

        scan.scan("topic", "value", "{\"note\":\"" + NUMBER + "\"}");
        assertThat(scan.findings()).singleElement().asString().startsWith("topic value: the detector finds 1");
    }

    @Test
    void aNumberTheCorpusInjectedIsFoundEvenInsideATraceId() {
        IdentityScan scan = new IdentityScan(List.of(NUMBER));
        scan.scan("topic", "traceparent", "00-3446e22c" + NUMBER.substring(0, 17) + "7eb717f-ff0a9c2b11d3e4f5-01");
        assertThat(scan.findings()).singleElement().asString().contains("injected number");
    }

    @Test
    void digitsOfAUuidRunningIntoTheNextFieldAreNotAFindingButANumberAfterTheUuidIs() {
        IdentityScan scan = new IdentityScan(List.of());
        // a name-based UUID whose last group is all digits, then (in Avro bytes) the next field's digits
        String uuid = "5d0e3a63-04c1-37ce-a4f2-" + NUMBER.substring(0, 12);
        scan.scan("topic", "value", uuid + NUMBER.substring(12) + "\u0018GRID_WORKER");
        assertThat(scan.findings()).isEmpty();

        scan.scan("topic", "value", uuid + "\u0024" + NUMBER);
        assertThat(scan.findings()).singleElement().asString().startsWith("topic value: the detector finds 1");
    }
}
