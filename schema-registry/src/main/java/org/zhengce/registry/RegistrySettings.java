package org.zhengce.registry;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.zhengce.registry.compatibility.CompatibilityLevel;

/**
 * The registry's settings, prefix {@code registry}.
 *
 * @param kafka where the {@code kafka} store keeps its topic
 * @param topic the compacted topic holding the registry's state
 * @param defaultCompatibility the global compatibility level until one is set through {@code PUT
 *     /config}
 * @param store {@code kafka} (the default) or {@code memory} (nothing survives a restart)
 * @param timeout how long a write, or reading the topic at start-up, may take
 * @param auth who may read and who may change the registry
 */
@ConfigurationProperties("registry")
@Validated
record RegistrySettings(
        @DefaultValue @Valid Kafka kafka,
        @DefaultValue("_schemas") @NotBlank String topic,
        @DefaultValue("BACKWARD_TRANSITIVE") @NotNull CompatibilityLevel defaultCompatibility,
        @DefaultValue("kafka") @NotNull StoreType store,
        @DefaultValue("30s") @NotNull Duration timeout,
        @DefaultValue @Valid Auth auth) {

    RegistrySettings {
        if (store == StoreType.KAFKA
                && (kafka.bootstrapServers() == null || kafka.bootstrapServers().isBlank())) {
            throw new IllegalArgumentException(
                    "registry.kafka.bootstrap-servers is required unless registry.store=memory");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("registry.timeout must be positive, was " + timeout);
        }
        if (!auth.anonymousWrites() && !auth.hasWriter()) {
            throw new IllegalArgumentException("registry.auth: nobody may write to the registry. Configure a writer"
                    + " (registry.auth.users.<name>.password with registry.auth.users.<name>.role=write, or"
                    + " registry.auth.bearer-tokens.<name>.token with registry.auth.bearer-tokens.<name>.role=write),"
                    + " or set registry.auth.anonymous-writes=true to let anyone register, delete and change settings");
        }
    }

    /**
     * Who may read and who may change the registry. Every {@code POST}, {@code PUT} and {@code DELETE} needs the
     * credentials of a writer, HTTP basic as Confluent's clients send {@code basic.auth.user.info} or a bearer token
     * as they send {@code bearer.auth.token}; {@code GET} is open unless {@code anonymous-reads} is off.
     *
     * @param users HTTP basic users by name
     * @param bearerTokens bearer tokens by a name that says whose they are
     * @param anonymousReads whether {@code GET} is answered without credentials (schemas are not secret, and every
     *     consumer's deserializer reads them)
     * @param anonymousWrites whether anyone may register, delete and change settings without credentials (only for a
     *     registry nobody else can reach)
     */
    record Auth(
            @DefaultValue Map<String, User> users,
            @DefaultValue Map<String, BearerToken> bearerTokens,
            @DefaultValue("true") boolean anonymousReads,
            @DefaultValue("false") boolean anonymousWrites) {

        Auth {
            users = Map.copyOf(users);
            bearerTokens = Map.copyOf(bearerTokens);
            users.forEach((name, user) -> {
                if (name.isBlank() || name.contains(":")) {
                    throw new IllegalArgumentException(
                            "registry.auth.users: a user's name may not be blank nor contain ':', was '" + name + "'");
                }
                check("registry.auth.users." + name + ".password", user.password());
                if (user.role() == null) {
                    throw new IllegalArgumentException(
                            "registry.auth.users." + name + ".role is required: read or write");
                }
            });
            bearerTokens.forEach((name, token) -> {
                check("registry.auth.bearer-tokens." + name + ".token", token.token());
                if (token.role() == null) {
                    throw new IllegalArgumentException(
                            "registry.auth.bearer-tokens." + name + ".role is required: read or write");
                }
            });
            if (anonymousWrites && !anonymousReads) {
                throw new IllegalArgumentException("registry.auth.anonymous-writes=true with"
                        + " registry.auth.anonymous-reads=false: anyone could change what they may not read");
            }
        }

        boolean hasWriter() {
            return users.values().stream().anyMatch(user -> user.role() == Role.WRITE)
                    || bearerTokens.values().stream().anyMatch(token -> token.role() == Role.WRITE);
        }

        private static void check(String property, @Nullable String secret) {
            if (secret == null || secret.isBlank()) {
                throw new IllegalArgumentException(property + " is required");
            }
            if (secret.startsWith(Credentials.SHA256)) {
                String hex = secret.substring(Credentials.SHA256.length());
                if (hex.length() != 64 || !hex.chars().allMatch(HexFormat::isHexDigit)) {
                    throw new IllegalArgumentException(property + ": " + Credentials.SHA256
                            + " must be followed by the 64 hex digits of a SHA-256");
                }
            }
        }
    }

    /**
     * An HTTP basic user.
     *
     * @param password the password, or {@code {sha256}} and the hex SHA-256 of its UTF-8 bytes
     * @param role what the user may do
     */
    record User(@Nullable String password, @Nullable Role role) {}

    /**
     * A bearer token.
     *
     * @param token the token, or {@code {sha256}} and the hex SHA-256 of its UTF-8 bytes
     * @param role what its holder may do
     */
    record BearerToken(@Nullable String token, @Nullable Role role) {}

    /** What a caller may do: {@code read} (also look schemas up and check compatibility), or {@code write} too. */
    enum Role {
        READ,
        WRITE
    }

    /**
     * @param bootstrapServers the Kafka cluster, {@code host:port[,host:port]}
     * @param properties further client properties of the store's clients: how they log in to the cluster, e.g.
     *     {@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}, {@code ssl.truststore.type}
     *     and {@code ssl.truststore.location} (the production profile takes them from the environment)
     */
    record Kafka(
            @Nullable String bootstrapServers, @Nullable Map<String, String> properties) {

        Kafka {
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }
    }

    enum StoreType {
        KAFKA,
        MEMORY
    }
}
