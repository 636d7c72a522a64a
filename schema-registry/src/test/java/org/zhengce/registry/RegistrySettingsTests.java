package org.zhengce.registry;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

class RegistrySettingsTests {

    @Test
    void kafkaStoreWithoutBootstrapServersFailsFastNamingTheSetting() {
        SpringApplicationBuilder application =
                new SpringApplicationBuilder(SchemaRegistryApplication.class).web(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run(SchemaRegistryApplication.CONFIG_NAME))
                .rootCause()
                .hasMessageContaining("registry.kafka.bootstrap-servers");
    }

    @Test
    void unknownCompatibilityLevelFailsFastNamingTheSetting() {
        SpringApplicationBuilder application =
                new SpringApplicationBuilder(SchemaRegistryApplication.class).web(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run(
                        SchemaRegistryApplication.CONFIG_NAME,
                        "--registry.store=memory",
                        "--registry.default-compatibility=SIDEWAYS"))
                .hasStackTraceContaining("registry.default-compatibility");
    }
}
