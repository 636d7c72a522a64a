package org.zhengce.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.ConfigurableEnvironment;
import org.zhengce.kit.testing.ProductionProfile;

/** The production profile: no default password, every secret from the environment, a clear refusal without one. */
class IntakeProductionProfileTests {

    private static final Map<String, String> SECRETS = Map.of(
            "INTAKE_DB_PASSWORD", "runtime-secret",
            "INTAKE_DB_OWNER_PASSWORD", "owner-secret",
            "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
            "SCHEMA_REGISTRY_URL", "https://schema-registry:8081",
            "SCHEMA_REGISTRY_USER_INFO", "intake:registry-secret");

    @Test
    void givenNoSecret_whenTheServiceStartsInProduction_thenItRefusesNamingEachMissingSetting() {
        assertThat(ProductionProfile.refusal(IntakeApplication.application()))
                .containsExactly(
                        "spring.flyway.password (environment variable INTAKE_DB_OWNER_PASSWORD)",
                        "spring.kafka.properties.basic.auth.user.info (environment variable SCHEMA_REGISTRY_USER_INFO)",
                        "spring.kafka.properties.sasl.jaas.config (environment variable KAFKA_SASL_JAAS_CONFIG)",
                        "spring.kafka.properties.schema.registry.url (environment variable SCHEMA_REGISTRY_URL)",
                        "spring.r2dbc.password (environment variable INTAKE_DB_PASSWORD)");
    }

    @Test
    void givenEverySecret_whenTheServiceStartsInProduction_thenItsSettingsAreTheSecretsAndNoKeyHasADefault() {
        ConfigurableEnvironment environment = ProductionProfile.environment(IntakeApplication.NAME, SECRETS);

        assertThat(environment.getProperty("spring.r2dbc.password")).isEqualTo("runtime-secret");
        assertThat(environment.getProperty("spring.flyway.password")).isEqualTo("owner-secret");
        assertThat(environment.getProperty("spring.kafka.properties.sasl.jaas.config"))
                .isEqualTo(SECRETS.get("KAFKA_SASL_JAAS_CONFIG"));
        // no key of any kind has a default: intake's own settings refuse to start without them
        assertThat(environment.getProperty("intake.pseudonyms.keys.k1")).isEmpty();
        assertThat(environment.getProperty("intake.pipeline.sealing-keys.s1")).isEmpty();
        assertThat(environment.getProperty("intake.pipeline.digest-keys.d1")).isEmpty();
    }
}
