package org.zhengce.registry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhengce.registry.Fixtures.NOT_JSON;
import static org.zhengce.registry.Fixtures.ORDER;
import static org.zhengce.registry.Fixtures.UNKNOWN_TYPE;
import static org.zhengce.registry.Fixtures.USER_V1;
import static org.zhengce.registry.Fixtures.USER_V1_REFORMATTED;
import static org.zhengce.registry.Fixtures.USER_V1_WITH_DOC;
import static org.zhengce.registry.Fixtures.USER_V2;
import static org.zhengce.registry.Fixtures.record;
import static org.zhengce.registry.api.RegistryHttp.json;
import static org.zhengce.registry.api.RegistryHttp.schemaBody;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@ApiTest
class SubjectsApiTests {

    @Autowired
    WebTestClient webTestClient;

    RegistryHttp http;

    @BeforeEach
    void client() {
        http = new RegistryHttp(webTestClient);
    }

    @Test
    void sameSchemaRegisteredTwiceGetsSameIdAndNoNewVersion() {
        int first = http.register("same-twice-value", USER_V1);
        int second = http.register("same-twice-value", USER_V1);

        assertThat(second).isEqualTo(first);
        assertThat(http.array(http.get("/subjects/same-twice-value/versions"))).containsExactly(1);
    }

    @Test
    void reformattedSchemaIsTheSameSchemaOnRegisterAndLookup() {
        int id = http.register("reformatted-value", USER_V1);

        assertThat(http.register("reformatted-value", USER_V1_REFORMATTED)).isEqualTo(id);
        Map<String, Object> found =
                http.object(http.post("/subjects/reformatted-value", schemaBody(USER_V1_REFORMATTED)), HttpStatus.OK);
        assertThat(found)
                .containsEntry("subject", "reformatted-value")
                .containsEntry("id", id)
                .containsEntry("version", 1);
        assertThat(http.array(http.get("/subjects/reformatted-value/versions"))).containsExactly(1);
    }

    @Test
    void schemaDifferingOnlyInDocIsANewVersion() {
        int plain = http.register("doc-value", USER_V1);
        int documented = http.register("doc-value", USER_V1_WITH_DOC);

        assertThat(documented).isNotEqualTo(plain);
        assertThat(http.array(http.get("/subjects/doc-value/versions"))).containsExactly(1, 2);
    }

    @Test
    void sameSchemaUnderTwoSubjectsHasOneId() {
        int first = http.register("two-subjects-a-value", record("TwoSubjects"));
        int second = http.register("two-subjects-b-value", record("TwoSubjects"));

        assertThat(second).isEqualTo(first);
        List<Object> holders = http.array(http.get("/schemas/ids/" + first + "/versions"));
        assertThat(holders)
                .containsExactly(
                        Map.of("subject", "two-subjects-a-value", "version", 1),
                        Map.of("subject", "two-subjects-b-value", "version", 1));
        assertThat(http.array(http.get("/schemas/ids/" + first + "/subjects")))
                .containsExactly("two-subjects-a-value", "two-subjects-b-value");
    }

    @Test
    void registerAnswersIdVersionGuidAndSchemaAsConfluentPlatform8() {
        Map<String, Object> body =
                http.object(http.post("/subjects/only-id-value/versions", schemaBody(USER_V1)), HttpStatus.OK);

        assertThat(body)
                .containsOnlyKeys("id", "version", "guid", "schema")
                .containsEntry("version", 1)
                .containsEntry("schema", USER_V1);
        Map<String, Object> version = http.object(http.get("/subjects/only-id-value/versions/1"), HttpStatus.OK);
        assertThat(version).containsEntry("id", body.get("id")).containsEntry("guid", body.get("guid"));
    }

    @Test
    void versionAnswersExactlySubjectVersionIdAndSchema() {
        int id = http.register("exact-keys-value", USER_V1_REFORMATTED);

        Map<String, Object> version = http.object(http.get("/subjects/exact-keys-value/versions/1"), HttpStatus.OK);
        Map<String, Object> latest = http.object(http.get("/subjects/exact-keys-value/versions/latest"), HttpStatus.OK);
        Map<String, Object> minusOne = http.object(http.get("/subjects/exact-keys-value/versions/-1"), HttpStatus.OK);

        assertThat(version)
                .containsOnlyKeys("subject", "version", "id", "guid", "schema")
                .containsEntry("subject", "exact-keys-value")
                .containsEntry("version", 1)
                .containsEntry("id", id)
                .containsEntry("schema", USER_V1);
        assertThat(latest).isEqualTo(version);
        assertThat(minusOne).isEqualTo(version);
    }

