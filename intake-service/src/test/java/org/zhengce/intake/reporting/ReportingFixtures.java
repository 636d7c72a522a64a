package org.zhengce.intake.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.groups.Tuple;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.reading.EventExamples;
import org.zhengce.intake.reading.EventJson;
import org.zhengce.schemas.registry.HttpSchemaRegistryClient;
import org.zhengce.schemas.serde.ConfluentAvroDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fixtures for the tests of intake's HTTP ways in: the {@link EventExamples} as a department sends them, under event
 * ids of the test's own (the broker is shared by every test class of the JVM, so ids must not repeat), answers read as
 * JSON, and what intake published read back.
 */
public final class ReportingFixtures {

    /** The examples' head of household, 张建国: region 990101 (no such division), born 1980-01-01, male, check character 6. */
    public static final String HEAD_IDENTITY_NUMBER = "990101198001011236";
    /** {@link #HEAD_IDENTITY_NUMBER} as intake shows it. */
    public static final String HEAD_IDENTITY_NUMBER_MASKED = "990101***********6";
    /** {@link #HEAD_IDENTITY_NUMBER} with a wrong check character (7 instead of 6). */
    public static final String WRONG_CHECK_DIGIT = "990101198001011237";
    /** {@link #WRONG_CHECK_DIGIT} as intake shows it. */
    public static final String WRONG_CHECK_DIGIT_MASKED = "990101***********7";

    private static final EventJson EVENTS = new EventJson();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReportingFixtures() {}

    /** The JSON form of the example of {@code type}, under {@code eventId}, as its own department sends it. */
    public static ObjectNode example(String type, String eventId) {
        DepartmentEvent event = Objects.requireNonNull(EventExamples.all().get(type), type);
        ObjectNode node = EVENTS.write(event);
        node.put("eventId", eventId);
        return node;
    }

    /** {@link #example} without its {@code department}, as another department would send it (the sender's, then). */
    public static ObjectNode exampleOfNoDepartment(String type, String eventId) {
        ObjectNode node = example(type, eventId);
        node.remove("department");
        return node;
    }

    /** The department that naturally reports {@code type} (the example's). */
    public static String departmentOf(String type) {
        return Objects.requireNonNull(EventExamples.all().get(type), type)
                .getDepartment()
                .name();
    }

    /** The fact of {@code node}, to change. */
    public static ObjectNode fact(ObjectNode node) {
        return (ObjectNode) node.get("fact");
    }

    /** {@code nodes} as an NDJSON body, one per line. */
    public static String ndjson(Collection<? extends JsonNode> nodes) {
        StringBuilder body = new StringBuilder();
        nodes.forEach(node -> body.append(node).append('\n'));
        return body.toString();
    }

    /** An answer: its status, headers and body, the body also as JSON. */
    public record Answer(int status, HttpHeaders headers, String body, JsonNode json) {

        /** The {@code rejectionId} of a problem or result. */
        public UUID rejectionId() {
            JsonNode id = json.get("rejectionId");
            assertThat(id).as("rejectionId in %s", body).isNotNull();
            return UUID.fromString(id.asString());
        }

        /** Each violation as (fieldPath, rule). */
        public List<Tuple> violations() {
            return violationsOf(json);
        }
    }

    /** Sends the request and reads the answer, whatever its status; a JSON body also as JSON, another as missing. */
    public static Answer answer(WebTestClient.RequestHeadersSpec<?> request) {
        EntityExchangeResult<byte[]> result = request.exchange().expectBody().returnResult();
        byte[] bytes = result.getResponseBodyContent();
        String body = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
        MediaType type = result.getResponseHeaders().getContentType();
        boolean json = !body.isEmpty()
                && type != null
                && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
        return new Answer(
                result.getStatus().value(), result.getResponseHeaders(), body, json ? json(body) : JSON.missingNode());
    }

    public static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    /** The violations of a problem, a result or a kept rejection, each as (fieldPath, rule). */
    public static List<Tuple> violationsOf(JsonNode node) {
        List<Tuple> violations = new ArrayList<>();
        JsonNode list = node.get("violations");
        if (list != null) {
            list.forEach(v -> violations.add(
                    new Tuple(v.get("fieldPath").asString(), v.get("rule").asString())));
        }
        return violations;
    }

    /** The rejection kept under {@code id}, as the admin reads it ({@code GET /admin/rejected-events/{id}}). */
    public static JsonNode kept(WebTestClient http, String adminKey, UUID id) {
        Answer kept = answer(http.get().uri("/admin/rejected-events/{id}", id).header("X-API-Key", adminKey));
        assertThat(kept.status()).as("rejection %s: %s", id, kept.body()).isEqualTo(200);
        return kept.json();
    }

    /** Departments sending events over HTTP, each with a key issued on its first request. */
    public static final class Senders {

        private final Supplier<WebTestClient> http;
        private final Function<String, String> issueKey;
        private final Map<String, String> keys = new HashMap<>();

