package org.zhengce.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A hand-written stand-in for an avro-maven-plugin generated class (version 2 of {@link
 * Fixtures#HOUSEHOLD_V1}: adds {@code communityCode} with a default), so the specific-reader tests
 * do not depend on the production schemas.
 */
public class TestHousehold extends SpecificRecordBase {

    public static final Schema SCHEMA$ = Fixtures.HOUSEHOLD_V2;

    private String householdId = "";
    private int memberCount;
    private long monthlyIncomeFen;
    private String communityCode = "unknown";

    public TestHousehold() {}

    public TestHousehold(String householdId, int memberCount, long monthlyIncomeFen, String communityCode) {
        this.householdId = householdId;
        this.memberCount = memberCount;
        this.monthlyIncomeFen = monthlyIncomeFen;
        this.communityCode = communityCode;
    }

    @Override
    public Schema getSchema() {
        return SCHEMA$;
    }

    @Override
    public Object get(int field) {
        return switch (field) {
            case 0 -> householdId;
            case 1 -> memberCount;
            case 2 -> monthlyIncomeFen;
            case 3 -> communityCode;
            default -> throw new IndexOutOfBoundsException("no field " + field);
        };
    }

    @Override
    public void put(int field, Object value) {
        switch (field) {
            case 0 -> householdId = value.toString();
            case 1 -> memberCount = (Integer) value;
            case 2 -> monthlyIncomeFen = (Long) value;
            case 3 -> communityCode = value.toString();
            default -> throw new IndexOutOfBoundsException("no field " + field);
        }
    }

    public String householdId() {
        return householdId;
    }

    public int memberCount() {
        return memberCount;
    }

    public long monthlyIncomeFen() {
        return monthlyIncomeFen;
    }

    public String communityCode() {
        return communityCode;
    }
}
