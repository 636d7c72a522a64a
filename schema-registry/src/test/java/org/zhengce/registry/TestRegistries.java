package org.zhengce.registry;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Our registry started in-process on a Kafka cluster, each on a topic of its own, for tests that need several. */
public final class TestRegistries {

    private TestRegistries() {}

    /** A registry on {@code topic} of {@code bootstrapServers} with one writer, on a free port. */
    public static ConfigurableApplicationContext start(
            String bootstrapServers, String topic, String writer, String password) {
        return new SpringApplicationBuilder(SchemaRegistryApplication.class)
                .run(
                        "--spring.config.name=schema-registry",
                        "--server.port=0",
                        "--registry.store=kafka",
                        "--registry.topic=" + topic,
                        "--registry.kafka.bootstrap-servers=" + bootstrapServers,
                        "--registry.auth.users." + writer + ".password=" + password,
                        "--registry.auth.users." + writer + ".role=write");
    }

    /** The base URL of a registry {@link #start} started. */
    public static String url(ConfigurableApplicationContext registry) {
        return "http://localhost:" + registry.getEnvironment().getProperty("local.server.port");
    }
}