        /** @param http the test's client, read when a request is sent (it is injected after construction) */
        public Senders(Supplier<WebTestClient> http, Function<String, String> issueKey) {
            this.http = http;
            this.issueKey = issueKey;
        }

        /** {@code department}'s key. */
        public String key(String department) {
            return keys.computeIfAbsent(department, issueKey);
        }

        /** {@code POST /events} of one JSON event, answered whatever the status. */
        public Answer post(String department, ObjectNode event) {
            return answer(http.get()
                    .post()
                    .uri("/events")
                    .header("X-API-Key", key(department))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(event.toString()));
        }

        /** {@code POST /events} of {@code events} as NDJSON: each line's result. */
        public List<EventResult> stream(String department, List<? extends JsonNode> events) {
            return ReportingFixtures.results(http.get()
                    .post()
                    .uri("/events")
                    .header("X-API-Key", key(department))
                    .contentType(MediaType.APPLICATION_NDJSON)
                    .bodyValue(ndjson(events)));
        }

        /** {@code GET} of an NDJSON list of results, as {@code department}. */
        public List<EventResult> results(String department, String uri, Object... variables) {
            return ReportingFixtures.results(http.get()
                    .get()
                    .uri(uri, variables)
                    .header("X-API-Key", key(department))
                    .accept(MediaType.APPLICATION_NDJSON));
        }
    }

    /**
     * Changes {@code department}'s terms as {@code change} says, through the admin API; returns the old terms.
     */
    public static ObjectNode changeTerms(
            WebTestClient http, String adminKey, String department, Consumer<ObjectNode> change) {
        Answer current =
                answer(http.get().uri("/admin/departments/{code}", department).header("X-API-Key", adminKey));
        assertThat(current.status()).as(current.body()).isEqualTo(200);
        ObjectNode terms = ((ObjectNode) current.json()).deepCopy();
        terms.retain("name", "allowedEventTypes", "jurisdictionScope", "rateLimitPerSecond");
        ObjectNode old = terms.deepCopy();
        change.accept(terms);
        putTerms(http, adminKey, department, terms);
        return old;
    }

    /** Sets {@code department}'s terms through the admin API. */
    public static void putTerms(WebTestClient http, String adminKey, String department, ObjectNode terms) {
        http.put()
                .uri("/admin/departments/{code}", department)
                .header("X-API-Key", adminKey)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(terms.toString())
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** The results of an NDJSON answer that must be 200. */
    public static List<EventResult> results(WebTestClient.RequestHeadersSpec<?> request) {
        List<EventResult> results = request.exchange()
                .expectStatus()
                .isOk()
                .returnResult(EventResult.class)
                .getResponseBody()
                .collectList()
                .block(Duration.ofSeconds(60));
        assertThat(results).isNotNull();
        return Objects.requireNonNull(results);
    }

    /** The count of {@code meter} with {@code tags} ({@code name:value}) as the admin reads it; 0 if never counted. */
    public static double count(WebTestClient http, String adminKey, String meter, String... tags) {
        Answer answer = answer(http.get()
                .uri(uri -> {
                    var builder = uri.path("/actuator/metrics/" + meter);
                    for (String tag : tags) {
                        builder.queryParam("tag", tag);
                    }
                    return builder.build();
                })
                .header("X-API-Key", adminKey));
        if (answer.status() == 404) {
            return 0;
        }
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        for (JsonNode measurement : answer.json().get("measurements")) {
            if (measurement.get("statistic").asString().equals("COUNT")) {
                return measurement.get("value").asDouble();
            }
        }
        throw new AssertionError("no COUNT in " + answer.body());
    }

    /** Each row's result of CSV submission {@code id} ({@code GET /submissions/{id}/rows}), in row order. */
    public static List<EventResult> rowsOf(WebTestClient http, String key, UUID id) {
        List<EventResult> rows = http.get()
                .uri("/submissions/{id}/rows", id)
                .header("X-API-Key", key)
                .accept(MediaType.APPLICATION_NDJSON)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(EventResult.class)
                .getResponseBody()
                .collectList()
                .block(java.time.Duration.ofSeconds(60));
        assertThat(rows).isNotNull();
        return rows;
    }

    /** The value of header {@code name} of {@code record}, or empty. */
    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The records of {@code records} whose CloudEvents id is {@code platformEventId}. */
    public static List<ConsumerRecord<String, byte[]>> withCloudEventId(
            List<ConsumerRecord<String, byte[]>> records, UUID platformEventId) {
        return records.stream()
                .filter(r -> header(r, "ce_id").equals(platformEventId.toString()))
                .toList();
    }

    /** A reader of published household events, with the schema registry at {@code registryUrl}. */
    public static ConfluentAvroDeserializer<HouseholdEvent> householdEvents(String registryUrl) {
        return ConfluentAvroDeserializer.forSpecific(
                new HttpSchemaRegistryClient(HttpSchemaRegistryClient.parseUrls(registryUrl), null),
                HouseholdEvent.class);
    }
}
