package org.zhengce.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubjectNameStrategyTest {

    static final Schema HOUSEHOLD = HttpSchemaRegistryClientTest.HOUSEHOLD;

    @Test
    void topicNameStrategySuffixesKeyOrValue() {
        TopicNameStrategy strategy = new TopicNameStrategy();

        assertThat(strategy.subject("household.events", false, HOUSEHOLD)).isEqualTo("household.events-value");
        assertThat(strategy.subject("household.events", true, HOUSEHOLD)).isEqualTo("household.events-key");
    }

    @Test
    void recordNameStrategyUsesTheRecordFullName() {
        assertThat(new RecordNameStrategy().subject("household.events", false, HOUSEHOLD))
                .isEqualTo("org.zhengce.test.HouseholdRegistered");
    }

    @Test
    void topicRecordNameStrategyCombinesBoth() {
        assertThat(new TopicRecordNameStrategy().subject("household.events", false, HOUSEHOLD))
                .isEqualTo("household.events-org.zhengce.test.HouseholdRegistered");
    }

    @ParameterizedTest
    @CsvSource({
        "TopicNameStrategy, household.events-value",
        "io.confluent.kafka.serializers.subject.TopicNameStrategy, household.events-value",
        "org.zhengce.schemas.registry.TopicNameStrategy, household.events-value",
        "RecordNameStrategy, org.zhengce.test.HouseholdRegistered",
        "io.confluent.kafka.serializers.subject.RecordNameStrategy, org.zhengce.test.HouseholdRegistered",
        "org.zhengce.schemas.registry.RecordNameStrategy, org.zhengce.test.HouseholdRegistered",
        "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy,"
                + " household.events-org.zhengce.test.HouseholdRegistered",
    })
    void strategiesAreFoundByShortOursOrConfluentName(String name, String expectedSubject) {
        assertThat(SubjectNameStrategy.named(name).subject("household.events", false, HOUSEHOLD))
                .isEqualTo(expectedSubject);
    }

    @Test
    void anyClassImplementingTheInterfaceCanBeNamed() {
        assertThat(SubjectNameStrategy.named(FixedSubject.class.getName()).subject("t", false, HOUSEHOLD))
                .isEqualTo("fixed");
    }

    @Test
    void unknownStrategyIsRefusedNamingIt() {
        assertThatThrownBy(() -> SubjectNameStrategy.named("com.example.NoSuchStrategy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown subject name strategy 'com.example.NoSuchStrategy'");
        assertThatThrownBy(() -> SubjectNameStrategy.named("java.lang.String"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not implement");
    }

    public static final class FixedSubject implements SubjectNameStrategy {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return "fixed";
        }
    }
}
