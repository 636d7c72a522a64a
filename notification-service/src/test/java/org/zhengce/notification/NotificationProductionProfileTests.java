package org.zhengce.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.zhengce.kit.testing.ProductionProfile;

/** The production profile: no default password, every secret from the environment, a clear refusal without one. */
class NotificationProductionProfileTests {

    private static final Map<String, String> SECRETS = Map.of(
            "NOTIFICATION_DB_PASSWORD", "runtime-secret",
            "NOTIFICATION_DB_OWNER_PASSWORD", "owner-secret",
            "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
            "SCHEMA_REGISTRY_URL", "https://schema-registry:8081",
            "SCHEMA_REGISTRY_USER_INFO", "notification:registry-secret");

    @Test
    void givenNoSecret_whenTheServiceStartsInProduction_thenItRefusesNamingEachMissingSetting() {
        assertThat(ProductionProfile.refusal(NotificationApplication.application()))
                .containsExactly(
                        "spring.flyway.password (environment variable NOTIFICATION_DB_OWNER_PASSWORD)",
                        "spring.kafka.properties.basic.auth.user.info (environment variable SCHEMA_REGISTRY_USER_INFO)",
                        "spring.kafka.properties.sasl.jaas.config (environment variable KAFKA_SASL_JAAS_CONFIG)",
                        "spring.kafka.properties.schema.registry.url (environment variable SCHEMA_REGISTRY_URL)",
                        "spring.r2dbc.password (environment variable NOTIFICATION_DB_PASSWORD)");
    }

    @Test
    void givenEverySecret_whenTheServiceStartsInProduction_thenItsSettingsAreTheSecretsAndNoDemoSupervisors() {
        ConfigurableEnvironment environment = ProductionProfile.environment(NotificationApplication.NAME, SECRETS);

        assertThat(environment.getProperty("spring.r2dbc.password")).isEqualTo("runtime-secret");
        assertThat(environment.getProperty("spring.flyway.password")).isEqualTo("owner-secret");
        assertThat(environment.getProperty("spring.kafka.properties.sasl.jaas.config"))
                .isEqualTo(SECRETS.get("KAFKA_SASL_JAAS_CONFIG"));
        // no demo city's supervisors
        assertThat(environment.getProperty("notification.alerts.supervisors[0].supervisor"))
                .isNull();
    }
}
