package org.zhengce.democity.feed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Intake's HTTP API as the feed uses it: readiness, issuing department keys, NDJSON batches. */
final class IntakeClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;

    IntakeClient(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    /** An answer: the status, the Retry-After delay if given, the body. */
    record Answer(int status, @Nullable Duration retryAfter, String body) {

        boolean retryable() {
            return status == 429 || status == 503 || status == 502 || status == 504;
        }
    }

    boolean ready() throws InterruptedException {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(base.resolve("/actuator/health/readiness"))
                            .timeout(timeout)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Issues a key for {@code department} with the platform admin's key; the answer's {@code apiKey}. */
    Answer issueKey(String adminKey, String department) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve("/admin/departments/" + department + "/api-keys"))
                .timeout(timeout)
                .header("X-API-Key", adminKey)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** Posts NDJSON lines as one request with a department's key. */
    Answer post(String apiKey, List<byte[]> lines) throws IOException, InterruptedException {
        int size = lines.stream().mapToInt(l -> l.length + 1).sum();
        byte[] body = new byte[size];
        int at = 0;
        for (byte[] line : lines) {
            System.arraycopy(line, 0, body, at, line.length);
            at += line.length;
            body[at++] = '\n';
        }
        return send(HttpRequest.newBuilder(base.resolve("/events"))
                .timeout(timeout.multipliedBy(6))
                .header("X-API-Key", apiKey)
                .header("Content-Type", "application/x-ndjson")
                .header("Accept", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(
                response.statusCode(), retryAfter(response.headers().firstValue("Retry-After")), response.body());
    }

    /** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
    static @Nullable Duration retryAfter(Optional<String> header) {
        if (header.isEmpty()) {
            return null;
        }
        String value = header.get().strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }

    /** The result lines of an NDJSON answer. */
    static List<JsonNode> results(String body) {
        List<JsonNode> results = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                results.add(JSON.readTree(line));
            }
        }
        return results;
    }

    static String field(String body, String name) {
        JsonNode node = JSON.readTree(body).get(name);
        return node == null ? "" : node.asString();
    }
}
