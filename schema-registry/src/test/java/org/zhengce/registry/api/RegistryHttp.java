package org.zhengce.registry.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/** Requests to the registry as Confluent's Java client sends them, as the registry's writer, and their JSON answers. */
final class RegistryHttp {

    static final String WRITER = "api-tests";
    static final String PASSWORD = "api-tests-password";

    static final MediaType V1 = MediaType.parseMediaType("application/vnd.schemaregistry.v1+json");
    static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {};
    static final ParameterizedTypeReference<List<Object>> ARRAY = new ParameterizedTypeReference<>() {};

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebTestClient http;

    RegistryHttp(WebTestClient http) {
        this.http = http.mutate().defaultHeaders(RegistryHttp::asWriter).build();
    }

    /** The writer's HTTP basic credentials. */
    static void asWriter(HttpHeaders headers) {
        headers.setBasicAuth(WRITER, PASSWORD);
    }

    static String schemaBody(String schema) {
        return JSON.writeValueAsString(Map.of("schema", schema));
    }

    static String json(Object body) {
        return JSON.writeValueAsString(body);
    }

    WebTestClient.ResponseSpec post(String path, String body) {
        return http.post().uri(path).contentType(V1).accept(V1).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec put(String path, String body) {
        return http.put().uri(path).contentType(V1).accept(V1).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec get(String path) {
        return http.get().uri(path).accept(V1).exchange();
    }

    WebTestClient.ResponseSpec delete(String path) {
        return http.delete().uri(path).accept(V1).exchange();
    }

    /** Registers {@code schema} under {@code subject}, expects success and returns the id. */
    int register(String subject, String schema) {
        Map<String, Object> body =
                object(post("/subjects/" + subject + "/versions", schemaBody(schema)), HttpStatus.OK);
        return ((Number) body.get("id")).intValue();
    }

    Map<String, Object> object(WebTestClient.ResponseSpec response, HttpStatus status) {
        Map<String, Object> body = response.expectStatus()
                .isEqualTo(status)
                .expectBody(OBJECT)
                .returnResult()
                .getResponseBody();
        if (body == null) {
            throw new AssertionError("No body");
        }
        return body;
    }

    List<Object> array(WebTestClient.ResponseSpec response) {
        List<Object> body =
                response.expectStatus().isOk().expectBody(ARRAY).returnResult().getResponseBody();
        if (body == null) {
            throw new AssertionError("No body");
        }
        return body;
    }

    /** Expects a Confluent error body with exactly {@code error_code} and {@code message}. */
    Map<String, Object> error(WebTestClient.ResponseSpec response, HttpStatus status, int errorCode) {
        Map<String, Object> body = object(response, status);
        if (!body.keySet().equals(Set.of("error_code", "message"))) {
            throw new AssertionError("Not an error body: " + body);
        }
        if (((Number) body.get("error_code")).intValue() != errorCode) {
            throw new AssertionError("Expected error_code " + errorCode + " but got " + body);
        }
        return body;
    }
}
