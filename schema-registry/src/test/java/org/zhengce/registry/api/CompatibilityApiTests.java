package org.zhengce.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhengce.registry.Fixtures.NOT_JSON;
import static org.zhengce.registry.Fixtures.USER_V1;
import static org.zhengce.registry.Fixtures.USER_V2;
import static org.zhengce.registry.Fixtures.USER_V3;
import static org.zhengce.registry.Fixtures.USER_WITHOUT_FIELDS;
import static org.zhengce.registry.Fixtures.USER_WITH_REQUIRED_AGE;
import static org.zhengce.registry.api.RegistryHttp.json;
import static org.zhengce.registry.api.RegistryHttp.schemaBody;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

@ApiTest
class CompatibilityApiTests {

    @Autowired
    WebTestClient webTestClient;

    RegistryHttp http;

    @BeforeEach
    void client() {
        http = new RegistryHttp(webTestClient);
    }

    @AfterEach
    void resetGlobalLevel() {
        http.delete("/config").expectStatus().isOk();
    }

    @Test
    void globalLevelDefaultsToBackwardTransitive() {
        assertThat(http.object(http.get("/config"), HttpStatus.OK))
                .containsOnlyKeys("compatibilityLevel")
                .containsEntry("compatibilityLevel", "BACKWARD_TRANSITIVE");
    }

    @Test
    void incompatibleChangeIsRejectedWith409AndTheReason() {
        http.register("incompatible-value", USER_V1);

        Map<String, Object> error = http.error(
                http.post("/subjects/incompatible-value/versions", schemaBody(USER_WITH_REQUIRED_AGE)),
                HttpStatus.CONFLICT,
                409);

        assertThat((String) error.get("message"))
                .startsWith("Schema being registered is incompatible with an earlier schema for subject "
                        + "\"incompatible-value\", details: [{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'")
                .contains("{oldSchemaVersion: 1}")
                .contains("compatibility: 'BACKWARD_TRANSITIVE'");
        assertThat(http.array(http.get("/subjects/incompatible-value/versions")))
                .containsExactly(1);
    }

    @Test
    void backwardChecksOnlyTheLatestVersion() {
        setLevel("backward-value", "BACKWARD");
        http.register("backward-value", USER_V1);
        http.register("backward-value", USER_V2);

        http.register("backward-value", USER_V3);

        assertThat(http.array(http.get("/subjects/backward-value/versions"))).containsExactly(1, 2, 3);
    }

    @Test
    void backwardTransitiveChecksEveryVersion() {
        http.register("transitive-value", USER_V1);
        http.register("transitive-value", USER_V2);

        Map<String, Object> error = http.error(
                http.post("/subjects/transitive-value/versions", schemaBody(USER_V3)), HttpStatus.CONFLICT, 409);

        assertThat((String) error.get("message")).contains("{oldSchemaVersion: 1}");
    }

    @Test
    void softDeletedVersionsAreLeftOutOfCompatibilityChecks() {
        http.register("deleted-out-value", USER_V1);
        http.register("deleted-out-value", USER_V2);
        http.delete("/subjects/deleted-out-value/versions/1").expectStatus().isOk();

        http.register("deleted-out-value", USER_V3);

        assertThat(http.array(http.get("/subjects/deleted-out-value/versions"))).containsExactly(2, 3);
    }

    @Test
    void forwardLetsTheOldSchemaReadNewData() {
        setLevel("forward-value", "FORWARD");
        http.register("forward-value", USER_V1);

        http.register("forward-value", USER_WITH_REQUIRED_AGE);
        http.error(
                http.post("/subjects/forward-value/versions", schemaBody(USER_WITHOUT_FIELDS)),
                HttpStatus.CONFLICT,
                409);
    }

    @Test
    void fullNeedsBothDirections() {
        setLevel("full-value", "FULL");
        http.register("full-value", USER_V1);

        http.error(
                http.post("/subjects/full-value/versions", schemaBody(USER_WITH_REQUIRED_AGE)),
                HttpStatus.CONFLICT,
                409);
        http.error(
                http.post("/subjects/full-value/versions", schemaBody(USER_WITHOUT_FIELDS)), HttpStatus.CONFLICT, 409);
        http.register("full-value", USER_V2);
    }

    @Test
    void noneAcceptsAnyChange() {
        setLevel("none-value", "NONE");
        http.register("none-value", USER_V1);

        http.register("none-value", USER_WITH_REQUIRED_AGE);
        http.register("none-value", USER_WITHOUT_FIELDS);
    }

    @Test
    void verboseCheckExplainsWhy() {
        http.register("verbose-value", USER_V1);

        Map<String, Object> verbose = http.object(
                http.post(
                        "/compatibility/subjects/verbose-value/versions/latest?verbose=true",
                        schemaBody(USER_WITH_REQUIRED_AGE)),
                HttpStatus.OK);
        Map<String, Object> terse = http.object(
                http.post("/compatibility/subjects/verbose-value/versions/latest", schemaBody(USER_WITH_REQUIRED_AGE)),
                HttpStatus.OK);

        assertThat(verbose).containsOnlyKeys("is_compatible", "messages").containsEntry("is_compatible", false);
        assertThat(messages(verbose))
                .first()
                .asString()
                .isEqualTo("{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'age' at path "
                        + "'/fields/1' in the new schema has no default value and is missing in the old schema', "
                        + "additionalInfo:'age'}");
        assertThat(messages(verbose))
                .contains("{oldSchemaVersion: 1}", "{oldSchema: '" + USER_V1 + "'}")
                .last()
                .isEqualTo("{validateFields: 'false', compatibility: 'BACKWARD_TRANSITIVE'}");
        assertThat(terse).containsOnlyKeys("is_compatible").containsEntry("is_compatible", false);
    }

