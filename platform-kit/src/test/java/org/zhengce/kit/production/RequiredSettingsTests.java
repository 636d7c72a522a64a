package org.zhengce.kit.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.zhengce.kit.production.RequiredSettings.MissingSettingsException;

class RequiredSettingsTests {

    private final MockEnvironment environment = new MockEnvironment()
            .withProperty("platform.production.required[spring.r2dbc.password]", "REFERRAL_DB_PASSWORD")
            .withProperty(
                    "platform.production.required[spring.kafka.properties.sasl.jaas.config]", "KAFKA_SASL_JAAS_CONFIG")
            .withProperty("spring.r2dbc.password", "${REFERRAL_DB_PASSWORD:}");

    @Test
    void givenRequiredSecretsUnset_whenTheServiceStarts_thenItRefusesNamingEachAndItsEnvironmentVariable() {
        assertThatThrownBy(() -> RequiredSettings.check(environment))
                .isInstanceOfSatisfying(
                        MissingSettingsException.class,
                        e -> assertThat(e.missing())
                                .containsExactly(
                                        "spring.kafka.properties.sasl.jaas.config (environment variable KAFKA_SASL_JAAS_CONFIG)",
                                        "spring.r2dbc.password (environment variable REFERRAL_DB_PASSWORD)"))
                .hasMessageStartingWith("Refusing to start: spring.kafka.properties.sasl.jaas.config");
    }

    @Test
    void givenABlankValue_whenTheServiceStarts_thenItCountsAsMissingAndNoValueIsShown() {
        environment.setProperty("spring.kafka.properties.sasl.jaas.config", "  ");
        environment.setProperty("REFERRAL_DB_PASSWORD", "s3cret-never-shown");

        assertThatThrownBy(() -> RequiredSettings.check(environment))
                .isInstanceOfSatisfying(
                        MissingSettingsException.class,
                        e -> assertThat(e.missing())
                                .containsExactly(
                                        "spring.kafka.properties.sasl.jaas.config (environment variable KAFKA_SASL_JAAS_CONFIG)"))
                .message()
                .doesNotContain("s3cret-never-shown");
    }

    @Test
    void givenEverySecret_whenTheServiceStarts_thenItPasses() {
        environment.setProperty("REFERRAL_DB_PASSWORD", "s3cret");
        environment.setProperty("spring.kafka.properties.sasl.jaas.config", "ScramLoginModule required;");

        assertThatCode(() -> RequiredSettings.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void givenNothingRequired_whenTheServiceStarts_thenItPasses() {
        assertThatCode(() -> RequiredSettings.check(new MockEnvironment())).doesNotThrowAnyException();
    }
}
