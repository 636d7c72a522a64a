package org.zhengce.schemas.registry;

import org.apache.avro.Schema;

/** The default: {@code <topic>-key} or {@code <topic>-value}; one schema lineage per topic. */
public final class TopicNameStrategy implements SubjectNameStrategy {

    @Override
    public String subject(String topic, boolean isKey, Schema schema) {
        return topic + (isKey ? "-key" : "-value");
    }
}
