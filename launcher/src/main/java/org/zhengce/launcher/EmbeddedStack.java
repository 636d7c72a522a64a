package org.zhengce.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.zhengce.embedded.EmbeddedDatabases;
import org.zhengce.embedded.EmbeddedKafka;
import org.zhengce.registry.EmbeddedSchemaRegistry;
import org.zhengce.schemas.catalogue.Topic;
import org.zhengce.schemas.catalogue.TopicCatalogue;

/**
 * The in-process stand-ins for production infrastructure: a KRaft broker, the schema registry and
 * PostgreSQL with one database per service. Spring closes them in reverse order on shutdown.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedStack {

    /** The services that own a relational store; each gets its own database and role. */
    static final String[] DATABASES = {"intake", "scoring", "referral", "notification"};

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

    /**
     * The departments' own topics ({@code dept.<code>.events}): in production each department's
     * Kafka user creates or is given its topic; locally the launcher stands in for the departments.
     */
    @Bean
    DepartmentTopics departmentTopics(EmbeddedKafka kafka) {
        List<NewTopic> topics = TopicCatalogue.load().producedBy("department").stream()
                .map(Topic::newTopic)
                .toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            for (NewTopic topic : topics) {
                createIfMissing(admin, topic);
            }
        }
        return new DepartmentTopics(topics.stream().map(NewTopic::name).toList());
    }

    /** The department topics that exist on the embedded broker. */
    record DepartmentTopics(List<String> names) {}

    private static void createIfMissing(Admin admin, NewTopic topic) {
        try {
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic.name(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topic " + topic.name(), e);
        }
    }

    /** Its writer's password is kept with the local secrets; the services write as that writer. */
    @Bean(destroyMethod = "close")
    EmbeddedSchemaRegistry schemaRegistry(EmbeddedKafka kafka, LauncherSettings settings, LocalSecrets secrets) {
        return EmbeddedSchemaRegistry.start(
                kafka.bootstrapServers(), settings.registryPort(), secrets.registryPassword());
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