    @Test
    void lookupAnswersExactlySubjectIdVersionAndSchema() {
        int id = http.register("lookup-keys-value", USER_V1);

        Map<String, Object> found =
                http.object(http.post("/subjects/lookup-keys-value", schemaBody(USER_V1)), HttpStatus.OK);

        assertThat(found)
                .containsOnlyKeys("subject", "id", "version", "guid", "schema")
                .containsEntry("id", id)
                .containsEntry("schema", USER_V1);
    }

    @Test
    void schemaByIdAnswersOnlyTheSchema() {
        int id = http.register("by-id-value", USER_V1_REFORMATTED);

        Map<String, Object> body = http.object(http.get("/schemas/ids/" + id), HttpStatus.OK);

        assertThat(body).containsOnlyKeys("schema").containsEntry("schema", USER_V1);
        assertThat(new Schema.Parser().parse((String) body.get("schema")))
                .isEqualTo(new Schema.Parser().parse(USER_V1_REFORMATTED));
    }

    @Test
    void rawSchemaEndpointsAnswerTheSchemaDocumentItself() {
        int id = http.register("raw-value", USER_V1);

        String byId = http.get("/schemas/ids/" + id + "/schema")
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        String byVersion = http.get("/subjects/raw-value/versions/1/schema")
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(byId).isEqualTo(USER_V1);
        assertThat(byVersion).isEqualTo(USER_V1);
    }

    @Test
    void newerClientFieldsAreAcceptedAndIgnored() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("schemaType", "AVRO");
        request.put("schema", USER_V1);
        request.put("references", List.of());
        request.put("metadata", null);
        request.put("ruleSet", null);
        request.put("normalize", null);
        String body = json(request);

        Map<String, Object> registered =
                http.object(http.post("/subjects/newer-client-value/versions", body), HttpStatus.OK);