    @Test
    void compatibleCheckAnswersTrueWithEmptyMessagesWhenVerbose() {
        http.register("compatible-check-value", USER_V1);

        Map<String, Object> result = http.object(
                http.post(
                        "/compatibility/subjects/compatible-check-value/versions/1?verbose=true", schemaBody(USER_V2)),
                HttpStatus.OK);

        assertThat(result).containsEntry("is_compatible", true).containsEntry("messages", List.of());
    }

    @Test
    void checkAgainstAllVersionsFollowsTheSubjectLevel() {
        http.register("check-all-value", USER_V1);
        http.register("check-all-value", USER_V2);

        assertThat(http.object(
                        http.post("/compatibility/subjects/check-all-value/versions", schemaBody(USER_V3)),
                        HttpStatus.OK))
                .containsEntry("is_compatible", false);
        assertThat(http.object(
                        http.post("/compatibility/subjects/check-all-value/versions/2", schemaBody(USER_V3)),
                        HttpStatus.OK))
                .containsEntry("is_compatible", true);
    }

    @Test
    void checkAgainstUnknownSubjectIsCompatibleForLatestAndUnknownForANumber() {
        assertThat(http.object(
                        http.post("/compatibility/subjects/nobody-value/versions/latest", schemaBody(USER_V1)),
                        HttpStatus.OK))
                .containsEntry("is_compatible", true);
        http.error(
                http.post("/compatibility/subjects/nobody-value/versions/1", schemaBody(USER_V1)),
                HttpStatus.NOT_FOUND,
                40402);
    }

    @Test
    void invalidSchemaInACheckIs42201UnlessVerbose() {
        http.register("check-invalid-value", USER_V1);

        http.error(
                http.post("/compatibility/subjects/check-invalid-value/versions/latest", schemaBody(NOT_JSON)),
                HttpStatus.UNPROCESSABLE_CONTENT,
                42201);
        Map<String, Object> verbose = http.object(
                http.post(
                        "/compatibility/subjects/check-invalid-value/versions/latest?verbose=true",
                        schemaBody(NOT_JSON)),
                HttpStatus.OK);

        assertThat(verbose).containsEntry("is_compatible", false);
        assertThat(messages(verbose)).singleElement().asString().startsWith("Invalid schema");
    }

    @Test
    void subjectLevelOverridesGlobalAndCanBeRemoved() {
        http.error(http.get("/config/override-value"), HttpStatus.NOT_FOUND, 40408);
        assertThat(http.object(http.get("/config/override-value?defaultToGlobal=true"), HttpStatus.OK))
                .containsEntry("compatibilityLevel", "BACKWARD_TRANSITIVE");

        assertThat(http.object(
                        http.put("/config/override-value", json(Map.of("compatibility", "full"))), HttpStatus.OK))
                .containsOnlyKeys("compatibility")
                .containsEntry("compatibility", "FULL");
        assertThat(http.object(http.get("/config/override-value"), HttpStatus.OK))
                .containsEntry("compatibilityLevel", "FULL");

        assertThat(http.object(http.delete("/config/override-value"), HttpStatus.OK))
                .containsEntry("compatibilityLevel", "FULL");
        http.error(http.get("/config/override-value"), HttpStatus.NOT_FOUND, 40408);
        http.error(http.delete("/config/override-value"), HttpStatus.NOT_FOUND, 40401);
    }

    @Test
    void globalLevelCanBeChangedAndReset() {
        assertThat(http.object(http.put("/config", json(Map.of("compatibility", "NONE"))), HttpStatus.OK))
                .containsEntry("compatibility", "NONE");
        http.register("global-none-value", USER_V1);
        http.register("global-none-value", USER_WITH_REQUIRED_AGE);

        http.delete("/config").expectStatus().isOk();

        assertThat(http.object(http.get("/config"), HttpStatus.OK))
                .containsEntry("compatibilityLevel", "BACKWARD_TRANSITIVE");
    }

    @Test
    void invalidLevelAnswers42203() {
        http.error(
                http.put("/config", json(Map.of("compatibility", "SIDEWAYS"))),
                HttpStatus.UNPROCESSABLE_CONTENT,
                42203);
        http.error(http.put("/config/invalid-level-value", "{}"), HttpStatus.UNPROCESSABLE_CONTENT, 42203);
    }

    private void setLevel(String subject, String level) {
        http.put("/config/" + subject, json(Map.of("compatibility", level)))
                .expectStatus()
                .isOk();
    }

    @SuppressWarnings("unchecked")
    private static List<String> messages(Map<String, Object> result) {
        return (List<String>) result.get("messages");
    }
}
