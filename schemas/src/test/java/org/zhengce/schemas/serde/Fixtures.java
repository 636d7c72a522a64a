package org.zhengce.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Fixed schemas and records for the serde tests. */
final class Fixtures {

    static final String TOPIC = "household.events";

    static final Schema HOUSEHOLD_V1 = SchemaBuilder.record("TestHousehold")
            .namespace("org.zhengce.schemas.serde")
            .fields()
            .requiredString("householdId")
            .requiredInt("memberCount")
            .requiredLong("monthlyIncomeFen")
            .endRecord();

    static final Schema HOUSEHOLD_V2 = SchemaBuilder.record("TestHousehold")
            .namespace("org.zhengce.schemas.serde")
            .fields()
            .requiredString("householdId")
            .requiredInt("memberCount")
            .requiredLong("monthlyIncomeFen")
            .name("communityCode")
            .type()
            .stringType()
            .stringDefault("unknown")
            .endRecord();

    static final Schema CASE_OPENED = SchemaBuilder.record("CaseOpened")
            .namespace("org.zhengce.test")
            .fields()
            .requiredString("caseId")
            .endRecord();

    private Fixtures() {}

    /** Household H-0001: three members, 1,250.00 yuan a month. */
    static GenericRecord householdV1() {
        GenericRecord household = new GenericData.Record(HOUSEHOLD_V1);
        household.put("householdId", "H-0001");
        household.put("memberCount", 3);
        household.put("monthlyIncomeFen", 125_000L);
        return household;
    }

    static GenericRecord caseOpened() {
        GenericRecord opened = new GenericData.Record(CASE_OPENED);
        opened.put("caseId", "C-42");
        return opened;
    }
}
