package org.zhengce.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhengce.registry.Fixtures.ORDER;
import static org.zhengce.registry.Fixtures.USER_V1;

import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/** Who may change and who may read the registry: writers, readers and anonymous callers, basic and bearer. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        args = "--spring.config.name=schema-registry",
        properties = {
            "registry.store=memory",
            "registry.auth.users.writer.password=writer-password",
            "registry.auth.users.writer.role=write",
            "registry.auth.users.reader.password=reader-password",
            "registry.auth.users.reader.role=read",
            "registry.auth.users.hashed.password={sha256}fb59a3d960ec6f3f85771b15cb3174ea44033647599fe0b89690754ea1093c35",
            "registry.auth.users.hashed.role=WRITE",
            "registry.auth.bearer-tokens.pipeline.token=pipeline-token",
            "registry.auth.bearer-tokens.pipeline.role=write",
            "registry.auth.bearer-tokens.dashboard.token=dashboard-token",
            "registry.auth.bearer-tokens.dashboard.role=read"
        })
@AutoConfigureWebTestClient
class RegistryAccessTests {

    static final MediaType V1 = MediaType.parseMediaType("application/vnd.schemaregistry.v1+json");
    static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {};
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient http;

    @Test
    void anonymousChangesAreRefusedWithConfluentsUnauthorizedAnswer() {
        assertUnauthorized(put("/config", "{\"compatibility\":\"NONE\"}", none()));
        assertUnauthorized(put("/mode", "{\"mode\":\"READONLY\"}", none()));
        assertUnauthorized(delete("/subjects/anonymous-value", none()));
        assertUnauthorized(post("/subjects/anonymous-value/versions", schema(ORDER), none()));
        assertUnauthorized(post("/subjects/anonymous-value", schema(ORDER), none()));
        assertUnauthorized(post("/compatibility/subjects/anonymous-value/versions/latest", schema(ORDER), none()));

        assertThat(object(get("/config", none()), HttpStatus.OK))
                .containsEntry("compatibilityLevel", "BACKWARD_TRANSITIVE");
        assertThat(object(get("/mode", none()), HttpStatus.OK)).containsEntry("mode", "READWRITE");
        get("/subjects/anonymous-value/versions", none()).expectStatus().isNotFound();
    }

    @Test
    void writerWithBasicCredentialsChangesTheRegistry() {
        changesTheRegistry(basic("writer", "writer-password"), "basic-writer-value");
    }

    @Test
    void writerWithABearerTokenChangesTheRegistry() {
        changesTheRegistry(bearer("pipeline-token"), "bearer-writer-value");
    }

    @Test
    void writerWhosePasswordIsConfiguredAsItsDigestChangesTheRegistry() {
        object(
                post("/subjects/hashed-writer-value/versions", schema(ORDER), basic("hashed", "hashed-password")),
                HttpStatus.OK);
        assertUnauthorized(post(
                "/subjects/hashed-writer-value/versions",
                schema(ORDER),
                basic("hashed", "fb59a3d960ec6f3f85771b15cb3174ea44033647599fe0b89690754ea1093c35")));
    }

    @Test
    void readsAreOpenToAnyone() {
        int id = id(object(
                post("/subjects/open-read-value/versions", schema(USER_V1), basic("writer", "writer-password")),
                HttpStatus.OK));

        assertThat(object(get("/schemas/ids/" + id, none()), HttpStatus.OK)).containsKey("schema");
        assertThat(object(get("/subjects/open-read-value/versions/latest", none()), HttpStatus.OK))
                .containsEntry("id", id);
        get("/subjects", none()).expectStatus().isOk();
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    void readerMayLookUpAndCheckButNotChange() {
        int id = id(object(
                post("/subjects/reader-value/versions", schema(ORDER), basic("writer", "writer-password")),
                HttpStatus.OK));

        for (Consumer<HttpHeaders> reader :
                java.util.List.of(basic("reader", "reader-password"), bearer("dashboard-token"))) {
            assertThat(object(post("/subjects/reader-value", schema(ORDER), reader), HttpStatus.OK))
                    .containsEntry("id", id);
            assertThat(object(
                            post("/compatibility/subjects/reader-value/versions/latest", schema(ORDER), reader),
                            HttpStatus.OK))
                    .containsEntry("is_compatible", true);
            Map<String, Object> refused =
                    object(post("/subjects/reader-value/versions", schema(USER_V1), reader), HttpStatus.FORBIDDEN);
            assertThat(refused).containsOnlyKeys("error_code", "message").containsEntry("error_code", 40301);
            object(put("/config", "{\"compatibility\":\"NONE\"}", reader), HttpStatus.FORBIDDEN);
            object(delete("/subjects/reader-value", reader), HttpStatus.FORBIDDEN);
        }
        get("/subjects/reader-value/versions", none()).expectBody(String.class).isEqualTo("[1]");
    }

    @Test
    void credentialsThatMatchNobodyAreRefusedEvenForReads() {
        assertUnauthorized(get("/subjects", basic("writer", "wrong-password")));
        assertUnauthorized(get("/subjects", basic("nobody", "writer-password")));
        assertUnauthorized(get("/subjects", bearer("writer-password")));
        assertUnauthorized(get("/subjects", headers -> headers.set(HttpHeaders.AUTHORIZATION, "Basic not-base64!")));
        assertUnauthorized(
                put("/mode", "{\"mode\":\"READONLY\"}", headers -> headers.set(HttpHeaders.AUTHORIZATION, "Digest x")));
    }

    @Test
    void onlyLookUpsAndChecksArePostsAReaderMayMake() {
        assertThat(RegistryAccess.operation(HttpMethod.POST, "/subjects/s-value"))
                .isEqualTo(RegistryAccess.Operation.QUERY);
        assertThat(RegistryAccess.operation(HttpMethod.POST, "/compatibility/subjects/s-value/versions/latest"))
                .isEqualTo(RegistryAccess.Operation.QUERY);
        assertThat(RegistryAccess.operation(HttpMethod.POST, "/compatibility/subjects/s-value/versions"))
                .isEqualTo(RegistryAccess.Operation.QUERY);
        for (String write : java.util.List.of(
                "/subjects/s-value/versions",
                "/subjects/..",
                "/subjects/",
                "/compatibility/subjects/../subjects/s-value/versions",
                "/compatibility/subjects/s-value/versions/../../../subjects/s-value/versions",
                "/anything")) {
            assertThat(RegistryAccess.operation(HttpMethod.POST, write))
                    .as(write)
                    .isEqualTo(RegistryAccess.Operation.WRITE);
        }
        assertThat(RegistryAccess.operation(HttpMethod.PUT, "/subjects/s-value"))
                .isEqualTo(RegistryAccess.Operation.WRITE);
        assertThat(RegistryAccess.operation(HttpMethod.GET, "/actuator/health/readiness"))
                .isEqualTo(RegistryAccess.Operation.HEALTH);
        assertThat(RegistryAccess.operation(HttpMethod.POST, "/actuator/health"))
                .isEqualTo(RegistryAccess.Operation.WRITE);
    }

    private void changesTheRegistry(Consumer<HttpHeaders> writer, String subject) {
        int id = id(object(post("/subjects/" + subject + "/versions", schema(ORDER), writer), HttpStatus.OK));
        assertThat(object(put("/config/" + subject, "{\"compatibility\":\"FULL\"}", writer), HttpStatus.OK))
                .containsEntry("compatibility", "FULL");
        assertThat(object(put("/mode/" + subject, "{\"mode\":\"READONLY\"}", writer), HttpStatus.OK))
                .containsEntry("mode", "READONLY");
        assertThat(object(put("/mode", "{\"mode\":\"READWRITE\"}", writer), HttpStatus.OK))
                .containsEntry("mode", "READWRITE");
        object(delete("/mode/" + subject, writer), HttpStatus.OK);
        delete("/subjects/" + subject, writer).expectStatus().isOk();

        assertThat(object(get("/schemas/ids/" + id, none()), HttpStatus.OK)).containsKey("schema");
        get("/subjects/" + subject + "/versions", none()).expectStatus().isNotFound();
    }

    private static void assertUnauthorized(WebTestClient.ResponseSpec response) {
        response.expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, RegistryAccess.CHALLENGE)
                .expectHeader()
                .contentType(V1)
                .expectBody(OBJECT)
                .value(body -> assertThat(body)
                        .containsOnlyKeys("error_code", "message")
                        .containsEntry("error_code", 401));
    }

    private WebTestClient.ResponseSpec get(String path, Consumer<HttpHeaders> credentials) {
        return http.get().uri(path).accept(V1).headers(credentials).exchange();
    }

    private WebTestClient.ResponseSpec post(String path, String body, Consumer<HttpHeaders> credentials) {
        return send(HttpMethod.POST, path, body, credentials);
    }

    private WebTestClient.ResponseSpec put(String path, String body, Consumer<HttpHeaders> credentials) {
        return send(HttpMethod.PUT, path, body, credentials);
    }

    private WebTestClient.ResponseSpec send(
            HttpMethod method, String path, String body, Consumer<HttpHeaders> credentials) {
        return http.method(method)
                .uri(path)
                .contentType(V1)
                .accept(V1)
                .headers(credentials)
                .bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec delete(String path, Consumer<HttpHeaders> credentials) {
        return http.delete().uri(path).accept(V1).headers(credentials).exchange();
    }

    private static Map<String, Object> object(WebTestClient.ResponseSpec response, HttpStatus status) {
        Map<String, Object> body = response.expectStatus()
                .isEqualTo(status)
                .expectBody(OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(body).isNotNull();
        return body;
    }

    private static int id(Map<String, Object> registered) {
        return ((Number) registered.get("id")).intValue();
    }

    private static String schema(String schema) {
        return JSON.writeValueAsString(Map.of("schema", schema));
    }

    private static Consumer<HttpHeaders> none() {
        return headers -> {};
    }

    private static Consumer<HttpHeaders> basic(String user, String password) {
        return headers -> headers.setBasicAuth(user, password);
    }

    private static Consumer<HttpHeaders> bearer(String token) {
        return headers -> headers.setBearerAuth(token);
    }
}
