package org.zhengce.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhengce.registry.Fixtures.ORDER;
import static org.zhengce.registry.Fixtures.USER_V1;
import static org.zhengce.registry.Fixtures.USER_V2;
import static org.zhengce.registry.Fixtures.record;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.zhengce.embedded.EmbeddedKafka;
import org.zhengce.schemas.registry.HttpSchemaRegistryClient;
import org.zhengce.schemas.registry.SchemaRegistryClient;
import org.zhengce.schemas.serde.SerdeConfig;

/** The registry embedded next to a real in-process broker, restarted together. */
class EmbeddedSchemaRegistryTests {

    private static final MediaType V1 = MediaType.parseMediaType("application/vnd.schemaregistry.v1+json");

    @TempDir
    Path dataDirectory;

    @Test
    void closingOneRegistryLeavesAnotherInTheSameJvmServing(@TempDir Path dir) {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDirectory(dir).start();
                EmbeddedSchemaRegistry staying = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), 0)) {
            EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), 0).close();

            WebTestClient.bindToServer()
                    .baseUrl(staying.url())
                    .build()
                    .get()
                    .uri("/subjects")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
    }

    @Test
    void restartKeepsSubjectsVersionsAndIds() {
        int userV1;
        int userV2;
        int order;
        int erased;
        try (EmbeddedKafka kafka =
                        EmbeddedKafka.builder().dataDirectory(dataDirectory).start();
                EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), 0)) {
            SchemaRegistryClient client =
                    new HttpSchemaRegistryClient(List.of(URI.create(registry.url())), registry.userInfo());
            userV1 = client.register("users-value", parse(USER_V1));
            userV2 = client.register("users-value", parse(USER_V2));
            order = client.register("orders-value", parse(ORDER));
            assertThat(client.register("orders-copy-value", parse(ORDER))).isEqualTo(order);
            erased = client.register("erased-value", parse(record("Erased")));
            WebTestClient http = http(registry);
            http.put()
                    .uri("/config/orders-value")
                    .contentType(V1)
                    .bodyValue("{\"compatibility\":\"FULL\"}")
                    .exchange()
                    .expectStatus()
                    .isOk();
            http.delete()
                    .uri("/subjects/orders-copy-value")
                    .exchange()
                    .expectStatus()
                    .isOk();
            http.delete()
                    .uri("/subjects/erased-value")
                    .exchange()
                    .expectStatus()
                    .isOk();
            http.delete()
                    .uri("/subjects/erased-value?permanent=true")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }

        try (EmbeddedKafka kafka =
                        EmbeddedKafka.builder().dataDirectory(dataDirectory).start();
                EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), 0)) {
            WebTestClient http = http(registry);
            SchemaRegistryClient client =
                    new HttpSchemaRegistryClient(List.of(URI.create(registry.url())), registry.userInfo());

            assertThat(array(http, "/subjects")).containsExactly("orders-value", "users-value");
            assertThat(array(http, "/subjects?deleted=true"))
                    .containsExactly("orders-copy-value", "orders-value", "users-value");
            assertThat(array(http, "/subjects/users-value/versions")).containsExactly(1, 2);
            assertThat(object(http, "/subjects/users-value/versions/1")).containsEntry("id", userV1);
            assertThat(object(http, "/subjects/users-value/versions/latest")).containsEntry("id", userV2);
            assertThat(object(http, "/subjects/orders-value/versions/1")).containsEntry("id", order);
            assertThat(object(http, "/config/orders-value")).containsEntry("compatibilityLevel", "FULL");
            assertThat(client.schemaById(userV1)).isEqualTo(parse(USER_V1));
            assertThat(client.schemaById(order)).isEqualTo(parse(ORDER));
            assertThat(client.latest("users-value").id()).isEqualTo(userV2);
            assertThat(client.idOf("users-value", parse(USER_V1))).isEqualTo(userV1);
            assertThat(client.register("users-value", parse(USER_V2))).isEqualTo(userV2);
            assertThat(client.register("erased-value", parse(record("Erased")))).isGreaterThan(erased);
        }
    }

    @Test
    void embeddedRegistryAnswersAtItsUrlAndIsHealthy() {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().start();
                EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), 0)) {
            assertThat(registry.url()).isEqualTo("http://localhost:" + registry.port());
            assertThat(object(http(registry), "/")).isEmpty();
            http(registry)
                    .get()
                    .uri("/actuator/health")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("UP");
        }
    }

    /** As the registry's writer. */
    @Test
    void anonymousChangesAreRefusedAndTheClientPropertiesReachTheWriter() {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().start();
                EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), 0)) {
            WebTestClient anonymous =
                    WebTestClient.bindToServer().baseUrl(registry.url()).build();
            anonymous
                    .put()
                    .uri("/config")
                    .contentType(V1)
                    .bodyValue("{\"compatibility\":\"NONE\"}")
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();

            SchemaRegistryClient serde =
                    SerdeConfig.parse(registry.clientProperties()).newClient();
            int id = serde.register("clients-value", parse(ORDER));

            assertThat(registry.clientProperties())
                    .containsEntry("schema.registry.url", registry.url())
                    .containsEntry("basic.auth.credentials.source", "USER_INFO")
                    .containsEntry("basic.auth.user.info", registry.userInfo());
            assertThat(registry.userInfo()).startsWith(EmbeddedSchemaRegistry.WRITER + ":");
            assertThat(object(anonymous, "/schemas/ids/" + id)).containsKey("schema");
        }
    }

    @Test
    void registryStartedAllowingAnonymousWritesTakesChangesWithoutCredentials() {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().start();
                EmbeddedSchemaRegistry registry =
                        EmbeddedSchemaRegistry.startAllowingAnonymousWrites(kafka.bootstrapServers(), 0)) {
            SchemaRegistryClient anonymous = new HttpSchemaRegistryClient(List.of(URI.create(registry.url())), null);

            assertThat(anonymous.register("open-value", parse(ORDER))).isPositive();
        }
    }

    private static WebTestClient http(EmbeddedSchemaRegistry registry) {
        return WebTestClient.bindToServer()
                .baseUrl(registry.url())
                .defaultHeader(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(registry.userInfo().getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    private static Map<String, Object> object(WebTestClient http, String path) {
        return http.get()
                .uri(path)
                .accept(V1)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
    }

    private static List<Object> array(WebTestClient http, String path) {
        return http.get()
                .uri(path)
                .accept(V1)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<List<Object>>() {})
                .returnResult()
                .getResponseBody();
    }

    private static Schema parse(String schema) {
        return new Schema.Parser().parse(schema);
    }
}
