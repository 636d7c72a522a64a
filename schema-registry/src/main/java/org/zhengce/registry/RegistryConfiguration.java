package org.zhengce.registry;

import java.util.Locale;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.zhengce.registry.store.InMemoryRegistryStore;
import org.zhengce.registry.store.KafkaRegistryStore;
import org.zhengce.registry.store.RegistryStore;
import org.zhengce.registry.subjects.SchemaRegistry;

/** Wires the store chosen by {@code registry.store} to the registry. */
@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

    /**
     * The registry's own Netty event loops: with Reactor's global ones, closing an embedded registry would stop every
     * other Reactor Netty server and client in the JVM (other registries, the services the launcher runs beside it).
     */
    @Bean
    ReactorResourceFactory reactorServerResourceFactory() {
        ReactorResourceFactory resources = new ReactorResourceFactory();
        resources.setUseGlobalResources(false);
        return resources;
    }

    @Bean(destroyMethod = "close")
    RegistryStore registryStore(RegistrySettings settings) {
        if (settings.store() == RegistrySettings.StoreType.MEMORY) {
            return new InMemoryRegistryStore();
        }
        String bootstrapServers = settings.kafka().bootstrapServers();
        if (bootstrapServers == null) {
            throw new IllegalStateException("registry.kafka.bootstrap-servers is required");
        }
        return KafkaRegistryStore.start(
                bootstrapServers, settings.kafka().properties(), settings.topic(), settings.timeout());
    }

    /** {@code registryStore} in {@code /actuator/health}: DOWN once the store stops reading its topic. */
    @Bean
    HealthIndicator registryStoreHealthIndicator(RegistryStore store, RegistrySettings settings) {
        return () -> (store.following() ? Health.up() : Health.down())
                .withDetail("store", settings.store().name().toLowerCase(Locale.ROOT))
                .build();
    }

    /** Writers' credentials for every change; readers' too unless reads are open (RegistryAccess). */
    @Bean
    RegistryAccess registryAccess(RegistrySettings settings) {
        return new RegistryAccess(settings.auth());
    }

    @Bean
    SchemaRegistry schemaRegistry(RegistryStore store, RegistrySettings settings) {
        return new SchemaRegistry(store, settings.defaultCompatibility());
    }
}
