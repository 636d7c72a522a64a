package org.zhengce.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhengce.registry.Fixtures.ORDER;
import static org.zhengce.registry.Fixtures.USER_V1;
import static org.zhengce.registry.Fixtures.USER_V2;
import static org.zhengce.registry.Fixtures.record;
import static org.zhengce.registry.api.RegistryHttp.json;
import static org.zhengce.registry.api.RegistryHttp.schemaBody;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

@ApiTest
class ModeApiTests {

    @Autowired
    WebTestClient webTestClient;

    RegistryHttp http;

    @BeforeEach
    void client() {
        http = new RegistryHttp(webTestClient);
    }

    @AfterEach
    void resetGlobalMode() {
        http.put("/mode", json(Map.of("mode", "READWRITE"))).expectStatus().isOk();
    }

    @Test
    void modeDefaultsToReadWrite() {
        assertThat(http.object(http.get("/mode"), HttpStatus.OK))
                .containsOnlyKeys("mode")
                .containsEntry("mode", "READWRITE");
        http.error(http.get("/mode/no-mode-value"), HttpStatus.NOT_FOUND, 40409);
        assertThat(http.object(http.get("/mode/no-mode-value?defaultToGlobal=true"), HttpStatus.OK))
                .containsEntry("mode", "READWRITE");
    }

    @Test
    void readOnlySubjectRefusesWritesButStillAnswersKnownSchemas() {
        int id = http.register("read-only-value", USER_V1);
        assertThat(http.object(http.put("/mode/read-only-value", json(Map.of("mode", "READONLY"))), HttpStatus.OK))
                .containsEntry("mode", "READONLY");

        Map<String, Object> refused = http.error(
                http.post("/subjects/read-only-value/versions", schemaBody(USER_V2)),
                HttpStatus.UNPROCESSABLE_CONTENT,
                42205);
        http.error(http.delete("/subjects/read-only-value"), HttpStatus.UNPROCESSABLE_CONTENT, 42205);
        http.error(http.delete("/subjects/read-only-value/versions/1"), HttpStatus.UNPROCESSABLE_CONTENT, 42205);
        http.error(
                http.put("/config/read-only-value", json(Map.of("compatibility", "NONE"))),
                HttpStatus.UNPROCESSABLE_CONTENT,
                42205);

        assertThat(refused).containsEntry("message", "Subject read-only-value is in read-only mode");
        assertThat(http.register("read-only-value", USER_V1)).isEqualTo(id);
        assertThat(http.object(http.get("/subjects/read-only-value/versions/latest"), HttpStatus.OK))
                .containsEntry("id", id);

        assertThat(http.object(http.delete("/mode/read-only-value"), HttpStatus.OK))
                .containsEntry("mode", "READONLY");
        http.register("read-only-value", USER_V2);
    }

    @Test
    void globalReadOnlyRefusesEverySubject() {
        http.put("/mode", json(Map.of("mode", "READONLY"))).expectStatus().isOk();

        http.error(
                http.post("/subjects/global-read-only-value/versions", schemaBody(ORDER)),
                HttpStatus.UNPROCESSABLE_CONTENT,
                42205);
    }

    @Test
    void invalidModeAnswers42204() {
        http.error(http.put("/mode", json(Map.of("mode", "SOMETIMES"))), HttpStatus.UNPROCESSABLE_CONTENT, 42204);
    }

    @Test
    void importModeKeepsGivenIdsAndVersions() {
        http.register("import-busy-value", USER_V1);
        http.error(
                http.put("/mode/import-busy-value", json(Map.of("mode", "IMPORT"))),
                HttpStatus.UNPROCESSABLE_CONTENT,
                42205);
        http.put("/mode/import-value", json(Map.of("mode", "IMPORT")))
                .expectStatus()
                .isOk();

        Map<String, Object> imported = http.object(
                http.post(
                        "/subjects/import-value/versions",
                        json(Map.of("schema", record("Imported"), "id", 9000, "version", 5))),
                HttpStatus.OK);
        http.error(
                http.post("/subjects/import-value/versions", schemaBody(record("NotImported"))),
                HttpStatus.UNPROCESSABLE_CONTENT,
                42205);

        assertThat(imported).containsEntry("id", 9000);
        assertThat(http.object(http.get("/subjects/import-value/versions/5"), HttpStatus.OK))
                .containsEntry("id", 9000);
        http.delete("/mode/import-value").expectStatus().isOk();
        assertThat(http.register("after-import-value", record("AfterImport"))).isGreaterThan(9000);
    }
}
