package org.zhengce.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.jspecify.annotations.Nullable;

/**
 * An in-test registry speaking just the Confluent endpoints the client uses: register, look up,
 * schema by id, latest version; Confluent error bodies; optional basic auth. It records every
 * request and the headers of the last one. A version is its schema and its data contract
 * ({@code metadata}, {@code ruleSet}), answered as Confluent Platform 8 answers them; registering
 * without a contract takes the subject's latest one (ADR 0025).
 */
public final class FakeSchemaRegistry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VERSIONS = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern LATEST = Pattern.compile("/subjects/([^/]+)/versions/latest");
    private static final Pattern SUBJECT = Pattern.compile("/subjects/([^/]+)");
    private static final Pattern SCHEMA_BY_ID = Pattern.compile("/schemas/ids/(-?\\d+)");

    private final HttpServer server;
    private final @Nullable String expectedAuthorization;
    private final int firstId;
    private final List<Schema> schemas = new ArrayList<>();
    private final List<DataContract> contracts = new ArrayList<>();
    private final Map<String, List<Integer>> versionsBySubject = new LinkedHashMap<>();
    private final List<String> requests = new ArrayList<>();
    private Map<String, String> lastHeaders = Map.of();

    private FakeSchemaRegistry(int firstId, @Nullable String userInfo) throws IOException {
        this.firstId = firstId;
        this.expectedAuthorization = userInfo == null
                ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A registry handing out ids from 1, without authentication. */
    public static FakeSchemaRegistry start() throws IOException {
        return new FakeSchemaRegistry(1, null);
    }

    /** A registry handing out ids from {@code firstId}. */
    public static FakeSchemaRegistry startWithFirstId(int firstId) throws IOException {
        return new FakeSchemaRegistry(firstId, null);
    }

    /** A registry accepting only requests with basic auth for {@code userInfo} ({@code user:password}). */
    public static FakeSchemaRegistry startWithBasicAuth(String userInfo) throws IOException {
        return new FakeSchemaRegistry(1, userInfo);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every request so far as {@code METHOD /path}. */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    /** Subjects with at least one registered version, in registration order. */
    public synchronized List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    /** Headers of the last request, names in lower case. */
    public synchronized Map<String, String> lastHeaders() {
        return lastHeaders;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            requests.add(method + " " + path);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            lastHeaders = Map.copyOf(headers);
            if (expectedAuthorization != null && !expectedAuthorization.equals(headers.get("authorization"))) {
                respond(exchange, 401, error(401, "Unauthorized"));
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            respond(exchange, route(method, path, body));
        }
    }

    private Response route(String method, String path, byte[] body) throws IOException {
        Matcher matcher;
        if (method.equals("POST") && (matcher = VERSIONS.matcher(path)).matches()) {
            return register(matcher.group(1), schemaIn(body), DataContract.fromJson(JSON.readTree(body)));
        }
        if (method.equals("GET") && (matcher = LATEST.matcher(path)).matches()) {
            return latest(matcher.group(1));
        }
        if (method.equals("POST") && (matcher = SUBJECT.matcher(path)).matches()) {
            return lookUp(matcher.group(1), schemaIn(body));
        }
        if (method.equals("GET") && (matcher = SCHEMA_BY_ID.matcher(path)).matches()) {
            return schemaById(Integer.parseInt(matcher.group(1)));
        }
        return new Response(404, error(404, "HTTP 404 Not Found"));
    }

    private Response register(String subject, Schema schema, DataContract requested) {
        List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        DataContract contract = requested.isEmpty() && !versions.isEmpty()
                ? contracts.get(versions.get(versions.size() - 1) - firstId)
                : requested;
        int index = indexOf(schema, contract);
        if (index < 0) {
            schemas.add(schema);
            contracts.add(contract);
            index = schemas.size() - 1;
        }
        int id = firstId + index;
        if (!versions.contains(id)) {
            versions.add(id);
        }
        if (contract.isEmpty()) {
            return new Response(200, Map.of("id", id));
        }
        Map<String, Object> answer = new LinkedHashMap<>(Map.of("id", id));
        answer.putAll(contractFields(index));
        return new Response(200, answer);
    }

    private int indexOf(Schema schema, DataContract contract) {
        for (int index = 0; index < schemas.size(); index++) {
            if (schemas.get(index).equals(schema) && contracts.get(index).equals(contract)) {
                return index;
            }
        }
        return -1;
    }

    private Map<String, Object> contractFields(int index) {
        return JSON.convertValue(contracts.get(index).toJson(), Map.class);
    }

    private Response lookUp(String subject, Schema schema) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null) {
            return new Response(404, error(40401, "Subject '" + subject + "' not found."));
        }
        for (int version = versions.size(); version > 0; version--) {
            int id = versions.get(version - 1);
            if (schemas.get(id - firstId).equals(schema)) {
                return new Response(200, version(subject, version, id));
            }
        }
        return new Response(404, error(40403, "Schema not found"));
    }

    private Response latest(String subject) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null) {
            return new Response(404, error(40401, "Subject '" + subject + "' not found."));
        }
        return new Response(200, version(subject, versions.size(), versions.get(versions.size() - 1)));
    }

    private Response schemaById(int id) {
        int index = id - firstId;
        if (index < 0 || index >= schemas.size()) {
            return new Response(404, error(40403, "Schema " + id + " not found"));
        }
        Map<String, Object> answer =
                new LinkedHashMap<>(Map.of("schema", schemas.get(index).toString()));
        answer.putAll(contractFields(index));
        return new Response(200, answer);
    }

    private Map<String, Object> version(String subject, int version, int id) {
        Map<String, Object> answer = new LinkedHashMap<>(Map.of(
                "subject", subject,
                "version", version,
                "id", id,
                "schema", schemas.get(id - firstId).toString()));
        answer.putAll(contractFields(id - firstId));
        return answer;
    }

    private static Schema schemaIn(byte[] body) throws IOException {
        JsonNode request = JSON.readTree(body);
        return new Schema.Parser().parse(request.get("schema").asText());
    }

    private static Map<String, Object> error(int code, String message) {
        return Map.of("error_code", code, "message", message);
    }

    private static void respond(HttpExchange exchange, Response response) throws IOException {
        respond(exchange, response.status(), response.body());
    }

    private static void respond(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private record Response(int status, Map<String, Object> body) {}
}
