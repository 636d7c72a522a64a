package org.zhengce.schemas.registry;

import org.apache.avro.Schema;

/** {@code <topic>-<record full name>}: several event types on one topic, each with its own lineage. */
public final class TopicRecordNameStrategy implements SubjectNameStrategy {

    @Override
    public String subject(String topic, boolean isKey, Schema schema) {
        return topic + "-" + schema.getFullName();
    }
}
