package org.zhengce.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhengce.schemas.serde.Fixtures.TOPIC;

import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zhengce.schemas.registry.FakeSchemaRegistry;
import org.zhengce.schemas.registry.HttpSchemaRegistryClient;

class CachingTest {

    FakeSchemaRegistry registry;
    HttpSchemaRegistryClient producerSide;
    HttpSchemaRegistryClient consumerSide;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = FakeSchemaRegistry.start();
        producerSide = new HttpSchemaRegistryClient(List.of(registry.url()), null);
        consumerSide = new HttpSchemaRegistryClient(List.of(registry.url()), null);
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void afterTheFirstRecordTenThousandRoundTripsMakeNoHttpCalls() {
        ConfluentAvroSerializer<GenericRecord> serializer = new ConfluentAvroSerializer<>(producerSide);
        ConfluentAvroDeserializer<GenericRecord> deserializer = new ConfluentAvroDeserializer<>(consumerSide);
        deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, Fixtures.householdV1()));
        assertThat(producerSide.httpRequestCount()).isEqualTo(1);
        assertThat(consumerSide.httpRequestCount()).isEqualTo(1);

        for (int i = 0; i < 10_000; i++) {
            GenericRecord household = new GenericData.Record(Fixtures.HOUSEHOLD_V1);
            household.put("householdId", "H-" + i);
            household.put("memberCount", i % 7);
            household.put("monthlyIncomeFen", 1_000L * i);

            GenericRecord read = deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, household));

            assertThat(read.get("memberCount")).isEqualTo(i % 7);
        }

        assertThat(producerSide.httpRequestCount()).isEqualTo(1);
        assertThat(consumerSide.httpRequestCount()).isEqualTo(1);
        assertThat(registry.requests()).hasSize(2);
    }

    @Test
    void equalSchemaFromAnotherParseNeedsNoRequest() {
        ConfluentAvroSerializer<GenericRecord> serializer = new ConfluentAvroSerializer<>(producerSide);
        serializer.serialize(TOPIC, Fixtures.householdV1());
        Schema reparsed = new Schema.Parser().parse(Fixtures.HOUSEHOLD_V1.toString());
        GenericRecord household = new GenericData.Record(reparsed);
        household.put("householdId", "H-0003");
        household.put("memberCount", 1);
        household.put("monthlyIncomeFen", 0L);

        serializer.serialize(TOPIC, household);
        serializer.serialize(TOPIC, Fixtures.householdV1());

        assertThat(producerSide.httpRequestCount()).isEqualTo(1);
    }

    @Test
    void sameSchemaOnAnotherTopicIsRegisteredUnderThatTopicsSubject() {
        ConfluentAvroSerializer<GenericRecord> serializer = new ConfluentAvroSerializer<>(producerSide);

        serializer.serialize(TOPIC, Fixtures.householdV1());
        serializer.serialize("dept.civil-affairs.events", Fixtures.householdV1());

        assertThat(registry.subjects()).containsExactly("household.events-value", "dept.civil-affairs.events-value");
    }
}