        assertThat(registered).containsOnlyKeys("id", "version", "guid", "schema");
    }

    @Test
    void bodiesAreAcceptedAsPlainJsonAndAsOctetStream() {
        Map<String, Object> asJson = http.object(
                webTestClient
                        .post()
                        .uri("/subjects/content-types-value/versions")
                        .headers(RegistryHttp::asWriter)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(schemaBody(USER_V1))
                        .exchange(),
                HttpStatus.OK);
        Map<String, Object> asOctets = http.object(
                webTestClient
                        .post()
                        .uri("/subjects/content-types-value/versions")
                        .headers(RegistryHttp::asWriter)
                        .contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .bodyValue(schemaBody(USER_V1).getBytes(StandardCharsets.UTF_8))
                        .exchange(),
                HttpStatus.OK);

        assertThat(asOctets).isEqualTo(asJson);
    }

    @Test
    void responsesUseConfluentContentType() {
        http.register("content-type-value", USER_V1);

        webTestClient
                .get()
                .uri("/subjects/content-type-value/versions/1")
                .exchange()
                .expectHeader()
                .contentTypeCompatibleWith(RegistryHttp.V1);
    }

    @Test
    void confluentClientAcceptHeaderGetsConfluentContentType() {
        http.register("client-accept-value", USER_V1);

        webTestClient
                .get()
                .uri("/subjects/client-accept-value/versions/1")
                .header(
                        "Accept",
                        "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, "
                                + "application/json; qs=0.5")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(RegistryHttp.V1);
    }

    @Test
    void malformedSchemaIsRejectedWith42201NamingTheProblem() {
        Map<String, Object> notJson = http.error(
                http.post("/subjects/malformed-value/versions", schemaBody(NOT_JSON)),
                HttpStatus.UNPROCESSABLE_CONTENT,
                42201);
        Map<String, Object> unknownType = http.error(
                http.post("/subjects/malformed-value/versions", schemaBody(UNKNOWN_TYPE)),
                HttpStatus.UNPROCESSABLE_CONTENT,
                42201);

        assertThat((String) notJson.get("message")).startsWith("Invalid schema");
        assertThat((String) unknownType.get("message"))
                .startsWith("Invalid schema")
                .contains("Missing");
    }

    @Test
    void otherSchemaTypesAndReferencesAreRejectedWith42201() {
        Map<String, Object> protobuf = http.error(
                http.post(
                        "/subjects/protobuf-value/versions",
                        json(Map.of("schemaType", "PROTOBUF", "schema", "syntax = \"proto3\";"))),
                HttpStatus.UNPROCESSABLE_CONTENT,
                42201);
        http.error(
                http.post(
                        "/subjects/references-value/versions",
                        json(Map.of(
                                "schema",
                                USER_V1,
                                "references",
                                List.of(Map.of("name", "x", "subject", "y", "version", 1))))),
                HttpStatus.UNPROCESSABLE_CONTENT,
                42201);

        assertThat(protobuf).containsEntry("message", "schemaType PROTOBUF is not supported");
    }

    @Test
    void unknownSubjectVersionAndIdAnswer40401And40402And40403() {
        http.register("known-value", USER_V1);

        Map<String, Object> subject =
                http.error(http.get("/subjects/unknown-value/versions"), HttpStatus.NOT_FOUND, 40401);
        http.error(http.get("/subjects/unknown-value/versions/1"), HttpStatus.NOT_FOUND, 40401);
        Map<String, Object> version =
                http.error(http.get("/subjects/known-value/versions/7"), HttpStatus.NOT_FOUND, 40402);
        Map<String, Object> id = http.error(http.get("/schemas/ids/7000"), HttpStatus.NOT_FOUND, 40403);
        http.error(http.post("/subjects/unknown-value", schemaBody(USER_V1)), HttpStatus.NOT_FOUND, 40401);
        http.error(http.post("/subjects/known-value", schemaBody(ORDER)), HttpStatus.NOT_FOUND, 40403);

        assertThat(subject).containsEntry("message", "Subject 'unknown-value' not found.");
        assertThat(version).containsEntry("message", "Version 7 not found.");
        assertThat(id).containsEntry("message", "Schema 7000 not found");
    }

    @Test
    void invalidVersionAnswers42202() {
        http.register("invalid-version-value", USER_V1);

        http.error(http.get("/subjects/invalid-version-value/versions/first"), HttpStatus.UNPROCESSABLE_CONTENT, 42202);
        http.error(http.get("/subjects/invalid-version-value/versions/0"), HttpStatus.UNPROCESSABLE_CONTENT, 42202);
    }

    @Test
    void softDeletedVersionKeepsItsIdResolvableAndLeavesLatest() {
        int v1 = http.register("soft-version-value", USER_V1);
        int v2 = http.register("soft-version-value", USER_V2);

        Integer deleted = http.delete("/subjects/soft-version-value/versions/2")
                .expectStatus()
                .isOk()
                .expectBody(Integer.class)
                .returnResult()
                .getResponseBody();

        assertThat(deleted).isEqualTo(2);
        assertThat(http.object(http.get("/subjects/soft-version-value/versions/latest"), HttpStatus.OK))
                .containsEntry("id", v1);
        assertThat(http.object(http.get("/schemas/ids/" + v2), HttpStatus.OK)).containsKey("schema");
        assertThat(http.array(http.get("/subjects/soft-version-value/versions")))
                .containsExactly(1);
        assertThat(http.array(http.get("/subjects/soft-version-value/versions?deleted=true")))
                .containsExactly(1, 2);
        http.error(http.get("/subjects/soft-version-value/versions/2"), HttpStatus.NOT_FOUND, 40402);
        assertThat(http.object(http.get("/subjects/soft-version-value/versions/2?deleted=true"), HttpStatus.OK))
                .containsEntry("id", v2);
        http.error(http.delete("/subjects/soft-version-value/versions/2"), HttpStatus.NOT_FOUND, 40406);
    }

    @Test
    void softDeletedSubjectIsHiddenButListedWithDeleted() {
        int id = http.register("soft-subject-value", USER_V1);

        assertThat(http.array(http.delete("/subjects/soft-subject-value"))).containsExactly(1);

        assertThat(http.array(http.get("/subjects"))).doesNotContain("soft-subject-value");
        assertThat(http.array(http.get("/subjects?deleted=true"))).contains("soft-subject-value");
        assertThat(http.array(http.get("/subjects?deletedOnly=true"))).contains("soft-subject-value");
        http.error(http.get("/subjects/soft-subject-value/versions"), HttpStatus.NOT_FOUND, 40401);
        http.error(http.get("/subjects/soft-subject-value/versions/latest"), HttpStatus.NOT_FOUND, 40401);
        http.error(http.delete("/subjects/soft-subject-value"), HttpStatus.NOT_FOUND, 40404);
        assertThat(http.object(http.get("/schemas/ids/" + id), HttpStatus.OK)).containsKey("schema");
        assertThat(http.object(
                        http.post("/subjects/soft-subject-value?deleted=true", schemaBody(USER_V1)), HttpStatus.OK))
                .containsEntry("id", id);
    }

    @Test
    void permanentDeleteRequiresSoftDeleteFirst() {
        http.register("permanent-value", USER_V1);

        http.error(http.delete("/subjects/permanent-value?permanent=true"), HttpStatus.NOT_FOUND, 40405);
        http.error(http.delete("/subjects/permanent-value/versions/1?permanent=true"), HttpStatus.NOT_FOUND, 40407);
        http.array(http.delete("/subjects/permanent-value"));

        assertThat(http.array(http.delete("/subjects/permanent-value?permanent=true")))
                .containsExactly(1);
        assertThat(http.array(http.get("/subjects?deleted=true"))).doesNotContain("permanent-value");
        http.error(http.delete("/subjects/permanent-value"), HttpStatus.NOT_FOUND, 40401);
    }

    @Test
    void permanentlyDeletedVersionFreesNothingButItsId() {
        int deletedId = http.register("never-reused-value", record("NeverReused"));
        http.delete("/subjects/never-reused-value/versions/1").expectStatus().isOk();
        http.delete("/subjects/never-reused-value/versions/1?permanent=true")
                .expectStatus()
                .isOk();

        http.error(http.get("/schemas/ids/" + deletedId), HttpStatus.NOT_FOUND, 40403);
        int next = http.register("never-reused-other-value", record("NeverReusedOther"));
        int again = http.register("never-reused-value", record("NeverReused"));

        assertThat(next).isGreaterThan(deletedId);
        assertThat(again).isGreaterThan(next);
    }

    @Test
    void reRegisteringASoftDeletedSchemaMakesANewVersionWithTheSameId() {
        int id = http.register("re-register-value", USER_V1);
        http.delete("/subjects/re-register-value/versions/1").expectStatus().isOk();

        assertThat(http.register("re-register-value", USER_V1)).isEqualTo(id);
        assertThat(http.array(http.get("/subjects/re-register-value/versions"))).containsExactly(2);
    }

    @Test
    void subjectsAreListedInNameOrderAndFilteredByPrefix() {
        http.register("prefix-b-value", ORDER);
        http.register("prefix-a-value", ORDER);

        assertThat(http.array(http.get("/subjects?subjectPrefix=prefix-")))
                .containsExactly("prefix-a-value", "prefix-b-value");
    }

    @Test
    void unknownRouteAnswersJson404() {
        Map<String, Object> body = http.error(http.get("/no/such/route"), HttpStatus.NOT_FOUND, 404);
        http.error(http.get("/schemas/ids/not-a-number"), HttpStatus.NOT_FOUND, 404);

        assertThat(body).containsEntry("message", "HTTP 404 Not Found");
    }

    @Test
    void malformedJsonBodyAnswers400() {
        http.error(http.post("/subjects/bad-json-value/versions", "{\"schema\":"), HttpStatus.BAD_REQUEST, 400);
    }

    @Test
    void rootAnswersEmptyObjectAndTypesListOnlyAvro() {
        assertThat(http.object(http.get("/"), HttpStatus.OK)).isEmpty();
        assertThat(http.array(http.get("/schemas/types"))).containsExactly("AVRO");
    }

    @Test
    void healthIsUp() {
        webTestClient
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
