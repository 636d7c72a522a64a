package org.zhengce.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.zhengce.embedded.EmbeddedDatabases;
import org.zhengce.embedded.EmbeddedKafka;
import org.zhengce.registry.EmbeddedSchemaRegistry;
import org.zhengce.schemas.catalogue.TopicCatalogue;

/** The one-command local run: everything comes up, and a second run finds the first run's data. */
class LauncherTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void platformStartsOnEmbeddedDefaultsAndKeepsItsDataAcrossRestarts(@TempDir Path data) throws Exception {
        String[] args = {
            "--launcher.data-directory=" + data,
            "--launcher.kafka-port=0",
            "--launcher.registry-port=0",
            "--launcher.postgres-port=0",
            "--launcher.first-service-port=0"
        };
        String subject = "launcher-check-value";
        String schema = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Check\\\",\\\"fields\\\":[]}\"}";
        String registeredId;

        try (ConfigurableApplicationContext platform =
                Launcher.application(args).run(args)) {
            EmbeddedKafka kafka = platform.getBean(EmbeddedKafka.class);
            EmbeddedSchemaRegistry registry = platform.getBean(EmbeddedSchemaRegistry.class);
            EmbeddedDatabases databases = platform.getBean(EmbeddedDatabases.class);

            // every service answers its health probe
            for (PlatformServices.RunningService service :
                    platform.getBean(PlatformServices.class).running()) {
                HttpResponse<String> health = get("http://localhost:" + service.port() + "/actuator/health");
                assertThat(health.statusCode()).as(service.name()).isEqualTo(200);
                assertThat(health.body()).as(service.name()).contains("\"UP\"");
            }
            assertThat(platform.getBean(PlatformServices.class).running())
                    .extracting(PlatformServices.RunningService::name)
                    .containsExactly("intake-service", "scoring-service", "referral-service", "notification-service");

            // every topic a service writes exists, as the catalogue names it, and each department's own topic
            assertThat(topics(kafka)).containsAll(serviceTopics()).contains("dept.civil-affairs.events");

            // one database per service, each reachable with its own role
            for (String db : EmbeddedStack.DATABASES) {
                try (Connection connection = DriverManager.getConnection(
                        databases.jdbcUrl(db), databases.username(db), databases.password(db))) {
                    assertThat(connection.isValid(5)).as(db).isTrue();
                }
            }

            HttpResponse<String> registered = post(registry.url() + "/subjects/" + subject + "/versions", schema);
            assertThat(registered.statusCode()).isEqualTo(200);
            registeredId = registered.body();
        }

        try (ConfigurableApplicationContext again = Launcher.application(args).run(args)) {
            EmbeddedSchemaRegistry registry = again.getBean(EmbeddedSchemaRegistry.class);
            assertThat(topics(again.getBean(EmbeddedKafka.class))).containsAll(serviceTopics());
            HttpResponse<String> latest = get(registry.url() + "/subjects/" + subject + "/versions/latest");
            assertThat(latest.statusCode()).isEqualTo(200);
            assertThat(latest.body()).contains(registeredId.replace("{", "").replace("}", ""));
        }
    }

    private static Set<String> serviceTopics() {
        TopicCatalogue catalogue = TopicCatalogue.load();
        return PlatformServices.services().stream()
                .flatMap(service -> catalogue.producedBy(service.name()).stream())
                .map(topic -> topic.name())
                .collect(Collectors.toSet());
    }

    private static Set<String> topics(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            return admin.listTopics().names().get();
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
