package org.zhengce.benchmarks.intake;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.benchmarks.AlternatingRounds;
import org.zhengce.benchmarks.BenchmarkContext;
import org.zhengce.benchmarks.data.DepartmentFeed;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.reading.EventJson;
import org.zhengce.schemas.registry.HttpSchemaRegistryClient;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;

/**
 * What both intake cases share: the HTTP load (a fixed number of connections, each sending its next request as soon
 * as the previous one is answered), the checks that every event was accepted, and the raw side (a producer with
 * intake's settings sending the same events' Avro records).
 */
final class IntakeRounds {

    /** Intake's producer settings ({@code intake-service.yml}), which the raw producer uses too. */
    static final String PRODUCER_SETTINGS = "acks=all, enable.idempotence=true, compression.type=lz4, linger.ms=5,"
            + " batch.size 16384 (Kafka's default, which intake keeps)";

    /** Partitions of the raw topic: those of household.events in the topic catalogue. */
    static final int RAW_PARTITIONS = 12;

    /** A raw round sends the events this many times over at least, so that it lasts long enough to time. */
    static final long RAW_MIN_RECORDS = 200_000;

    /** Events per NDJSON request. */
    static final int EVENTS_PER_REQUEST = 100;

    static final String NDJSON = "application/x-ndjson";
    static final String JSON = "application/json";

    private static final Logger log = LoggerFactory.getLogger(IntakeRounds.class);
    private static final String ACCEPTED = "\"status\":\"accepted\"";
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    private static final DateTimeFormatter LABEL_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private IntakeRounds() {}

    /** One HTTP request of a round, prepared before the round runs, and the events it carries. */
    record Post(HttpRequest request, int events) {}

    /**
     * One round of ours: its requests, how many events they carry, and those events (kept for the first round only,
     * whose events the raw side sends; the other rounds keep just their request bodies).
     */
    record PreparedRound(List<Post> posts, int eventCount, List<DepartmentEvent> events) {

        PreparedRound withoutEvents() {
            return new PreparedRound(posts, eventCount, List.of());
        }
    }

    /** Checks one answer; throws unless every event of the request was accepted. */
    @FunctionalInterface
    interface Check {
        void check(HttpResponse<byte[]> response, Post post);
    }

    /**
     * The label of a round's event ids: the case, the run's start (UTC, to the second) and the round, e.g.
     * {@code nd-20261123T121314-r03}, so that every event of every round and run is new to intake's ledger.
     */
    static String batchLabel(String prefix, Instant startedAt, int round) {
        return prefix + "-" + LABEL_TIME.format(startedAt) + "-r" + String.format(Locale.ROOT, "%02d", round);
    }

