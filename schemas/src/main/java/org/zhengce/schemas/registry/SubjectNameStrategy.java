package org.zhengce.schemas.registry;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import org.apache.avro.Schema;

/** Chooses the registry subject a topic's key or value schema is registered under. */
@FunctionalInterface
public interface SubjectNameStrategy {

    String subject(String topic, boolean isKey, Schema schema);

    /**
     * Resolves a strategy by the name used in configuration: a short name ({@code TopicNameStrategy},
     * {@code RecordNameStrategy}, {@code TopicRecordNameStrategy}), Confluent's class name
     * ({@code io.confluent.kafka.serializers.subject.TopicNameStrategy}), ours, or any class with a
     * public no-argument constructor implementing this interface.
     *
     * @throws IllegalArgumentException naming the value when it is none of those
     */
    static SubjectNameStrategy named(String name) {
        String simpleName = name.substring(name.lastIndexOf('.') + 1);
        boolean known = name.equals(simpleName)
                || name.startsWith("io.confluent.kafka.serializers.subject.")
                || name.startsWith(SubjectNameStrategy.class.getPackageName() + ".");
        Map<String, SubjectNameStrategy> builtIn = Map.of(
                "TopicNameStrategy", new TopicNameStrategy(),
                "RecordNameStrategy", new RecordNameStrategy(),
                "TopicRecordNameStrategy", new TopicRecordNameStrategy());
        SubjectNameStrategy strategy = known ? builtIn.get(simpleName) : null;
        return strategy != null ? strategy : instantiate(name);
    }

    private static SubjectNameStrategy instantiate(String className) {
        try {
            Class<?> type =
                    Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            if (!SubjectNameStrategy.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(
                        className + " does not implement " + SubjectNameStrategy.class.getName());
            }
            return (SubjectNameStrategy) type.getConstructor().newInstance();
        } catch (ClassNotFoundException
                | NoSuchMethodException
                | InstantiationException
                | IllegalAccessException
                | InvocationTargetException e) {
            throw new IllegalArgumentException(
                    "unknown subject name strategy '" + className
                            + "' (expected TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy or a class"
                            + " implementing " + SubjectNameStrategy.class.getName() + ")",
                    e);
        }
    }
}
