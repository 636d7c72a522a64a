package org.zhengce.registry.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zhengce.registry.Fixtures.CONTRACT;
import static org.zhengce.registry.Fixtures.ORDER;
import static org.zhengce.registry.Fixtures.USER_V1;
import static org.zhengce.registry.Fixtures.USER_V2;
import static org.zhengce.registry.Fixtures.record;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.zhengce.embedded.EmbeddedKafka;
import org.zhengce.registry.TestRegistries;
import org.zhengce.registry.migration.RegistryRestClient.Answer;
import tools.jackson.databind.JsonNode;

/**
 * Subjects moved between two of our registries (each on its own topic of one in-process broker) by the export/import
 * command: ids, versions, data contracts, deleted flags, settings and modes arrive; a re-run changes nothing; an id
 * the target gives another schema stops the import with an error naming it.
 */
class RegistryMigrationTests {

    private static final String WRITER = "migration-writer:migration-password";

    @TempDir
    static Path kafkaData;

    static EmbeddedKafka kafka;
    static ConfigurableApplicationContext source;
    static ConfigurableApplicationContext target;
    static ConfigurableApplicationContext occupied;

    final RegistryMigration migration = new RegistryMigration();

    @BeforeAll
    static void registries() {
        kafka = EmbeddedKafka.builder().dataDirectory(kafkaData).start();
        source = registry("_schemas_source");
        target = registry("_schemas_target");
        occupied = registry("_schemas_occupied");
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext registry : List.of(source, target, occupied)) {
            registry.close();
        }
        kafka.close();
    }

    @Test
    void everySubjectArrivesWithItsIdsVersionsContractsDeletedFlagsSettingsAndModes(@TempDir Path dir) {
        RegistryRestClient from = migration.client(url(source), WRITER);
        RegistryRestClient to = migration.client(url(target), WRITER);
        int skipped = register(from, "spacer-value", record("Spacer"), null);
        int v1 = register(from, "orders-value", ORDER, CONTRACT);
        int user1 = register(from, "users-value", USER_V1, null);
        int user2 = register(from, "users-value", USER_V2, null);
        register(from, ":.department-a:users-value", USER_V1, null);
        ok(from.delete("/subjects/spacer-value"));
        ok(from.delete("/subjects/users-value/versions/1"));
        ok(from.put("/config/users-value", Map.of("compatibility", "FULL", "normalize", true)));
        ok(from.put("/mode/orders-value", Map.of("mode", "READONLY")));
        Path file = dir.resolve("subjects.json");

        String exported = run(
                Map.of("REGISTRY_FROM_USER_INFO", WRITER), "export", "--from", url(source), "--file", file.toString());
        String imported =
                run(Map.of("REGISTRY_TO_USER_INFO", WRITER), "import", "--to", url(target), "--file", file.toString());

        assertThat(exported).contains("4 subjects, 5 versions");
        assertThat(imported).contains("5 versions registered, 0 already present, 2 soft-deleted");
        assertThat(ok(to.get("/schemas?deleted=true")).body())
                .isEqualTo(ok(from.get("/schemas?deleted=true")).body());
        assertThat(ok(to.get("/subjects")).body())
                .isEqualTo(ok(from.get("/subjects")).body());
        assertThat(ok(to.get("/subjects/users-value/versions")).body().toString())
                .isEqualTo("[2]");
        JsonNode orders = ok(to.get("/subjects/orders-value/versions/1")).body();
        assertThat(orders.path("id").asInt()).isEqualTo(v1);
        assertThat(orders.path("metadata").path("properties").path("owner").asString())
                .isEqualTo("intake");
        assertThat(orders.path("ruleSet")
                        .path("domainRules")
                        .get(0)
                        .path("name")
                        .asString())
                .isEqualTo("nonNegative");
        assertThat(ok(to.get("/schemas/ids/" + user1)).body().path("schema").asString())
                .isEqualTo(ok(from.get("/schemas/ids/" + user1))
                        .body()
                        .path("schema")
                        .asString());
        assertThat(ok(to.get("/subjects/users-value/versions/2"))
                        .body()
                        .path("id")
                        .asInt())
                .isEqualTo(user2);
        assertThat(ok(to.get("/schemas/ids/" + skipped)).body().path("schema").asString())
                .contains("Spacer");
        assertThat(ok(to.get("/config/users-value")).body())
                .isEqualTo(ok(from.get("/config/users-value")).body());
        assertThat(ok(to.get("/mode/orders-value")).body().path("mode").asString())
                .isEqualTo("READONLY");
        assertThat(ok(to.get("/mode")).body().path("mode").asString()).isEqualTo("READWRITE");
        assertThat(to.get("/config/orders-value").errorCode()).isEqualTo(40408);

        String again =
                run(Map.of("REGISTRY_TO_USER_INFO", WRITER), "import", "--to", url(target), "--file", file.toString());

        assertThat(again).contains("0 versions registered, 5 already present, 0 soft-deleted");
        assertThat(ok(to.get("/schemas?deleted=true")).body())
                .isEqualTo(ok(from.get("/schemas?deleted=true")).body());
        assertThat(ok(to.get("/mode")).body().path("mode").asString()).isEqualTo("READWRITE");
    }

    @Test
    void anIdTheTargetGivesAnotherSchemaStopsTheImportAndNamesIt() {
        RegistryRestClient into = migration.client(url(occupied), WRITER);
        int taken = register(into, "existing-value", record("Existing"), null);
        RegistryExport export = exportOfOneVersion("arriving-value", taken, record("Arriving"));

        assertThatThrownBy(() -> migration.importInto(into, export))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining(
                        "id " + taken + " (version 1 of subject arriving-value) is held by another schema");
        assertThat(ok(into.get("/mode")).body().path("mode").asString()).isEqualTo("READWRITE");
        assertThat(into.get("/subjects/arriving-value/versions").status()).isEqualTo(404);
    }

    @Test
    void aVersionTheTargetHoldsWithAnotherIdStopsTheImport() {
        RegistryRestClient into = migration.client(url(occupied), WRITER);
        int held = register(into, "clashing-value", record("Clashing"), null);
        RegistryExport export = exportOfOneVersion("clashing-value", held + 100, record("Clashing"));

        assertThatThrownBy(() -> migration.importInto(into, export))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("already has version 1 of subject clashing-value with id " + held)
                .hasMessageContaining("the export has id " + (held + 100));
    }

    @Test
    void withoutAFileOrCommandItSaysWhatIsMissing() {
        assertThatThrownBy(() -> run(Map.of(), "export", "--from", url(source)))
                .isInstanceOf(MigrationException.class)
                .hasMessage("--file is required");
        assertThatThrownBy(() -> run(Map.of(), "copy", "--file", "x.json"))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("export or import");
    }

    /** An export of version 1 of {@code subject} with {@code id}, nothing else. */
    private static RegistryExport exportOfOneVersion(String subject, int id, String schema) {
        return new RegistryExport(
                RegistryExport.FORMAT,
                null,
                null,
                List.of(new RegistryExport.SubjectExport(
                        subject,
                        null,
                        null,
                        List.of(new RegistryExport.VersionExport(1, id, schema, null, null, null, null, false)))));
    }

    private String run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = migration.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int register(
            RegistryRestClient registry, String subject, String schema, Map<String, Object> contract) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schema", schema);
        if (contract != null) {
            body.putAll(contract);
        }
        return ok(registry.post("/subjects/" + RegistryRestClient.segment(subject) + "/versions", body))
                .body()
                .path("id")
                .asInt();
    }

    private static Answer ok(Answer answer) {
        assertThat(answer.ok()).as("%s", answer).isTrue();
        return answer;
    }

    private static String url(ConfigurableApplicationContext registry) {
        return TestRegistries.url(registry);
    }

    private static ConfigurableApplicationContext registry(String topic) {
        return TestRegistries.start(kafka.bootstrapServers(), topic, "migration-writer", "migration-password");
    }
}