    /** Connections of a case: {@code -D<property>}, or the case's default. */
    static int connections(String property, int defaultValue) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < 1 || parsed > 1_000) {
                throw new IllegalArgumentException(property + " must be 1 to 1000, was " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property + " must be a whole number, was '" + value + "'", e);
        }
    }

    /** The benchmark's HTTP client: HTTP/1.1, so that {@code n} requests in flight are {@code n} connections. */
    static HttpClient httpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /**
     * NDJSON requests of {@code events}, in generation order, gathered per department into bodies of
     * {@value #EVENTS_PER_REQUEST} lines ({@link EventJson#writeBytes} and a line end), each sent when it is full; a
     * department's last, partial body is left out, so every request carries exactly {@value #EVENTS_PER_REQUEST}.
     */
    static PreparedRound ndjson(IntakeFixture intake, EventJson json, List<DepartmentEvent> events) {
        Map<String, ByteArrayOutputStream> bodies = new LinkedHashMap<>();
        Map<String, List<DepartmentEvent>> open = new LinkedHashMap<>();
        List<Post> posts = new ArrayList<>();
        List<DepartmentEvent> sent = new ArrayList<>();
        for (DepartmentEvent event : events) {
            String department = event.getDepartment().name();
            ByteArrayOutputStream body =
                    bodies.computeIfAbsent(department, code -> new ByteArrayOutputStream(EVENTS_PER_REQUEST * 512));
            List<DepartmentEvent> inBody = open.computeIfAbsent(department, code -> new ArrayList<>());
            body.writeBytes(json.writeBytes(event));
            body.write('\n');
            inBody.add(event);
            if (inBody.size() == EVENTS_PER_REQUEST) {
                posts.add(new Post(request(intake, department, NDJSON, body.toByteArray()), EVENTS_PER_REQUEST));
                sent.addAll(inBody);
                bodies.remove(department);
                open.remove(department);
            }
        }
        return new PreparedRound(List.copyOf(posts), sent.size(), List.copyOf(sent));
    }

    /** One {@code application/json} request per event, with its department's key. */
    static PreparedRound single(IntakeFixture intake, EventJson json, List<DepartmentEvent> events) {
        List<Post> posts = new ArrayList<>(events.size());
        for (DepartmentEvent event : events) {
            posts.add(new Post(request(intake, event.getDepartment().name(), JSON, json.writeBytes(event)), 1));
        }
        return new PreparedRound(List.copyOf(posts), events.size(), List.copyOf(events));
    }

    static HttpRequest request(IntakeFixture intake, String department, String contentType, byte[] body) {
        return HttpRequest.newBuilder(intake.base().resolve("/events"))
                .timeout(REQUEST_TIMEOUT)
                .header("X-API-Key", intake.apiKey(department))
                .header("Content-Type", contentType)
                .header("Accept", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** The rounds' requests in order, each taken once; fails if a case runs more rounds than it prepared. */
    static AlternatingRounds.Round ours(HttpClient client, List<PreparedRound> rounds, int connections, Check check) {
        Iterator<PreparedRound> next = rounds.iterator();
        return () -> {
            if (!next.hasNext()) {
                throw new IllegalStateException("only " + rounds.size() + " rounds of fresh events were prepared");
            }
            return post(client, next.next().posts(), connections, check, true);
        };
    }

    /**
     * Sends every request on {@code connections} concurrent connections, each taking the next request once its
     * previous one is answered, and returns the nanoseconds from the first send to the last answer.
     */
    static long post(HttpClient client, List<Post> posts, int connections, Check check, boolean logLatencies)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] latencies = new long[posts.size()];
        Runnable worker = () -> {
            while (failure.get() == null) {
                int index = next.getAndIncrement();
                if (index >= posts.size()) {
                    return;
                }
                Post post = posts.get(index);
                try {
                    long sent = System.nanoTime();
                    HttpResponse<byte[]> response =
                            client.send(post.request(), HttpResponse.BodyHandlers.ofByteArray());
                    latencies[index] = System.nanoTime() - sent;
                    check.check(response, post);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        List<Thread> threads = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++) {
            threads.add(new Thread(worker, "bench-intake-client-" + i));
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        long elapsed = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException("intake did not accept every event", failure.get());
        }
        if (!logLatencies) {
            return elapsed;
        }
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        log.info(
                "{} requests on {} connections answered in {} ms (median), {} ms (p99), {} ms (max)",
                posts.size(),
                connections,
                millis(sorted[sorted.length / 2]),
                millis(sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)]),
                millis(sorted[sorted.length - 1]));
        return elapsed;
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    /** An NDJSON answer: 200, one result line per event, each {@code accepted}. */
    static void checkNdjson(HttpResponse<byte[]> response, Post post) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("NDJSON request answered " + response.statusCode() + ": " + shorten(body));
        }
        int lines = 0;
        for (String line : body.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            lines++;
            if (!line.contains(ACCEPTED)) {
                throw new IllegalStateException("a result line is not accepted: " + shorten(line));
            }
        }
        if (lines != post.events()) {
            throw new IllegalStateException(
                    "expected " + post.events() + " result lines, got " + lines + ": " + shorten(body));
        }
    }

    /** A single event's answer: 202 with status {@code accepted} (not {@code duplicate}). */
    static void checkSingle(HttpResponse<byte[]> response, Post post) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() != 202 || !body.contains(ACCEPTED)) {
            throw new IllegalStateException("event answered " + response.statusCode() + ": " + shorten(body));
        }
    }

    private static String shorten(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "…";
    }

    // ---- the raw side ----

    /** A byte-array producer with intake's producer settings. */
    static KafkaProducer<byte[], byte[]> rawProducer(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The events' values as our serializer writes them (Confluent wire format), on a registry client of its own. */
    static List<byte[]> serialise(BenchmarkContext context, String topic, List<DepartmentEvent> events) {
        HttpSchemaRegistryClient registry =
                new HttpSchemaRegistryClient(HttpSchemaRegistryClient.parseUrls(context.registryUrl()), null);
        try (ConfluentAvroSerializer<DepartmentEvent> serializer = new ConfluentAvroSerializer<>(registry)) {
            return events.stream()
                    .map(event -> serializer.serialize(topic, event))
                    .toList();
        }
    }

    /** How many times a raw round sends {@code events} events to reach {@link #RAW_MIN_RECORDS}. */
    static int rawPasses(int events) {
        return (int) Math.max(1, (RAW_MIN_RECORDS + events - 1) / events);
    }

    /** Sends every (key, value) {@code passes} times over, flushes, and returns the nanoseconds to the last ack. */
    static long produce(
            KafkaProducer<byte[], byte[]> producer, String topic, List<byte[]> keys, List<byte[]> values, int passes) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        for (int pass = 0; pass < passes; pass++) {
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(topic, keys.get(i), values.get(i)), (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    }
                });
            }
        }
        producer.flush();
        long elapsed = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException("a send to " + topic + " failed", failure.get());
        }
        return elapsed;
    }

    /** The keys of the events, as long as intake's ({@link DepartmentFeed#key}). */
    static List<byte[]> keys(List<DepartmentEvent> events) {
        return events.stream().map(DepartmentFeed::key).toList();
    }

    static double meanBytes(List<byte[]> values) {
        return values.stream().mapToInt(bytes -> bytes.length).average().orElse(0);
    }
}
