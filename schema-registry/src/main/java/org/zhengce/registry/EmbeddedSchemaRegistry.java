package org.zhengce.registry;

import java.util.LinkedHashSet;
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
 * <pre>{@code
 * try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), 0)) {
 *     String url = registry.url(); // http://localhost:<port>
 * }
 * }</pre>
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;

    private EmbeddedSchemaRegistry(ConfigurableApplicationContext context, int port) {
        this.context = context;
        this.port = port;
    }

    /**
     * Starts a registry on {@code port} ({@code 0} for a free one) and returns once it has read its
     * topic and listens.
     */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, int port) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(SchemaRegistryApplication.class)
                .web(WebApplicationType.REACTIVE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false);
        Set<ApplicationListener<?>> listeners = builder.application().getListeners().stream()
                .filter(listener -> !(listener instanceof LoggingApplicationListener))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        builder.application().setListeners(listeners);
        ConfigurableApplicationContext context = builder.run(
                SchemaRegistryApplication.CONFIG_NAME,
                "--server.port=" + port,
                "--registry.store=kafka",
                "--registry.kafka.bootstrap-servers=" + bootstrapServers);
        Integer actualPort = context.getEnvironment().getProperty("local.server.port", Integer.class);
        if (actualPort == null) {
            context.close();
            throw new IllegalStateException("The schema registry started without a web server");
        }
        return new EmbeddedSchemaRegistry(context, actualPort);
    }

    /** The registry's base URL, {@code http://localhost:<port>}. */
    public String url() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        context.close();
    }
}
