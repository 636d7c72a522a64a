package org.zhengce.schemas.catalogue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How Kafka discards a topic's old records: by age ({@link #DELETE}) or by key ({@link #COMPACT}). */
public enum CleanupPolicy {
    /** Records older than the retention are deleted. */
    DELETE,
    /** Only the latest record of each key is kept: the topic is a table. */
    COMPACT;

    /** The value of Kafka's {@code cleanup.policy} topic setting: {@code delete} or {@code compact}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CleanupPolicy parse(String text) {
        return Arrays.stream(values())
                .filter(policy -> policy.configValue().equals(text))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("cleanupPolicy must be one of "
                        + Arrays.stream(values())
                                .map(CleanupPolicy::configValue)
                                .collect(Collectors.joining(", "))
                        + ", found '" + text + "'"));
    }
}
