package org.zhengce.registry.migration;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a registry's REST API as Confluent's clients do (the v1 media type; HTTP basic or a bearer token) and
 * returns answers as JSON trees with their status. Made by {@link RegistryMigration#client}.
 */
public final class RegistryRestClient {

    private static final String V1 = "application/vnd.schemaregistry.v1+json";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final @Nullable String authorization;
    private final JsonMapper json;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    RegistryRestClient(String baseUrl, RegistryCredentials credentials, JsonMapper json) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization = credentials.authorization();
        this.json = json;
    }

    /** The answer to one call: its HTTP status and JSON body (a missing node for an empty one). */
    public record Answer(int status, JsonNode body) {

        public boolean ok() {
            return status / 100 == 2;
        }

        public int errorCode() {
            return body.path("error_code").asInt(status);
        }

        public String message() {
            return body.path("message").asString("HTTP " + status);
        }
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    public Answer post(String path, Object body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))));
    }

    public Answer put(String path, Object body) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))));
    }

    public Answer delete(String path) {
        return send(request(path).DELETE());
    }

    /** {@code subject} as one path segment (context subjects such as {@code :.ctx:s} included). */
    public static String segment(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public String url() {
        return baseUrl;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(TIMEOUT)
                .header("Accept", V1)
                .header("Content-Type", V1);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    private Answer send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            JsonNode tree = body.length == 0 ? json.missingNode() : json.readTree(body);
            return new Answer(response.statusCode(), tree);
        } catch (IOException e) {
            throw new MigrationException(
                    built.method() + " " + built.uri().getPath() + " at " + baseUrl + " failed: "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("Interrupted while calling " + baseUrl, e);
        }
    }

    /** How to log in: HTTP basic {@code user:password}, a bearer token, or nothing. */
    record RegistryCredentials(
            @Nullable String userInfo, @Nullable String bearerToken) {

        static final RegistryCredentials NONE = new RegistryCredentials(null, null);

        @Nullable
        String authorization() {
            if (bearerToken != null && !bearerToken.isBlank()) {
                return "Bearer " + bearerToken;
            }
            if (userInfo != null && !userInfo.isBlank()) {
                return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
            }
            return null;
        }
    }
}
