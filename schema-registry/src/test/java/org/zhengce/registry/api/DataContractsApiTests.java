package org.zhengce.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhengce.registry.Fixtures.ORDER;
import static org.zhengce.registry.Fixtures.USER_V1;
import static org.zhengce.registry.Fixtures.USER_V1_REFORMATTED;
import static org.zhengce.registry.Fixtures.USER_V2;
import static org.zhengce.registry.api.RegistryHttp.json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Metadata and rule sets kept with each version, GUIDs, data-contract settings and contexts. */
@ApiTest
class DataContractsApiTests {

    private static final Map<String, Object> OWNER_INTAKE = Map.of(
            "properties", Map.of("owner", "intake", "release", "1"),
            "tags", Map.of("amount", List.of("PII", "MONEY", "PII")),
            "sensitive", List.of("ssn", "name"));
    private static final Map<String, Object> NON_NEGATIVE = Map.of(
            "domainRules",
            List.of(Map.of(
                    "name", "nonNegative",
                    "kind", "CONDITION",
                    "mode", "WRITE",
                    "type", "CEL",
                    "expr", "message.amount >= 0",
                    "onFailure", "DLQ",
                    "params", Map.of("dlq.topic", "households.dlq"))));

    @Autowired
    WebTestClient webTestClient;

    RegistryHttp http;

    @BeforeEach
    void client() {
        http = new RegistryHttp(webTestClient);
    }

    @AfterEach
    void resetGlobalSettings() {
        http.delete("/config").expectStatus().isOk();
    }

    @Test
    void metadataAndRuleSetAreKeptWithTheVersionAndReturnedWhereverItIs() {
        Map<String, Object> registered =
                http.object(http.post("/subjects/contract-value/versions", withContract(USER_V1)), HttpStatus.OK);

        Map<String, Object> expectedMetadata = Map.of(
                "properties", Map.of("owner", "intake", "release", "1"),
                "tags", Map.of("amount", List.of("MONEY", "PII")),
                "sensitive", List.of("name", "ssn"));
        assertThat(registered)
                .containsOnlyKeys("id", "version", "guid", "metadata", "ruleSet", "schema")
                .containsEntry("version", 1)
                .containsEntry("metadata", expectedMetadata)
                .containsEntry("ruleSet", NON_NEGATIVE);
        Object id = registered.get("id");
        Object guid = registered.get("guid");
        assertThat(http.object(http.get("/subjects/contract-value/versions/1"), HttpStatus.OK))
                .containsEntry("id", id)
                .containsEntry("guid", guid)
                .containsEntry("metadata", expectedMetadata)
                .containsEntry("ruleSet", NON_NEGATIVE);
        assertThat(http.object(http.post("/subjects/contract-value", withContract(USER_V1)), HttpStatus.OK))
                .containsEntry("version", 1)
                .containsEntry("metadata", expectedMetadata);
        assertThat(http.object(http.get("/schemas/ids/" + id), HttpStatus.OK))
                .containsOnlyKeys("schema", "metadata", "ruleSet")
                .containsEntry("ruleSet", NON_NEGATIVE);
        assertThat(http.object(http.get("/schemas/guids/" + guid), HttpStatus.OK))
                .containsEntry("schema", USER_V1)
                .containsEntry("metadata", expectedMetadata);
    }

    @Test
    void sameSchemaWithAnotherContractIsANewVersionWithANewId() {
        int plain = http.register("new-contract-value", USER_V1);

        Map<String, Object> withContract =
                http.object(http.post("/subjects/new-contract-value/versions", withContract(USER_V1)), HttpStatus.OK);
        Map<String, Object> again = http.object(
                http.post("/subjects/new-contract-value/versions", withContract(USER_V1_REFORMATTED)), HttpStatus.OK);

        assertThat(withContract).containsEntry("version", 2);
        assertThat(withContract.get("id")).isNotEqualTo(plain);
        assertThat(again).containsEntry("version", 2).containsEntry("id", withContract.get("id"));
        assertThat(http.array(http.get("/subjects/new-contract-value/versions")))
                .containsExactly(1, 2);
    }

    @Test
    void aVersionWithoutItsOwnContractKeepsTheLatestOne() {
        http.post("/subjects/inherit-value/versions", withContract(USER_V1))
                .expectStatus()
                .isOk();

        Map<String, Object> next = http.object(
                http.post("/subjects/inherit-value/versions", RegistryHttp.schemaBody(USER_V2)), HttpStatus.OK);

        assertThat(next).containsEntry("version", 2).containsEntry("ruleSet", NON_NEGATIVE);
        assertThat(http.object(
                        http.post("/subjects/inherit-value/versions", RegistryHttp.schemaBody(USER_V2)), HttpStatus.OK))
                .containsEntry("version", 2);
    }

