package org.zhengce.intake.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.zhengce.intake.reporting.ReportingFixtures.answer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.IntakeStackTest;
import org.zhengce.intake.hostile.HostileCase.Expect;
import org.zhengce.intake.hostile.HostileCase.Input;
import org.zhengce.intake.hostile.HostileCase.Way;
import org.zhengce.intake.identity.IdentityNumbers;
import org.zhengce.intake.reporting.ReportingFixtures;
import org.zhengce.intake.reporting.ReportingFixtures.Answer;
import org.zhengce.schemas.registry.HttpSchemaRegistryClient;
import org.zhengce.schemas.serde.ConfluentAvroDeserializer;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hostile-input corpus (issue 15): several hundred malformed, oversized, mis-encoded, mis-scoped and
 * identity-bearing inputs ({@link HostileInputs}) sent through every way in (one JSON event, NDJSON lines, CSV rows
 * and files, records on the department's own topic). Each is answered with its own rule, or accepted with the field
 * masked where that is the rule; each is kept where an operator finds it (the rejection by its id or its topic
 * position, the accepted event on {@code household.events}); after each family a valid sentinel sent the same way is
 * accepted and published in order, so nothing blocks what comes after it. Then every topic but the departments' own
 * inputs, every log line of the run, every text, jsonb and bytea column of intake's database and every response is
 * scanned: none holds a readable identity number.
 *
 * <p>Limits are small so that going past them takes little. Run alone: {@code ./mvnw -B -o -pl
 * schemas,embedded,schema-registry,platform-kit,intake-service verify -Dtest=HostileInputCorpusTests
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@TestPropertySource(
        properties = {
            "intake.reporting.max-event-size=8KB",
            "intake.reporting.max-line-size=8KB",
            "intake.limits.max-row-size=8KB",
            "intake.limits.max-cell-size=2KB",
            "intake.limits.max-string-length=4096",
            "intake.limits.max-nesting-depth=32",
            "intake.limits.max-batch-bytes=8KB"
        })
@ExtendWith(OutputCaptureExtension.class)
class HostileInputCorpusTests extends IntakeStackTest {

    private static final Logger log = LoggerFactory.getLogger(HostileInputCorpusTests.class);
    private static final String TOPIC = "dept.health.events";
    private static final Pattern DEPARTMENT_TOPIC = Pattern.compile("dept\\.[a-z0-9-]+\\.events");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int LINES_PER_STREAM = 40;

    private final ReportingFixtures.Senders senders = new ReportingFixtures.Senders(() -> http, this::issueKey);
    private final List<String> responses = new ArrayList<>();
    private final List<String> mismatches = new ArrayList<>();
    /** The sentinels' event ids, in the order they were sent: all about one person, so on one partition. */
    private final List<String> sentinels = new ArrayList<>();

    private final Map<String, Integer> tally = new LinkedHashMap<>();
    private @Nullable ConfluentAvroDeserializer<HouseholdEvent> published;
    private @Nullable KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void createTopic() throws Exception {
        createTopicOnce(TOPIC, 3);
    }

    private static Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, sharedBroker().bootstrapServers()));
    }

    @Test
    void everyHostileInputIsAnsweredByItsRuleKeptAndBlocksNothingAndNoIdentityNumberIsLeftReadable(
            CapturedOutput output) throws Exception {
        published = ReportingFixtures.householdEvents(registryUrl());
        HttpSchemaRegistryClient registry =
                new HttpSchemaRegistryClient(HttpSchemaRegistryClient.parseUrls(registryUrl()), null);
        try (ConfluentAvroSerializer<DepartmentEvent> serializer = new ConfluentAvroSerializer<>(registry);
                KafkaProducer<String, byte[]> records = new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                sharedBroker().bootstrapServers(),
                                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                                2_000_000),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            producer = records;
            HostileInputs corpus = new HostileInputs(
                    "hostile-" + UUID.randomUUID().toString().substring(0, 8), e -> serializer.serialize(TOPIC, e));
            // the examples' household is registered, as a department would have done first
            expectAccepted(senders.post(HostileInputs.CIVIL_AFFAIRS, corpus.registered(e -> {})), "registration");
            List<HostileCase> cases = corpus.all();
            Map<String, List<HostileCase>> families = cases.stream()
                    .collect(Collectors.groupingBy(HostileCase::family, LinkedHashMap::new, Collectors.toList()));
            for (Map.Entry<String, List<HostileCase>> family : families.entrySet()) {
                runFamily(corpus, family.getKey(), family.getValue());
            }

            report(families);
            List<String> findings = scan(output);
            assertSentinelsPublishedInOrder();
            assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
            assertThat(mismatches)
                    .as("cases not answered by their rule, or not kept")
                    .isEmpty();
            assertThat(findings).as("readable identity numbers left by the run").isEmpty();
        }
    }

    // ---- a family, way by way, each followed by its sentinel ----

    private void runFamily(HostileInputs corpus, String family, List<HostileCase> cases) throws Exception {
        ObjectNode scopes = null;
        if (family.equals("scope")) {
            scopes = narrowScopes(corpus);
        }
        try {
            for (Way way : Way.values()) {
                List<HostileCase> ofWay =
                        cases.stream().filter(c -> c.way() == way).toList();
                if (ofWay.isEmpty()) {
                    continue;
                }
                if (way == Way.JSON) {
                    ofWay.forEach(this::sendJson);
                } else if (way == Way.NDJSON) {
                    sendNdjson(ofWay);
                } else if (way == Way.CSV) {
                    sendCsv(ofWay);
                } else {
                    sendTopic(corpus, ofWay);
                }
                if (way != Way.TOPIC) {
                    sentinel(corpus, family, way);
                }
                ofWay.forEach(c -> tally.merge(c.family() + " " + c.way(), 1, Integer::sum));
            }
        } finally {
            if (scopes != null) {
                restoreScopes(scopes);
            }
        }
    }

    /** HEALTH and COMMUNITY cover 建外 only; a household is registered in 吉祥里, outside it. */
    private ObjectNode narrowScopes(HostileInputs corpus) {
        ObjectNode old =
                tools.jackson.databind.json.JsonMapper.builder().build().createObjectNode();
        for (String department : List.of(HostileInputs.HEALTH, HostileInputs.COMMUNITY)) {
            old.set(
                    department,
                    ReportingFixtures.changeTerms(
                            http,
                            ADMIN_KEY,
                            department,
                            terms -> terms.putArray("jurisdictionScope").add(HostileInputs.JIANWAI)));
        }
        expectAccepted(
                senders.post(HostileInputs.CIVIL_AFFAIRS, corpus.registeredElsewhere()), "registration elsewhere");
        return old;
    }

    private void restoreScopes(ObjectNode old) {
        old.properties()
                .forEach(p -> ReportingFixtures.putTerms(http, ADMIN_KEY, p.getKey(), (ObjectNode) p.getValue()));
    }

    /** A valid event sent the way the family's cases were: accepted, and (checked at the end) published in order. */
    private void sentinel(HostileInputs corpus, String family, Way way) {
        ObjectNode event = corpus.discharged(e -> {});
        String id = event.get("eventId").asString();
        HostileCase sentinel = new HostileCase(
                family, way, "sentinel", HostileInputs.HEALTH, inputOf(event, way), new Expect.Accepted());
        if (way == Way.JSON) {
            sendJson(sentinel);
        } else if (way == Way.NDJSON) {
            sendNdjson(List.of(sentinel));
        } else {
            sendCsv(List.of(sentinel));
        }
        sentinels.add(id);
    }

    private static Input inputOf(ObjectNode event, Way way) {
        return switch (way) {
            case JSON -> new Input.Body(event.toString().getBytes(StandardCharsets.UTF_8), HostileInputs.JSON);
            case NDJSON -> new Input.Line(event.toString().getBytes(StandardCharsets.UTF_8));
            case CSV ->
                new Input.Row("HospitalDischarged", HostileInputs.csvHeader(event), HostileInputs.csvRow(event));
            case TOPIC -> throw new IllegalArgumentException("topic records are Avro");
        };
    }

    // ---- one JSON event ----

    private void sendJson(HostileCase c) {
        Input.Body body = (Input.Body) c.input();
        Answer answer = answer(http.post()
                .uri("/events")
                .header("X-API-Key", senders.key(c.department()))
                .contentType(body.type())
                .bodyValue(body.bytes()));
        responses.add(answer.body());
        JsonNode json = answer.json();
        Expect expect = c.expect();
        if (expect instanceof Expect.Refused r) {
            if (answer.status() != r.status()) {
                mismatch(c, "HTTP " + r.status() + " " + r.rule(), answer.status() + " " + rulesOf(json));
                return;
            }
            expectRule(c, r, json);
            expectKept(c, json, r.rule());
        } else if (expect instanceof Expect.Masked m) {
            if (answer.status() != 202 || !"accepted".equals(text(json, "status"))) {
                mismatch(c, "202 accepted, " + m.field() + " masked", answer.status() + " " + answer.body());
                return;
            }
            expectMaskedField(c, json, m.field());
        } else if (expect instanceof Expect.Accepted) {
            if (answer.status() != 202 || !"accepted".equals(text(json, "status"))) {
                mismatch(c, "202 accepted", answer.status() + " " + answer.body());
            }
        } else if (expect instanceof Expect.Duplicate) {
            if (answer.status() != 202 || !"duplicate".equals(text(json, "status"))) {
                mismatch(c, "202 duplicate", answer.status() + " " + answer.body());
            }
        } else if (expect instanceof Expect.Conflict) {
            if (answer.status() != 409) {
                mismatch(c, "409 conflict", answer.status() + " " + answer.body());
                return;
            }
            expectKept(c, json, "idempotency.same-payload");
        } else {
            throw new IllegalStateException("a file is sent as CSV: " + c);
        }
    }

    // ---- NDJSON lines ----

    private void sendNdjson(List<HostileCase> cases) {
        Map<String, List<HostileCase>> byDepartment = cases.stream()
                .collect(Collectors.groupingBy(HostileCase::department, LinkedHashMap::new, Collectors.toList()));
        byDepartment.forEach((department, ofDepartment) -> {
            for (int from = 0; from < ofDepartment.size(); from += LINES_PER_STREAM) {
                List<HostileCase> chunk =
                        ofDepartment.subList(from, Math.min(ofDepartment.size(), from + LINES_PER_STREAM));
                java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
                chunk.forEach(c -> {
                    body.writeBytes(((Input.Line) c.input()).bytes());
                    body.write('\n');
                });
                Answer answer = answer(http.post()
                        .uri("/events")
                        .header("X-API-Key", senders.key(department))
                        .contentType(MediaType.APPLICATION_NDJSON)
                        .bodyValue(body.toByteArray()));
                responses.add(answer.body());
                List<JsonNode> results = answer.body()
                        .lines()
                        .filter(line -> !line.isBlank())
                        .map(ReportingFixtures::json)
                        .toList();
                for (int i = 0; i < chunk.size(); i++) {
                    JsonNode result = i < results.size()
                            ? results.get(i)
                            : tools.jackson.databind.json.JsonMapper.builder()
                                    .build()
                                    .createObjectNode();
                    expectResult(chunk.get(i), result);
                }
                if (answer.status() != 200 || results.size() != chunk.size()) {
                    mismatches.add(chunk.get(0) + ": a stream of " + chunk.size() + " lines answered " + answer.status()
                            + " with " + results.size() + " results");
                }
            }
        });
    }

    /** A line's or a row's result against what the case expects. */
    private void expectResult(HostileCase c, JsonNode result) {
        String status = text(result, "status");
        Expect expect = c.expect();
        if (expect instanceof Expect.Refused r) {
            if (!"rejected".equals(status)) {
                mismatch(c, "rejected " + r.rule(), status + " " + result);
                return;
            }
            expectRule(c, r, result);
            expectKept(c, result, r.rule());
        } else if (expect instanceof Expect.Masked m) {
            if (!"accepted".equals(status)) {
                mismatch(c, "accepted, " + m.field() + " masked", status + " " + result);
                return;
            }
            expectMaskedField(c, result, m.field());
        } else if (expect instanceof Expect.Accepted) {
            if (!"accepted".equals(status)) {
                mismatch(c, "accepted", status + " " + result);
            }
        } else if (expect instanceof Expect.Duplicate) {
            if (!"duplicate".equals(status)) {
                mismatch(c, "duplicate", status + " " + result);
            }
        } else if (expect instanceof Expect.Conflict) {
            if (!"conflict".equals(status)) {
                mismatch(c, "conflict", status + " " + result);
                return;
            }
            expectKept(c, result, "idempotency.same-payload");
        } else {
            mismatch(c, "a refused file", status + " " + result);
        }
    }

    // ---- CSV rows and files ----

    private void sendCsv(List<HostileCase> cases) {
        // rows of one department, type and header share a file; a malformed row, or a file that is the case, is alone
        Map<String, List<HostileCase>> files = new LinkedHashMap<>();
        for (HostileCase c : cases) {
            String file = c.input() instanceof Input.Row row && !c.family().equals("malformed")
                    ? c.department() + "|" + row.type() + "|" + row.header()
                    : c.toString() + "|" + System.identityHashCode(c);
            files.computeIfAbsent(file, k -> new ArrayList<>()).add(c);
        }
        files.values().forEach(this::sendFile);
    }

    private void sendFile(List<HostileCase> rows) {
        HostileCase first = rows.get(0);
        String type;
        MediaType contentType;
        byte[] bytes;
        if (first.input() instanceof Input.File file) {
            type = file.type();
            contentType = file.contentType();
            bytes = file.bytes();
        } else {
            Input.Row row = (Input.Row) first.input();
            type = row.type();
            contentType = HostileInputs.CSV;
            StringBuilder text = new StringBuilder(row.header()).append("\r\n");
            rows.forEach(c -> text.append(((Input.Row) c.input()).row()).append("\r\n"));
            bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        }
        Answer answer = answer(http.post()
                .uri(uri -> uri.path("/submissions")
                        .queryParam("type", type)
                        .queryParam("fileName", "hostile.csv")
                        .build())
                .header("X-API-Key", senders.key(first.department()))
                .contentType(contentType)
                .bodyValue(bytes));
        responses.add(answer.body());
        if (first.expect() instanceof Expect.FileRefused refused) {
            if (answer.status() != refused.status() || !refused.title().equals(text(answer.json(), "title"))) {
                mismatch(first, refused.status() + " " + refused.title(), answer.status() + " " + answer.body());
                return;
            }
            JsonNode submission = answer.json().get("submissionId");
            if (submission != null && !submission.isNull()) {
                Answer kept = answer(http.get()
                        .uri("/submissions/{id}", submission.asString())
                        .header("X-API-Key", senders.key(first.department())));
                responses.add(kept.body());
                if (kept.status() != 200 || !"REJECTED".equals(text(kept.json(), "status"))) {
                    mismatch(first, "the refused file kept", kept.status() + " " + kept.body());
                }
            } else if (refused.status() == 400 && refused.title().equals("Wrong encoding")) {
                mismatch(first, "the refused file kept under a submissionId", answer.body());
            }
            return;
        }
        if (answer.status() != 201) {
            mismatch(first, "201 with a report of " + rows.size() + " row(s)", answer.status() + " " + answer.body());
            return;
        }
        UUID id = UUID.fromString(answer.json().get("id").asString());
        Answer results = answer(http.get()
                .uri("/submissions/{id}/rows", id)
                .header("X-API-Key", senders.key(first.department()))
                .accept(MediaType.APPLICATION_NDJSON));
        responses.add(results.body());
        List<JsonNode> lines = results.body()
                .lines()
                .filter(line -> !line.isBlank())
                .map(ReportingFixtures::json)
                .toList();
        if (lines.size() != rows.size()) {
            mismatch(first, rows.size() + " row results", lines.size() + ": " + results.body());
        }
        for (int i = 0; i < Math.min(rows.size(), lines.size()); i++) {
            expectResult(rows.get(i), lines.get(i));
        }
    }

    // ---- the department's topic ----

    private void sendTopic(HostileInputs corpus, List<HostileCase> cases) throws Exception {
        java.time.Instant familyStarted = java.time.Instant.now();
        Map<String, HostileCase> byPosition = new LinkedHashMap<>();
        KafkaProducer<String, byte[]> records = Objects.requireNonNull(producer);
        for (HostileCase c : cases) {
            Input.Record record = (Input.Record) c.input();
            ProducerRecord<String, byte[]> sent = new ProducerRecord<>(TOPIC, 0, record.key(), record.value());
            record.headers().forEach((name, value) -> sent.headers().add(name, value));
            RecordMetadata at = records.send(sent).get(30, TimeUnit.SECONDS);
            byPosition.put(TOPIC + "-0@" + at.offset(), c);
        }
        // the sentinel, on the same partition behind them
        DepartmentEvent sentinel = corpus.dischargedRecord(b -> {});
        records.send(new ProducerRecord<>(TOPIC, 0, "department-key", avroOf(corpus, sentinel)))
                .get(30, TimeUnit.SECONDS);
        sentinels.add(sentinel.getEventId());
        await().atMost(TIMEOUT).until(() -> publishedIds().containsKey(sentinel.getEventId()));

        Map<String, JsonNode> rejected = rejectedOnTopic(familyStarted);
        Map<String, List<HouseholdEvent>> events = publishedIds();
        byPosition.forEach((position, c) -> {
            Input.Record record = (Input.Record) c.input();
            JsonNode rejection = rejected.get(position);
            List<HouseholdEvent> publishedAs =
                    record.eventId() == null ? List.of() : events.getOrDefault(record.eventId(), List.of());
            Expect expect = c.expect();
            String rules = rejection == null ? "not rejected" : "rejected " + rulesOf(rejection);
            if (expect instanceof Expect.Refused r) {
                if (rejection == null) {
                    mismatch(
                            c,
                            "kept as rejected " + r.rule() + " at " + position,
                            "no rejection; published " + publishedAs.size() + " time(s)");
                } else if (!rulesOf(rejection).contains(r.rule())) {
                    mismatch(c, r.rule(), rulesOf(rejection).toString());
                }
            } else if (expect instanceof Expect.Masked m) {
                if (publishedAs.size() != 1) {
                    mismatch(c, "published once, " + m.field() + " masked", publishedAs.size() + " time(s), " + rules);
                } else if (!publishedAs.get(0).toString().contains("***")) {
                    mismatch(c, m.field() + " masked", "published unmasked");
                }
            } else if (expect instanceof Expect.Accepted) {
                if (publishedAs.size() != 1) {
                    mismatch(c, "published once", publishedAs.size() + " time(s), " + rules);
                }
            } else if (expect instanceof Expect.Duplicate) {
                if (publishedAs.size() != 1 || rejection != null) {
                    mismatch(c, "published once, not rejected", publishedAs.size() + " time(s), " + rules);
                }
            } else if (expect instanceof Expect.Conflict) {
                if (rejection == null || !rulesOf(rejection).contains("idempotency.same-payload")) {
                    mismatch(c, "kept as a conflict at " + position, rules);
                }
            } else {
                mismatch(c, "a file", "a record");
            }
        });
    }

    private static byte[] avroOf(HostileInputs corpus, DepartmentEvent event) {
        try (ConfluentAvroSerializer<DepartmentEvent> serializer = new ConfluentAvroSerializer<>(
                new HttpSchemaRegistryClient(HttpSchemaRegistryClient.parseUrls(registryUrl()), null))) {
            return serializer.serialize(TOPIC, event);
        }
    }

    /** The household events published, by the department's event id. */
    private Map<String, List<HouseholdEvent>> publishedIds() {
        ConfluentAvroDeserializer<HouseholdEvent> reader = Objects.requireNonNull(published);
        Map<String, List<HouseholdEvent>> byId = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : readAll(HOUSEHOLD_EVENTS)) {
            HouseholdEvent event = reader.deserialize(HOUSEHOLD_EVENTS, record.value());
            byId.computeIfAbsent(event.getEventId(), k -> new ArrayList<>()).add(event);
        }
        return byId;
    }

    /** HEALTH's rejections from its topic, by source (topic-partition@offset). */
    private Map<String, JsonNode> rejectedOnTopic(java.time.Instant since) {
        // the family's alone (since its first record, a little before), read with room for large masked payloads
        Answer answer = answer(http.mutate()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024))
                .build()
                .get()
                .uri(uri -> uri.path("/admin/rejected-events")
                        .queryParam("department", "HEALTH")
                        .queryParam("from", since.minusSeconds(60).toString())
                        .queryParam("limit", 100_000)
                        .build())
                .header("X-API-Key", ADMIN_KEY));
        responses.add(answer.body());
        Map<String, JsonNode> bySource = new HashMap<>();
        answer.json().forEach(r -> {
            if ("TOPIC".equals(text(r, "channel"))) {
                bySource.put(text(r, "sourceRef"), r);
            }
        });
        return bySource;
    }

    // ---- expectations ----

    private void expectRule(HostileCase c, Expect.Refused r, JsonNode answer) {
        List<String> rules = rulesOf(answer);
        if (!rules.contains(r.rule())) {
            mismatch(c, r.rule(), rules + " " + answer);
            return;
        }
        if (r.path() != null) {
            boolean atPath = false;
            for (JsonNode v : answer.path("violations")) {
                atPath |= r.rule().equals(text(v, "rule")) && r.path().equals(text(v, "fieldPath"));
            }
            if (!atPath) {
                mismatch(
                        c,
                        r.rule() + " at " + r.path(),
                        answer.path("violations").toString());
            }
        }
    }

    /** The rejection the answer names is kept, with {@code rule} among its violations, as the admin reads it. */
    private void expectKept(HostileCase c, JsonNode answer, String rule) {
        String id = text(answer, "rejectionId");
        if (id == null) {
            mismatch(c, "a rejectionId", answer.toString());
            return;
        }
        Answer kept = answer(http.get().uri("/admin/rejected-events/{id}", id).header("X-API-Key", ADMIN_KEY));
        responses.add(kept.body());
        if (kept.status() != 200 || !rulesOf(kept.json()).contains(rule)) {
            mismatch(c, "kept with " + rule, kept.status() + " " + kept.body());
        }
    }

    private void expectMaskedField(HostileCase c, JsonNode answer, String field) {
        List<String> masked = new ArrayList<>();
        answer.path("maskedFields").forEach(f -> masked.add(f.asString()));
        if (!masked.contains(field)) {
            mismatch(c, field + " masked", "maskedFields " + masked);
        }
    }

    private void expectAccepted(Answer answer, String what) {
        responses.add(answer.body());
        assertThat(answer.status()).as("%s: %s", what, answer.body()).isEqualTo(202);
    }

    private void mismatch(HostileCase c, String expected, String actual) {
        String shown = actual.length() > 400 ? actual.substring(0, 400) + "…" : actual;
        mismatches.add(c + ": expected " + expected + ", got "
                + org.zhengce.schemas.identity.IdentityNumbers.maskAllIn(shown));
    }

    private static List<String> rulesOf(JsonNode node) {
        List<String> rules = new ArrayList<>();
        node.path("violations").forEach(v -> rules.add(text(v, "rule")));
        return rules;
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    // ---- sentinels, figures ----

    private void assertSentinelsPublishedInOrder() {
        ConfluentAvroDeserializer<HouseholdEvent> reader = Objects.requireNonNull(published);
        List<String> inOrder = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : readAll(HOUSEHOLD_EVENTS)) {
            String id = reader.deserialize(HOUSEHOLD_EVENTS, record.value()).getEventId();
            if (sentinels.contains(id)) {
                inOrder.add(id);
            }
        }
        assertThat(inOrder)
                .as("the sentinels on household.events, each once, in the order sent")
                .isEqualTo(sentinels);
    }

    private void report(Map<String, List<HostileCase>> families) {
        StringBuilder figures = new StringBuilder("hostile-input corpus: ");
        int total = 0;
        for (Map.Entry<String, List<HostileCase>> family : families.entrySet()) {
            Map<Way, Long> byWay = family.getValue().stream()
                    .collect(Collectors.groupingBy(
                            HostileCase::way, () -> new java.util.EnumMap<>(Way.class), Collectors.counting()));
            total += family.getValue().size();
            figures.append(String.format(
                    java.util.Locale.ROOT,
                    "%n  %-34s %4d %s",
                    family.getKey(),
                    family.getValue().size(),
                    byWay));
        }
        Map<String, Long> outcomes = families.values().stream()
                .flatMap(List::stream)
                .collect(Collectors.groupingBy(
                        c -> c.expect().getClass().getSimpleName(), java.util.TreeMap::new, Collectors.counting()));
        figures.append(String.format(
                java.util.Locale.ROOT,
                "%n  total %d cases, outcomes %s, %d sentinels",
                total,
                outcomes,
                sentinels.size()));
        log.info("{}", figures);
    }

    // ---- the scan ----

    /** Every topic, log line, stored value and response of the run; what the scan found. */
    private List<String> scan(CapturedOutput output) throws Exception {
        List<String> numbers = new ArrayList<>(List.of(
                HostileInputs.NUMBER,
                HostileInputs.OLD_NUMBER,
                HostileInputs.UNREGISTERED_PERSON,
                ReportingFixtures.HEAD_IDENTITY_NUMBER,
                ReportingFixtures.WRONG_CHECK_DIGIT,
                IdentityNumbers.valid("990101", "19820512", "124"),
                IdentityNumbers.valid("990101", "20120901", "135"),
                IdentityNumbers.valid("990101", "19750505", "171"),
                "990101800101123"));
        IdentityScan scan = new IdentityScan(numbers);
        int topics = 0;
        int records = 0;
        try (Admin admin = admin()) {
            for (String topic : admin.listTopics(new ListTopicsOptions().listInternal(true))
                    .names()
                    .get(30, TimeUnit.SECONDS)) {
                if (DEPARTMENT_TOPIC.matcher(topic).matches() || topic.startsWith("__")) {
                    // the departments' own inputs (identity numbers in clear by design), the broker's own bookkeeping
                    continue;
                }
                topics++;
                for (ConsumerRecord<String, byte[]> record : readAll(topic)) {
                    records++;
                    String where = topic + "-" + record.partition() + "@" + record.offset();
                    if (record.key() != null) {
                        scan.scan("topic", where + " key", record.key());
                    }
                    if (record.value() != null) {
                        scan.scan("topic", where + " value", record.value());
                    }
                    for (Header h : record.headers()) {
                        scan.scan("topic", where + " header name", h.key());
                        if (h.value() != null) {
                            scan.scan("topic", where + " header " + h.key(), h.value());
                        }
                    }
                }
            }
        }
        List<String> lines = output.getAll().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            scan.scan("log", "line " + (i + 1), lines.get(i));
        }
        int rows = scanDatabase(scan);
        for (int i = 0; i < responses.size(); i++) {
            scan.scan("response", "response " + (i + 1), responses.get(i));
        }
        log.info(
                "hostile-input corpus scan: {} topics, {} records, {} log lines, {} database values, {} responses;"
                        + " texts looked at {}",
                topics,
                records,
                lines.size(),
                rows,
                responses.size(),
                scan.scanned());
        assertThat(records).isPositive();
        assertThat(rows).isPositive();
        return scan.findings();
    }

    /** Every text, jsonb, array and bytea value of every table of intake's database; the count of values. */
    private int scanDatabase(IdentityScan scan) throws Exception {
        int values = 0;
        try (Connection db = DriverManager.getConnection(
                        database().jdbcUrl("intake"),
                        database().username("intake"),
                        database().password("intake"));
                Statement statement = db.createStatement()) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet found = statement.executeQuery(
                    "select table_schema, table_name, column_name, data_type"
                            + " from information_schema.columns where table_schema not in ('pg_catalog', 'information_schema')"
                            + " and data_type in ('text', 'character varying', 'character', 'jsonb', 'json', 'bytea', 'ARRAY')")) {
                while (found.next()) {
                    columns.add(
                            new String[] {found.getString(1), found.getString(2), found.getString(3), found.getString(4)
                            });
                }
            }
            for (String[] column : columns) {
                String table = "\"" + column[0] + "\".\"" + column[1] + "\"";
                boolean bytes = column[3].equals("bytea");
                String select = "select " + (bytes ? "\"" + column[2] + "\"" : "\"" + column[2] + "\"::text") + " from "
                        + table;
                try (ResultSet rows = statement.executeQuery(select)) {
                    while (rows.next()) {
                        String where = column[1] + "." + column[2];
                        if (bytes) {
                            byte[] value = rows.getBytes(1);
                            if (value != null) {
                                values++;
                                scan.scan("database", where, value);
                            }
                        } else {
                            String value = rows.getString(1);
                            if (value != null) {
                                values++;
                                scan.scan("database", where, value);
                            }
                        }
                    }
                }
            }
        }
        return values;
    }
}
