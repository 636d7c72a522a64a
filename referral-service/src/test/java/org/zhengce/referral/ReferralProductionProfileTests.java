package org.zhengce.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.ConfigurableEnvironment;
import org.zhengce.kit.testing.ProductionProfile;

/** The production profile: no default password, every secret from the environment, a clear refusal without one. */
class ReferralProductionProfileTests {

    private static final Map<String, String> SECRETS = Map.of(
            "REFERRAL_DB_PASSWORD", "runtime-secret",
            "REFERRAL_DB_OWNER_PASSWORD", "owner-secret",
            "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
            "SCHEMA_REGISTRY_URL", "https://schema-registry:8081",
            "SCHEMA_REGISTRY_USER_INFO", "referral:registry-secret");

    @Test
    void givenNoSecret_whenTheServiceStartsInProduction_thenItRefusesNamingEachMissingSetting() {
        assertThat(ProductionProfile.refusal(ReferralApplication.application()))
                .containsExactly(
                        "spring.flyway.password (environment variable REFERRAL_DB_OWNER_PASSWORD)",
                        "spring.kafka.properties.basic.auth.user.info (environment variable SCHEMA_REGISTRY_USER_INFO)",
                        "spring.kafka.properties.sasl.jaas.config (environment variable KAFKA_SASL_JAAS_CONFIG)",
                        "spring.kafka.properties.schema.registry.url (environment variable SCHEMA_REGISTRY_URL)",
                        "spring.r2dbc.password (environment variable REFERRAL_DB_PASSWORD)");
    }

    @Test
    void givenEverySecret_whenTheServiceStartsInProduction_thenItsSettingsAreTheSecretsAndNoDemoCity() {
        ConfigurableEnvironment environment = ProductionProfile.environment(ReferralApplication.NAME, SECRETS);

        assertThat(environment.getProperty("spring.r2dbc.password")).isEqualTo("runtime-secret");
        assertThat(environment.getProperty("spring.flyway.password")).isEqualTo("owner-secret");
        assertThat(environment.getProperty("spring.kafka.properties.sasl.jaas.config"))
                .isEqualTo(SECRETS.get("KAFKA_SASL_JAAS_CONFIG"));
        // no demo city: its jurisdictions and policy library are not loaded
        assertThat(environment.getProperty("referral.jurisdictions.seed")).isEmpty();
        assertThat(environment.getProperty("referral.policies.library")).isEmpty();
    }
}
