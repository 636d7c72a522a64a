package org.zhengce.registry.compatibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhengce.registry.Fixtures.USER_V1;
import static org.zhengce.registry.Fixtures.USER_V2;
import static org.zhengce.registry.Fixtures.USER_V3;
import static org.zhengce.registry.Fixtures.USER_WITHOUT_FIELDS;
import static org.zhengce.registry.Fixtures.USER_WITH_REQUIRED_AGE;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class AvroCompatibilityTests {

    private static final List<PreviousVersion> V2_THEN_V1 =
            List.of(new PreviousVersion(2, parse(USER_V2)), new PreviousVersion(1, parse(USER_V1)));

    @Test
    void plainLevelsLookAtTheLatestVersionOnly() {
        assertThat(AvroCompatibility.check(CompatibilityLevel.BACKWARD, parse(USER_V3), V2_THEN_V1))
                .isEmpty();
        assertThat(AvroCompatibility.check(CompatibilityLevel.BACKWARD_TRANSITIVE, parse(USER_V3), V2_THEN_V1))
                .contains("{oldSchemaVersion: 1}");
    }

    @Test
    void forwardAsksTheOldSchemaToReadTheNew() {
        List<PreviousVersion> v1 = List.of(new PreviousVersion(1, parse(USER_V1)));

        assertThat(AvroCompatibility.check(CompatibilityLevel.FORWARD, parse(USER_WITH_REQUIRED_AGE), v1))
                .isEmpty();
        assertThat(AvroCompatibility.check(CompatibilityLevel.FORWARD, parse(USER_WITHOUT_FIELDS), v1))
                .first()
                .asString()
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("in the old schema has no default value and is missing in the new schema");
    }

    @Test
    void fullReportsBothDirectionsOnce() {
        Schema stringId = parse(USER_V1.replace("\"string\"", "\"int\""));
        List<String> problems = AvroCompatibility.check(
                CompatibilityLevel.FULL, stringId, List.of(new PreviousVersion(1, parse(USER_V1))));

        assertThat(problems.stream().filter(p -> p.startsWith("{errorType:'TYPE_MISMATCH'")))
                .hasSize(2);
        assertThat(problems).endsWith("{validateFields: 'false', compatibility: 'FULL'}");
    }

    @Test
    void noneAndFirstVersionsAreAlwaysCompatible() {
        assertThat(AvroCompatibility.check(CompatibilityLevel.NONE, parse(USER_WITH_REQUIRED_AGE), V2_THEN_V1))
                .isEmpty();
        assertThat(AvroCompatibility.check(CompatibilityLevel.FULL_TRANSITIVE, parse(USER_V1), List.of()))
                .isEmpty();
    }

    @Test
    void levelsAreNamedIgnoringCase() {
        assertThat(CompatibilityLevel.forName("full_transitive")).contains(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(CompatibilityLevel.forName("sideways")).isEmpty();
    }

    private static Schema parse(String schema) {
        return new Schema.Parser().parse(schema);
    }
}
