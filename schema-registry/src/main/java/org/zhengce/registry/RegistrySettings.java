package org.zhengce.registry;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.zhengce.registry.compatibility.CompatibilityLevel;

/**
 * The registry's settings, prefix {@code registry}.
 *
 * @param kafka where the {@code kafka} store keeps its topic
 * @param topic the compacted topic holding the registry's state
 * @param defaultCompatibility the global compatibility level until one is set through {@code PUT
 *     /config}
 * @param store {@code kafka} (the default) or {@code memory} (nothing survives a restart)
 * @param timeout how long a write, or reading the topic at start-up, may take
 */
@ConfigurationProperties("registry")
@Validated
record RegistrySettings(
        @DefaultValue @Valid Kafka kafka,
        @DefaultValue("_schemas") @NotBlank String topic,
        @DefaultValue("BACKWARD_TRANSITIVE") @NotNull CompatibilityLevel defaultCompatibility,
        @DefaultValue("kafka") @NotNull StoreType store,
        @DefaultValue("30s") @NotNull Duration timeout) {

    RegistrySettings {
        if (store == StoreType.KAFKA
                && (kafka.bootstrapServers() == null || kafka.bootstrapServers().isBlank())) {
            throw new IllegalArgumentException(
                    "registry.kafka.bootstrap-servers is required unless registry.store=memory");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("registry.timeout must be positive, was " + timeout);
        }
    }

    /** @param bootstrapServers the Kafka cluster, {@code host:port[,host:port]} */
    record Kafka(@Nullable String bootstrapServers) {}

    enum StoreType {
        KAFKA,
        MEMORY
    }
}
