package org.zhengce.intake.reading;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.zhengce.intake.DepartmentEvent;

/**
 * The event types departments may send: the record schemas of {@code DepartmentEvent.fact}, by simple record name
 * ({@code HospitalDischarged}, {@code HouseholdRegistered}...), in the union's order. A fact added to the union is a
 * type here without code.
 */
public final class EventTypes {

    private static final Map<String, Schema> BY_NAME = byName();

    private EventTypes() {}

    /** Every type name, in the order of the {@code fact} union. */
    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    /** The fact record schema of the type {@code name} (a simple record name, case-sensitive), if there is one. */
    public static Optional<Schema> schemaOf(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * The type name of {@code fact}, a record of one of the union's schemas.
     *
     * @throws IllegalArgumentException if {@code fact} is not a fact record of {@code DepartmentEvent}
     */
    public static String nameOf(Object fact) {
        if (fact instanceof IndexedRecord record) {
            Schema schema = BY_NAME.get(record.getSchema().getName());
            if (schema != null && schema.getFullName().equals(record.getSchema().getFullName())) {
                return schema.getName();
            }
        }
        throw new IllegalArgumentException("not a fact of DepartmentEvent: "
                + (fact instanceof IndexedRecord record
                        ? record.getSchema().getFullName()
                        : fact.getClass().getName()));
    }

    private static Map<String, Schema> byName() {
        Schema union = DepartmentEvent.getClassSchema().getField("fact").schema();
        Map<String, Schema> byName = new LinkedHashMap<>();
        for (Schema type : union.getTypes()) {
            if (type.getType() != Schema.Type.RECORD) {
                throw new IllegalStateException("DepartmentEvent.fact has a branch that is not a record: " + type);
            }
            Schema previous = byName.put(type.getName(), type);
            if (previous != null) {
                // the JSON and CSV forms name a type by its simple name, so two records of one name would be ambiguous
                throw new IllegalStateException("DepartmentEvent.fact has two records named " + type.getName() + ": "
                        + previous.getFullName() + " and " + type.getFullName());
            }
        }
        return Collections.unmodifiableMap(byName);
    }
}
