package org.zhengce.kit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.zhengce.kit.production.RequiredSettings;
import org.zhengce.kit.production.RequiredSettings.MissingSettingsException;

/**
 * A service's {@code production} profile as its tests see it: started without its secrets it must refuse with the
 * names of the missing settings; with them, its configuration file binds under the profile (no database or broker
 * needed: an empty context with the service's configuration file and the same check).
 */
public final class ProductionProfile {

    public static final String PROFILE = "production";

    private ProductionProfile() {}

    /**
     * The secrets of a service with a database ({@code service}: its variables' prefix, e.g. {@code REFERRAL}), as
     * its Kubernetes Secrets give them: its two database passwords, its Kafka user, its registry client.
     */
    public static Map<String, String> secrets(String service) {
        return Map.of(
                service + "_DB_PASSWORD",
                "runtime-secret",
                service + "_DB_OWNER_PASSWORD",
                "owner-secret",
                "KAFKA_SASL_JAAS_CONFIG",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "SCHEMA_REGISTRY_URL",
                "https://schema-registry:8081",
                "SCHEMA_REGISTRY_USER_INFO",
                "service:registry-secret");
    }

    /** What such a service names when it refuses to start without {@link #secrets}, in order. */
    public static List<String> missingSecrets(String service) {
        return List.of(
                "spring.flyway.password (environment variable " + service + "_DB_OWNER_PASSWORD)",
                "spring.kafka.properties.basic.auth.user.info (environment variable SCHEMA_REGISTRY_USER_INFO)",
                "spring.kafka.properties.sasl.jaas.config (environment variable KAFKA_SASL_JAAS_CONFIG)",
                "spring.kafka.properties.schema.registry.url (environment variable SCHEMA_REGISTRY_URL)",
                "spring.r2dbc.password (environment variable " + service + "_DB_PASSWORD)");
    }

    /** The environment of {@code configName} under the profile with {@link #secrets}, its secrets checked. */
    public static ConfigurableEnvironment withSecrets(String configName, String service) {
        Map<String, String> secrets = secrets(service);
        ConfigurableEnvironment environment = environment(configName, secrets);
        assertThat(environment.getProperty("spring.r2dbc.password")).isEqualTo(secrets.get(service + "_DB_PASSWORD"));
        assertThat(environment.getProperty("spring.flyway.password"))
                .isEqualTo(secrets.get(service + "_DB_OWNER_PASSWORD"));
        assertThat(environment.getProperty("spring.kafka.properties.sasl.jaas.config"))
                .isEqualTo(secrets.get("KAFKA_SASL_JAAS_CONFIG"));
        assertThat(environment.getProperty("spring.kafka.properties.basic.auth.user.info"))
                .isEqualTo(secrets.get("SCHEMA_REGISTRY_USER_INFO"));
        assertThat(environment.getProperty("spring.kafka.security.protocol")).isEqualTo("SASL_SSL");
        return environment;
    }

    /** The settings {@code application} (a service's own builder) refuses to start without under the profile. */
    public static List<String> refusal(SpringApplicationBuilder application) {
        MissingSettingsException[] refused = new MissingSettingsException[1];
        assertThatThrownBy(() -> application
                        .profiles(PROFILE)
                        .web(WebApplicationType.NONE)
                        .run()
                        .close())
                .isInstanceOfSatisfying(MissingSettingsException.class, e -> refused[0] = e);
        return refused[0].missing();
    }

    /**
     * The environment of configuration file {@code configName} under the profile, with {@code secrets} given (as the
     * environment variables a Secret sets), once {@link RequiredSettings} let it start.
     */
    public static ConfigurableEnvironment environment(String configName, Map<String, String> secrets) {
        Map<String, Object> properties = new LinkedHashMap<>(secrets);
        properties.put("spring.config.name", configName);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(NothingElse.class)
                .properties(properties)
                .profiles(PROFILE)
                .web(WebApplicationType.NONE)
                .listeners(new RequiredSettings())
                .run()) {
            return context.getEnvironment();
        }
    }

    /** No bean at all: only the configuration is under test. */
    @Configuration(proxyBeanMethods = false)
    static class NothingElse {}
}
