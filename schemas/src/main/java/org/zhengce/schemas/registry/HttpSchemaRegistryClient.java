package org.zhengce.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.errors.InterruptException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SchemaRegistryClient} over the JDK's HTTP client, following the Confluent REST API.
 *
 * <p>Ids by (subject, schema) and schemas by id are cached in bounded maps, so a steady stream of
 * records makes no HTTP calls; concurrent misses for one key share a single request. Several
 * base URLs are tried in order when one cannot be reached; the one that answered is tried first
 * next time. Thread-safe.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    public static final int DEFAULT_CACHE_CAPACITY = 1000;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> baseUrls;
    private final @Nullable String authorization;
    private final Duration timeout;
    private final HttpClient http;
    private final BoundedCache<SubjectSchema, Integer> ids;
    private final BoundedCache<Integer, Schema> schemas;
    private final BoundedCache<Integer, DataContract> contracts;
    private final AtomicLong requests = new AtomicLong();
    private volatile int preferredUrl;

    /** A client with the default cache capacity and timeout; {@code userInfo} is {@code user:password}. */
    public HttpSchemaRegistryClient(List<URI> baseUrls, @Nullable String userInfo) {
        this(baseUrls, userInfo, DEFAULT_CACHE_CAPACITY, DEFAULT_TIMEOUT);
    }

    public HttpSchemaRegistryClient(
            List<URI> baseUrls, @Nullable String userInfo, int cacheCapacity, Duration timeout) {
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one schema registry URL is required");
        }
        this.baseUrls = List.copyOf(baseUrls);
        this.authorization = userInfo == null
                ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
        this.ids = new BoundedCache<>(cacheCapacity);
        this.schemas = new BoundedCache<>(cacheCapacity);
        this.contracts = new BoundedCache<>(cacheCapacity);
    }

    /** Splits a comma-separated URL list as in {@code schema.registry.url}. */
    public static List<URI> parseUrls(String commaSeparated) {
        List<URI> urls = new ArrayList<>();
        for (String url : commaSeparated.split(",")) {
            if (!url.isBlank()) {
                urls.add(URI.create(url.strip()));
            }
        }
        return urls;
    }

    @Override
    public int register(String subject, Schema schema) {
        return register(subject, schema, DataContract.NONE);
    }

    /**
     * Registers {@code schema} with {@code contract}; the answer's contract (the one the registry gave the version) is
     * kept for {@link #contractById}. Cached by (subject, schema, contract).
     */
    @Override
    public int register(String subject, Schema schema, DataContract contract) {
        return ids.get(new SubjectSchema(subject, schema, contract), key -> {
            JsonNode body = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema, contract));
            int id = intField(body, "id");
            schemas.put(id, schema);
            keepContract(id, body);
            return id;
        });
    }

    @Override
    public int idOf(String subject, Schema schema) {
        return ids.get(new SubjectSchema(subject, schema, DataContract.NONE), key -> {
            JsonNode body = send("POST", "/subjects/" + encode(subject), schemaBody(schema, DataContract.NONE));
            int id = intField(body, "id");
            schemas.put(id, schema);
            keepContract(id, body);
            return id;
        });
    }

    @Override
    public Schema schemaById(int id) {
        return schemas.get(id, key -> {
            JsonNode body = send("GET", "/schemas/ids/" + id, null);
            keepContract(id, body);
            return parseSchema(body, "schema id " + id);
        });
    }

    /**
     * The contract of {@code id}: kept from the answer that gave the id (register, look-up, by id, latest), so a
     * writer or reader costs no request more; asked by id only when that answer has been evicted.
     */
    @Override
    public DataContract contractById(int id) {
        return contracts.get(id, key -> DataContract.fromJson(send("GET", "/schemas/ids/" + id, null)));
    }

    @Override
    public RegisteredSchema latest(String subject) {
        JsonNode body = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        int id = intField(body, "id");
        Schema schema = schemas.get(id, key -> parseSchema(body, "subject " + subject + " latest version"));
        keepContract(id, body);
        return new RegisteredSchema(subject, intField(body, "version"), id, schema);
    }

    /** Confluent Platform 8 leaves {@code metadata} and {@code ruleSet} out of answers about versions without them. */
    private void keepContract(int id, JsonNode body) {
        contracts.put(id, DataContract.fromJson(body));
    }

    @Override
    public long httpRequestCount() {
        return requests.get();
    }

    private JsonNode send(String method, String path, @Nullable String body) {
        IOException lastFailure = null;
        int first = preferredUrl;
        for (int attempt = 0; attempt < baseUrls.size(); attempt++) {
            int index = (first + attempt) % baseUrls.size();
            URI url = URI.create(stripTrailingSlash(baseUrls.get(index).toString()) + path);
            try {
                requests.incrementAndGet();
                HttpResponse<String> response =
                        http.send(request(method, url, body), HttpResponse.BodyHandlers.ofString());
                preferredUrl = index;
                return handle(response);
            } catch (IOException e) {
                log.warn("schema registry {} unreachable: {}", baseUrls.get(index), e.toString());
                if (lastFailure != null) {
                    e.addSuppressed(lastFailure);
                }
                lastFailure = e;
            } catch (InterruptedException e) {
                throw new InterruptException(e);
            }
        }
        throw new SchemaRegistryUnavailableException(
                "no schema registry reachable at " + baseUrls + " for " + method + " " + path, lastFailure);
    }

    private HttpRequest request(String method, URI url, @Nullable String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Accept", ACCEPT)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    private static JsonNode handle(HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode body = readJson(response.body());
        boolean ok = status >= 200 && status < 300;
        if (ok && body.isObject()) {
            return body;
        }
        int errorCode = body.path("error_code").asInt(status);
        String message = body.path("message").isTextual()
                ? body.path("message").asText()
                : (ok ? "unreadable response: " : "") + abbreviate(response.body());
        if (status == 404) {
            throw new SchemaNotFoundException(errorCode, message);
        }
        throw new SchemaRegistryException(status, errorCode, message);
    }

    private static JsonNode readJson(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    private static Schema parseSchema(JsonNode body, String what) {
        String type = body.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new SchemaParseException(what + " is a " + type + " schema, not AVRO");
        }
        JsonNode schema = body.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw new SchemaParseException(what + ": registry response has no schema");
        }
        return new Schema.Parser().parse(schema.asText());
    }

    private static int intField(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new SchemaRegistryException(200, 200, "response has no integer '" + field + "': " + body);
        }
        return value.intValue();
    }

    private static String schemaBody(Schema schema, DataContract contract) {
        try {
            if (contract.isEmpty()) {
                return JSON.writeValueAsString(Map.of("schema", schema.toString()));
            }
            ObjectNode body = JSON.createObjectNode().put("schema", schema.toString());
            body.setAll(contract.toJson());
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON string", e);
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private record SubjectSchema(String subject, Schema schema, DataContract contract) {}
}
