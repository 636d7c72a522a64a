package org.zhengce.registry;

import static org.assertj.core.api.Assertions.assertThat;
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

    @Test
    void registryWithoutAWriterRefusesToStartSayingHowToConfigureOne() {
        SpringApplicationBuilder application =
                new SpringApplicationBuilder(SchemaRegistryApplication.class).web(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run(SchemaRegistryApplication.CONFIG_NAME, "--registry.store=memory"))
                .rootCause()
                .hasMessageContaining("nobody may write to the registry")
                .hasMessageContaining("registry.auth.users.<name>.role=write")
                .hasMessageContaining("registry.auth.anonymous-writes=true");
    }

    @Test
    void readersAloneAreNoWriter() {
        SpringApplicationBuilder application =
                new SpringApplicationBuilder(SchemaRegistryApplication.class).web(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run(
                        SchemaRegistryApplication.CONFIG_NAME,
                        "--registry.store=memory",
                        "--registry.auth.users.dashboard.password=secret",
                        "--registry.auth.users.dashboard.role=read"))
                .rootCause()
                .hasMessageContaining("nobody may write to the registry");
    }

    @Test
    void userWithoutARoleFailsFastNamingTheSetting() {
        SpringApplicationBuilder application =
                new SpringApplicationBuilder(SchemaRegistryApplication.class).web(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run(
                        SchemaRegistryApplication.CONFIG_NAME,
                        "--registry.store=memory",
                        "--registry.auth.users.platform.password=secret"))
                .rootCause()
                .hasMessageContaining("registry.auth.users.platform.role is required");
    }

    @Test
    void malformedDigestFailsFastNamingTheSetting() {
        SpringApplicationBuilder application =
                new SpringApplicationBuilder(SchemaRegistryApplication.class).web(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run(
                        SchemaRegistryApplication.CONFIG_NAME,
                        "--registry.store=memory",
                        "--registry.auth.bearer-tokens.pipeline.token={sha256}abc",
                        "--registry.auth.bearer-tokens.pipeline.role=write"))
                .rootCause()
                .hasMessageContaining("registry.auth.bearer-tokens.pipeline.token");
    }

    @Test
    void anonymousWritesWithClosedReadsAreRefused() {
        SpringApplicationBuilder application =
                new SpringApplicationBuilder(SchemaRegistryApplication.class).web(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run(
                        SchemaRegistryApplication.CONFIG_NAME,
                        "--registry.store=memory",
                        "--registry.auth.anonymous-writes=true",
                        "--registry.auth.anonymous-reads=false"))
                .rootCause()
                .hasMessageContaining("registry.auth.anonymous-writes=true");
    }

    @Test
    void openedWritesStartWithoutAnyWriter() {
        SpringApplicationBuilder application =
                new SpringApplicationBuilder(SchemaRegistryApplication.class).web(WebApplicationType.NONE);

        try (var context = application.run(
                SchemaRegistryApplication.CONFIG_NAME,
                "--registry.store=memory",
                "--registry.auth.anonymous-writes=true")) {
            assertThat(context.getBean(RegistrySettings.class).auth().anonymousWrites())
                    .isTrue();
        }
    }
}
