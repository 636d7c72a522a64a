package org.zhengce.schemas.standard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.zhengce.schemas.catalogue.Topic;
import org.zhengce.schemas.catalogue.TopicCatalogue;

/** The record value schemas the catalogue names: the data standard's top-level types. */
final class PublishedSchemas {

    static final String PLATFORM_NAMESPACE = "org.zhengce.events";

    private PublishedSchemas() {}

    /** Every record value schema of the catalogue, intake's included, by full name. */
    static Map<String, Schema> topicValues() {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        for (Topic topic : TopicCatalogue.load().topics()) {
            Schema schema = topic.valueSchema();
            if (schema.getType() == Schema.Type.RECORD) {
                schemas.putIfAbsent(schema.getFullName(), schema);
            }
        }
        return schemas;
    }

    /** The value schemas of the platform's own topics (namespace {@value #PLATFORM_NAMESPACE}). */
    static List<Schema> platformTopicValues() {
        return topicValues().values().stream()
                .filter(schema -> PLATFORM_NAMESPACE.equals(schema.getNamespace()))
                .toList();
    }
}
