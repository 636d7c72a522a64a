package org.zhengce.schemas.registry;

import org.apache.avro.Schema;

/** The record's full name, so one record type keeps one lineage across every topic carrying it. */
public final class RecordNameStrategy implements SubjectNameStrategy {

    @Override
    public String subject(String topic, boolean isKey, Schema schema) {
        return schema.getFullName();
    }
}