    @Test
    void subjectDefaultsAndOverridesAreLaidUnderAndOverTheVersionsOwnContract() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("defaultMetadata", Map.of("properties", Map.of("owner", "platform", "domain", "households")));
        settings.put("overrideMetadata", Map.of("properties", Map.of("release", "2")));
        settings.put("defaultRuleSet", Map.of("domainRules", List.of(Map.of("name", "nonNegative", "type", "CEL"))));
        http.put("/config/layered-value", json(settings)).expectStatus().isOk();

        Map<String, Object> registered =
                http.object(http.post("/subjects/layered-value/versions", withContract(USER_V1)), HttpStatus.OK);

        assertThat(registered)
                .containsEntry(
                        "metadata",
                        Map.of(
                                "properties", Map.of("owner", "intake", "domain", "households", "release", "2"),
                                "tags", Map.of("amount", List.of("MONEY", "PII")),
                                "sensitive", List.of("name", "ssn")))
                .containsEntry("ruleSet", NON_NEGATIVE);
    }

    @Test
    void latestVersionWithMetadataIsFoundByItsProperties() {
        http.post("/subjects/by-metadata-value/versions", withContract(USER_V1))
                .expectStatus()
                .isOk();
        Map<String, Object> v2 = new LinkedHashMap<>();
        v2.put("schema", USER_V2);
        v2.put("metadata", Map.of("properties", Map.of("owner", "intake", "release", "2")));
        http.post("/subjects/by-metadata-value/versions", json(v2))
                .expectStatus()
                .isOk();

        assertThat(http.object(
                        http.get("/subjects/by-metadata-value/metadata?key=owner&value=intake&key=release&value=1"),
                        HttpStatus.OK))
                .containsEntry("subject", "by-metadata-value")
                .containsEntry("version", 1);
        assertThat(http.object(http.get("/subjects/by-metadata-value/metadata?key=owner&value=intake"), HttpStatus.OK))
                .containsEntry("version", 2);
        http.error(http.get("/subjects/by-metadata-value/metadata?key=release&value=3"), HttpStatus.NOT_FOUND, 40403);
        http.error(http.get("/subjects/no-such-value/metadata?key=release&value=3"), HttpStatus.NOT_FOUND, 40401);
    }

    @Test
    void everyConfigFieldIsKeptReturnedAndChangedFieldByField() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("compatibility", "FORWARD");
        settings.put("normalize", true);
        settings.put("compatibilityGroup", "application.major.version");
        settings.put("validateFields", true);
        settings.put("alias", "households-value");
        assertThat(http.object(http.put("/config/settings-value", json(settings)), HttpStatus.OK))
                .isEqualTo(settings);

        assertThat(http.object(http.put("/config/settings-value", json(Map.of("normalize", false))), HttpStatus.OK))
                .isEqualTo(Map.of("normalize", false));
        assertThat(http.object(http.get("/config/settings-value"), HttpStatus.OK))
                .isEqualTo(Map.of(
                        "compatibilityLevel", "FORWARD",
                        "normalize", false,
                        "compatibilityGroup", "application.major.version",
                        "validateFields", true,
                        "alias", "households-value"));

        http.put("/config", json(Map.of("normalize", true))).expectStatus().isOk();
        assertThat(http.object(http.get("/config"), HttpStatus.OK))
                .isEqualTo(Map.of("compatibilityLevel", "BACKWARD_TRANSITIVE", "normalize", true));
        assertThat(http.object(http.get("/config/unset-value?defaultToGlobal=true"), HttpStatus.OK))
                .isEqualTo(Map.of("compatibilityLevel", "BACKWARD_TRANSITIVE", "normalize", true));
        http.error(http.get("/config/unset-value"), HttpStatus.NOT_FOUND, 40408);
        http.error(
                http.put("/config/settings-value", json(Map.of("compatibility", "SIDEWAYS"))),
                HttpStatus.UNPROCESSABLE_CONTENT,
                42203);
    }

    @Test
    void contextsAreNamespacesOfSubjects() {
        int inContext = http.register(":.department-a:households-value", USER_V1);
        http.register("households-in-default-value", USER_V2);

        assertThat(http.object(http.get("/subjects/:.department-a:households-value/versions/1"), HttpStatus.OK))
                .containsEntry("subject", ":.department-a:households-value")
                .containsEntry("id", inContext);
        assertThat(http.array(http.get("/subjects?subjectPrefix=:.department-a:")))
                .containsExactly(":.department-a:households-value");
        assertThat(http.array(http.get("/subjects")))
                .contains(":.department-a:households-value", "households-in-default-value");
        assertThat(http.array(http.get("/contexts"))).contains(".", ".department-a");
    }

    @Test
    void aContextIsDeletedOnlyOnceItsLastSubjectIsPermanentlyDeleted() {
        http.register(":.department-b:households-value", USER_V1);
        http.register("households-of-the-default-context-value", USER_V2);

        http.error(http.delete("/contexts/.department-b"), HttpStatus.UNPROCESSABLE_CONTENT, 42211);
        http.delete("/subjects/:.department-b:households-value").expectStatus().isOk();
        assertThat(http.error(http.delete("/contexts/.department-b"), HttpStatus.UNPROCESSABLE_CONTENT, 42211))
                .as("a soft-deleted subject still holds its context")
                .containsEntry("message", "The specified context ':.department-b:' is not empty.");
        http.error(http.delete("/contexts/."), HttpStatus.UNPROCESSABLE_CONTENT, 42211);

        http.delete("/subjects/:.department-b:households-value?permanent=true")
                .expectStatus()
                .isOk();
        http.delete("/contexts/.department-b")
                .expectStatus()
                .isNoContent()
                .expectBody()
                .isEmpty();
        assertThat(http.array(http.get("/contexts"))).contains(".").doesNotContain(".department-b");
        http.delete("/contexts/:.never-used:")
                .expectStatus()
                .isNoContent()
                .expectBody()
                .isEmpty();
    }

    @Test
    void deletedOnlyListsSubjectsWhoseEveryVersionIsSoftDeleted() {
        http.register("partly-deleted-value", USER_V1);
        http.register("partly-deleted-value", USER_V2);
        http.register("wholly-deleted-value", USER_V1);
        http.delete("/subjects/partly-deleted-value/versions/1").expectStatus().isOk();
        http.delete("/subjects/wholly-deleted-value").expectStatus().isOk();

        assertThat(http.array(http.get("/subjects?deletedOnly=true")))
                .contains("wholly-deleted-value")
                .doesNotContain("partly-deleted-value");
        assertThat(http.array(http.get("/subjects")))
                .contains("partly-deleted-value")
                .doesNotContain("wholly-deleted-value");
        assertThat(http.array(http.get("/subjects/partly-deleted-value/versions?deletedOnly=true")))
                .containsExactly(1);
    }

    @Test
    void schemasAreListedSubjectBySubjectWithPrefixDeletedLatestOnlyAndPages() {
        int first = http.register("listing-a-value", USER_V1);
        int second = http.register("listing-a-value", USER_V2);
        int other = http.register("listing-b-value", ORDER);
        http.delete("/subjects/listing-a-value/versions/2").expectStatus().isOk();

        assertThat(http.array(http.get("/schemas?subjectPrefix=listing-")))
                .containsExactly(
                        Map.of(
                                "subject",
                                "listing-a-value",
                                "version",
                                1,
                                "id",
                                first,
                                "guid",
                                guidOf("listing-a-value"),
                                "schema",
                                USER_V1),
                        Map.of(
                                "subject",
                                "listing-b-value",
                                "version",
                                1,
                                "id",
                                other,
                                "guid",
                                guidOf("listing-b-value"),
                                "schema",
                                ORDER));
        assertThat(ids(http.array(http.get("/schemas?subjectPrefix=listing-&deleted=true"))))
                .containsExactly(first, second, other);
        assertThat(ids(http.array(http.get("/schemas?subjectPrefix=listing-&deleted=true&latestOnly=true"))))
                .containsExactly(second, other);
        assertThat(ids(http.array(http.get("/schemas?subjectPrefix=listing-&deleted=true&offset=1&limit=1"))))
                .containsExactly(second);
        assertThat(http.array(http.get("/schemas?subjectPrefix=no-such-prefix-")))
                .isEmpty();
    }

    @Test
    void anUnknownGuidIsSchemaNotFound() {
        http.error(http.get("/schemas/guids/00000000-0000-0000-0000-000000000000"), HttpStatus.NOT_FOUND, 40403);
    }

    private String guidOf(String subject) {
        return (String) http.object(http.get("/subjects/" + subject + "/versions/1"), HttpStatus.OK)
                .get("guid");
    }

    private static List<Integer> ids(List<Object> schemas) {
        return schemas.stream()
                .map(entry -> ((Number) ((Map<?, ?>) entry).get("id")).intValue())
                .toList();
    }

    private static String withContract(String schema) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schema", schema);
        body.put("metadata", OWNER_INTAKE);
        body.put("ruleSet", NON_NEGATIVE);
        return json(body);
    }
}
