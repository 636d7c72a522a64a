package org.zhengce.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

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
        assertThatThrownBy(() -> startInMemory())
                .rootCause()
                .hasMessageContaining("nobody may write to the registry")
                .hasMessageContaining("registry.auth.users.<name>.role=write")
                .hasMessageContaining("registry.auth.anonymous-writes=true");
    }

    @Test
    void readersAloneAreNoWriter() {
        assertThatThrownBy(() -> startInMemory(
                        "--registry.auth.users.dashboard.password=secret", "--registry.auth.users.dashboard.role=read"))
                .rootCause()
                .hasMessageContaining("nobody may write to the registry");
    }

    @Test
    void userWithoutARoleFailsFastNamingTheSetting() {
        assertThatThrownBy(() -> startInMemory("--registry.auth.users.platform.password=secret"))
                .rootCause()
                .hasMessageContaining("registry.auth.users.platform.role is required");
    }

    @Test
    void malformedDigestFailsFastNamingTheSetting() {
        assertThatThrownBy(() -> startInMemory(
                        "--registry.auth.bearer-tokens.pipeline.token={sha256}abc",
                        "--registry.auth.bearer-tokens.pipeline.role=write"))
                .rootCause()
                .hasMessageContaining("registry.auth.bearer-tokens.pipeline.token");
    }

    @Test
    void anonymousWritesWithClosedReadsAreRefused() {
        assertThatThrownBy(() ->
                        startInMemory("--registry.auth.anonymous-writes=true", "--registry.auth.anonymous-reads=false"))
                .rootCause()
                .hasMessageContaining("registry.auth.anonymous-writes=true");
    }

    @Test
    void openedWritesStartWithoutAnyWriter() {
        try (ConfigurableApplicationContext context = startInMemory("--registry.auth.anonymous-writes=true")) {
            assertThat(context.getBean(RegistrySettings.class).auth().anonymousWrites())
                    .isTrue();
        }
    }

    /** The registry without a web server, on the in-memory store, with {@code arguments}. */
    private static ConfigurableApplicationContext startInMemory(String... arguments) {
        String[] all = new String[arguments.length + 2];
        all[0] = SchemaRegistryApplication.CONFIG_NAME;
        all[1] = "--registry.store=memory";
        System.arraycopy(arguments, 0, all, 2, arguments.length);
        return new SpringApplicationBuilder(SchemaRegistryApplication.class)
                .web(WebApplicationType.NONE)
                .run(all);
    }
}
