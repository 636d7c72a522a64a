package org.zhengce.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.zhengce.embedded.EmbeddedDatabases;
import org.zhengce.embedded.EmbeddedKafka;
import org.zhengce.registry.EmbeddedSchemaRegistry;

/**
 * The in-process stand-ins for production infrastructure: a KRaft broker, the schema registry and
 * PostgreSQL with one database per service. Spring closes them in reverse order on shutdown.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedStack {

    /** The services that own a relational store; each gets its own database and role. */
    static final String[] DATABASES = {"intake", "referral", "notification"};

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);

    @Bean
    DataDirectory dataDirectory(LauncherSettings settings) {
        Path root = settings.dataDirectory().toAbsolutePath();
        if (settings.reset()) {
            log.info("--reset: deleting {}", root);
            deleteRecursively(root);
        }
        return new DataDirectory(root);
    }

    @Bean(destroyMethod = "close")
    EmbeddedKafka embeddedKafka(DataDirectory data, LauncherSettings settings) {
        return EmbeddedKafka.builder()
                .dataDirectory(data.resolve("kafka"))
                .port(settings.kafkaPort())
                .start();
    }

    @Bean(destroyMethod = "close")
    EmbeddedSchemaRegistry schemaRegistry(EmbeddedKafka kafka, LauncherSettings settings) {
        return EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), settings.registryPort());
    }

    @Bean(destroyMethod = "close")
    EmbeddedDatabases embeddedDatabases(DataDirectory data, LauncherSettings settings) {
        return EmbeddedDatabases.builder()
                .dataDirectory(data.resolve("postgres"))
                .port(settings.postgresPort())
                .databases(DATABASES)
                .start();
    }

    /** The root of everything the local run keeps between runs. */
    record DataDirectory(Path root) {
        Path resolve(String part) {
            return root.resolve(part);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + path, e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset " + root, e);
        }
    }
}
