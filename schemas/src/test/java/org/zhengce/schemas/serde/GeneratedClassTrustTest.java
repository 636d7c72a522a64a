package org.zhengce.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;

class GeneratedClassTrustTest {

    @Test
    void generatedRecordClassIsTrustedOnceInstalled() {
        GeneratedClassTrust.install();

        ClassSecurityValidator.validate(TestHousehold.class);
        assertThat(GeneratedClassTrust.isGenerated(TestHousehold.class)).isTrue();
    }

    @Test
    void otherClassesStayRefused() {
        GeneratedClassTrust.install();

        assertThat(GeneratedClassTrust.isGenerated(Random.class)).isFalse();
        assertThat(GeneratedClassTrust.isGenerated(WithoutSchemaField.class)).isFalse();
        assertThatThrownBy(() -> ClassSecurityValidator.validate(Random.class)).isInstanceOf(SecurityException.class);
    }

    /** A SpecificRecord the Avro compiler did not write: no static {@code SCHEMA$}. */
    abstract static class WithoutSchemaField extends SpecificRecordBase {
        @Override
        public Schema getSchema() {
            return Fixtures.HOUSEHOLD_V1;
        }
    }
}
