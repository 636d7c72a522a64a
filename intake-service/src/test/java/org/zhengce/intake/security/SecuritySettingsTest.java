package org.zhengce.intake.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class SecuritySettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SecuritySettings.class)
    static class Settings {}

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void withoutAnAdminKeyHashNoAdminKeyIsAccepted() {
        context.run(started -> assertThat(
                        started.getBean(SecuritySettings.class).admin().hasApiKey())
                .isFalse());
    }

    @Test
    void adminKeyHashThatIsNotASha256FailsStartUpNamingTheSetting() {
        context.withPropertyValues("intake.admin.api-key-hash=not-a-hash")
                .run(started -> assertThat(started)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("intake")
                        .hasMessageContaining("admin.apiKeyHash")
                        .hasMessageContaining("must be the 64 hex digits of a SHA-256 hash"));
    }
}
