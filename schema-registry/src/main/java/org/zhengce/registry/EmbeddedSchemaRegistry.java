package org.zhengce.registry;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The registry started inside another JVM process (the launcher, tests), storing its state in
 * the {@code _schemas} topic of the given Kafka cluster.
 *
 * <p>It runs as its own Spring application with its own settings: command-line style arguments
 * take precedence over the host's system properties and environment, its configuration file is
 * {@code schema-registry.yml}, and it leaves the host's logging set-up alone.
 *
 * <p>Changing it needs credentials, as anywhere: it has one writer, {@value #WRITER}, whose password is generated at
 * start unless given; {@link #clientProperties()} are the serializer settings that reach it as that writer.
 *
 * <pre>{@code
 * try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), 0)) {
 *     Map<String, String> serde = registry.clientProperties(); // schema.registry.url, basic.auth.*
 * }
 * }</pre>
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    /** The name of the embedded registry's one writer. */
    public static final String WRITER = "platform";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConfigurableApplicationContext context;
    private final int port;
    private final String password;

    private EmbeddedSchemaRegistry(ConfigurableApplicationContext context, int port, String password) {
        this.context = context;
        this.port = port;
        this.password = password;
    }

    /**
     * Starts a registry on {@code port} ({@code 0} for a free one) whose writer's password is generated, and returns
     * once it has read its topic and listens.
     */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, int port) {
        return start(bootstrapServers, port, newPassword(), false);
    }

    /** {@link #start(String, int)} with the writer's {@code password} given (the launcher keeps it across runs). */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, int port, String password) {
        return start(bootstrapServers, port, password, false);
    }

    /**
     * {@link #start(String, int)}, but anyone may also register, delete and change settings without credentials
     * ({@code registry.auth.anonymous-writes=true}): for tests that are not about the registry's access and whose
     * clients send only its URL.
     */
    public static EmbeddedSchemaRegistry startAllowingAnonymousWrites(String bootstrapServers, int port) {
        return start(bootstrapServers, port, newPassword(), true);
    }

    private static EmbeddedSchemaRegistry start(
            String bootstrapServers, int port, String password, boolean anonymousWrites) {
        if (password.isBlank()) {
            throw new IllegalArgumentException("the registry writer's password may not be blank");
        }
        SpringApplicationBuilder builder = new SpringApplicationBuilder(SchemaRegistryApplication.class)
                .web(WebApplicationType.REACTIVE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false);
        Set<ApplicationListener<?>> listeners = builder.application().getListeners().stream()
                .filter(listener -> !(listener instanceof LoggingApplicationListener))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        builder.application().setListeners(listeners);
        List<String> arguments = new ArrayList<>(List.of(
                SchemaRegistryApplication.CONFIG_NAME,
                "--server.port=" + port,
                "--registry.store=kafka",
                "--registry.kafka.bootstrap-servers=" + bootstrapServers,
                "--registry.auth.users." + WRITER + ".password=" + password,
                "--registry.auth.users." + WRITER + ".role=write"));
        if (anonymousWrites) {
            arguments.add("--registry.auth.anonymous-writes=true");
        }
        ConfigurableApplicationContext context = builder.run(arguments.toArray(String[]::new));
        Integer actualPort = context.getEnvironment().getProperty("local.server.port", Integer.class);
        if (actualPort == null) {
            context.close();
            throw new IllegalStateException("The schema registry started without a web server");
        }
        return new EmbeddedSchemaRegistry(context, actualPort, password);
    }

    private static String newPassword() {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** The registry's base URL, {@code http://localhost:<port>}. */
    public String url() {
        return "http://localhost:" + port;
    }

    /** The writer's credentials as Confluent's {@code basic.auth.user.info}: {@code user:password}. */
    public String userInfo() {
        return WRITER + ":" + password;
    }

    /**
     * The serde settings, under Confluent's names, that reach this registry as its writer: {@code
     * schema.registry.url}, {@code basic.auth.credentials.source=USER_INFO} and {@code basic.auth.user.info}. A
     * Spring service takes them under {@code spring.kafka.properties.}.
     */
    public Map<String, String> clientProperties() {
        return Map.of(
                "schema.registry.url",
                url(),
                "basic.auth.credentials.source",
                "USER_INFO",
                "basic.auth.user.info",
                userInfo());
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        context.close();
    }
}
