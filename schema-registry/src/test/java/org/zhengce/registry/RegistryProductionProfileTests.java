package org.zhengce.registry;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The registry's production profile: the Kafka store, and no start without a writer's secret. */
class RegistryProductionProfileTests {

    @Test
    void givenNoWriter_whenTheRegistryStartsInProduction_thenItRefusesNamingTheWriterSettings() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(SchemaRegistryApplication.class)
                        .profiles("production")
                        .web(WebApplicationType.NONE)
                        .run(SchemaRegistryApplication.CONFIG_NAME, "--registry.kafka.bootstrap-servers=127.0.0.1:1")
                        .close())
                .rootCause()
                .hasMessageContaining("nobody may write to the registry")
                .hasMessageContaining("registry.auth.users.<name>.password");
    }
}
