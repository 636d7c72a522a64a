package org.zhengce.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.zhengce.intake.IntakeApplication;

/**
 * The properties a service runs with on the local stack, as the launcher gives them on each service's command line:
 * the authorisation server that issues its tokens, the broker, the registry, its Kafka Streams state directory, its
 * own database and, for intake, the local secrets. Shared by the launcher (every service in its JVM) and the fault
 * suite (every service in its own JVM), so the two run the services alike.
 *
 * @param issuer the authorisation server's issuer ({@code http://localhost:<port>})
 * @param bootstrapServers the broker
 * @param registryClient the schema registry's client settings: its URL and the writer's credentials ({@code
 *     basic.auth.*}), as every serializer takes them
 * @param dataDirectory where each service keeps its Kafka Streams state ({@code <data>/<service>})
 * @param databases a service database's login, by database name
 * @param intakeSecrets intake's local secrets ({@link LocalSecrets#intakeProperties()})
 */
public record ServiceProperties(
        String issuer,
        String bootstrapServers,
        Map<String, String> registryClient,
        Path dataDirectory,
        Function<String, DatabaseLogin> databases,
        Map<String, String> intakeSecrets) {

    /**
     * How a service reaches its own database: as the runtime role (rows only; the audit trail insert and select),
     * its migrations as the owner (ADR 0013).
     */
    public record DatabaseLogin(
            String r2dbcUrl,
            String jdbcUrl,
            String runtimeUsername,
            String runtimePassword,
            String ownerUsername,
            String ownerPassword) {}

    /** The JWK set of the issuer's signing keys. */
    public String jwkSetUri() {
        return issuer + "/oauth2/jwks";
    }

    /**
     * The properties of {@code service} (its application name, e.g. {@code intake-service}) whose database is
     * {@code database} (empty for none).
     */
    public Map<String, String> of(String service, String database) {
        Map<String, String> properties = new LinkedHashMap<>();
        // Every API is an OAuth2 resource server: the embedded authorisation server's tokens open them.
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer);
        properties.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", jwkSetUri());
        properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
        registryClient.forEach((name, value) -> properties.put("spring.kafka.properties." + name, value));
        properties.put(
                "spring.kafka.streams.state-dir", dataDirectory.resolve(service).toString());
        if (!database.isEmpty()) {
            DatabaseLogin login = databases.apply(database);
            properties.put("spring.r2dbc.url", login.r2dbcUrl());
            properties.put("spring.r2dbc.username", login.runtimeUsername());
            properties.put("spring.r2dbc.password", login.runtimePassword());
            properties.put("spring.flyway.url", login.jdbcUrl());
            properties.put("spring.flyway.user", login.ownerUsername());
            properties.put("spring.flyway.password", login.ownerPassword());
        }
        if (service.equals(IntakeApplication.NAME)) {
            properties.putAll(intakeSecrets);
            // A local run's departments are on this machine: their decision webhooks may be plain http://localhost.
            properties.put("intake.decisions.allow-plain-http", "true");
        }
        return properties;
    }
}
