package org.zhengce.registry.monitoring;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.zhengce.registry.store.RegistryStore;
import org.zhengce.registry.subjects.SchemaRegistry;

/** The registry's meters. */
@Configuration(proxyBeanMethods = false)
class MonitoringConfiguration {

    @Bean
    RequestMetrics requestMetrics(MeterRegistry meters) {
        return new RequestMetrics(meters);
    }

    @Bean
    RegistryGauges registryGauges(SchemaRegistry registry, RegistryStore store) {
        return new RegistryGauges(registry, store);
    }
}
