package org.zhengce.benchmarks.intake;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.zhengce.benchmarks.BenchmarkContext;
import org.zhengce.benchmarks.data.DepartmentFeed;
import org.zhengce.embedded.EmbeddedDatabases;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.IntakeApplication;
import org.zhengce.intake.reading.EventJson;
import tools.jackson.databind.json.JsonMapper;

/**
 * Intake itself, in this JVM, on the run's broker and registry: its production code and configuration file
 * ({@code intake-service.yml}), started with {@link IntakeApplication#application()} as the launcher starts it, on an
 * embedded PostgreSQL of its own, with random keys. Every seeded department gets an API key through the admin API
 * and a rate limit of {@value #RATE_LIMIT} events/s, the most the admin API allows, so that no limit throttles the
 * benchmark. Started once for both intake cases; closed at the end of the run.
 */
public final class IntakeFixture implements AutoCloseable {

    /** Per department, events per second: the admin API's maximum. */
    static final int RATE_LIMIT = 100_000;

    private static final Logger log = LoggerFactory.getLogger(IntakeFixture.class);
    private static final String DATABASE = "intake";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final int WARM_UP_ATTEMPTS = 10;
    private static final int DEFAULT_WARM_UP_SECONDS = 120;
    private static final double JIT_SETTLED = 0.25;
    private static final int WARM_UP_NDJSON_EVENTS = 5_000;
    private static final int WARM_UP_SINGLE_EVENTS = 300;
    private static final int WARM_UP_CONNECTIONS = 8;

    /**
     * {@code intake.reporting.batch-wait}, 20 ms by default. EventController batches NDJSON lines with Reactor's
     * {@code bufferTimeout(size, wait)} before a {@code concatMap}; that variant does not wait for demand. When the
     * wait elapses in the middle of a body (read in pieces on busy cores), the first part goes into the pipeline,
     * and the rest, emitted when the body ends while that part is still there, finds no demand: the stream fails
     * with {@code OverflowException: Could not emit buffer due to lack of requests}, answered 500. With a longer
     * wait a 100-line body is one batch, as intake means it to be. (Reactor's {@code bufferTimeout(size, wait,
     * true)}, with fair back-pressure, is the fix in intake.)
     */
    static final String BATCH_WAIT = "1s";

    private final EmbeddedDatabases databases;
    private final ConfigurableApplicationContext intake;
    private final URI base;
    private final Map<String, String> apiKeys;
    private final int maxConcurrentRequests;
    private String warmUpSummary = "";

    private IntakeFixture(
            EmbeddedDatabases databases,
            ConfigurableApplicationContext intake,
            URI base,
            Map<String, String> apiKeys,
            int maxConcurrentRequests) {
        this.databases = databases;
        this.intake = intake;
        this.base = base;
        this.apiKeys = Map.copyOf(apiKeys);
        this.maxConcurrentRequests = maxConcurrentRequests;
    }

    /**
     * The run's intake, started by the first case that asks; {@code maxConcurrentRequests} raises
     * {@code intake.reporting.max-concurrent-requests} above its default of 64 when a case needs more in flight.
     */
    static IntakeFixture of(BenchmarkContext context, int maxConcurrentRequests) throws Exception {
        IntakeFixture fixture =
                context.shared(IntakeFixture.class, () -> start(context, Math.max(64, maxConcurrentRequests)));
        if (fixture.maxConcurrentRequests < maxConcurrentRequests) {
            throw new IllegalStateException("intake was started for " + fixture.maxConcurrentRequests
                    + " concurrent requests, a case wants " + maxConcurrentRequests);
        }
        return fixture;
    }

    private static IntakeFixture start(BenchmarkContext context, int maxConcurrentRequests) throws Exception {
        long started = System.nanoTime();
        EmbeddedDatabases databases =
                EmbeddedDatabases.builder().databases(DATABASE).start();
        ConfigurableApplicationContext intake = null;
        try {
            String adminKey = randomBase64();
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("server.port", "0");
            // the launcher (the platform case) brings Tomcat and Spring MVC to this classpath: stay reactive
            properties.put("spring.main.web-application-type", "reactive");
            properties.put("spring.kafka.bootstrap-servers", context.bootstrapServers());
            properties.put("spring.kafka.properties.schema.registry.url", context.registryUrl());
            properties.put("spring.r2dbc.url", databases.r2dbcUrl(DATABASE));
            // the runtime role (rows only), as intake insists; Flyway migrates as the owner
            properties.put("spring.r2dbc.username", databases.runtimeUsername(DATABASE));
            properties.put("spring.r2dbc.password", databases.runtimePassword(DATABASE));
            properties.put("spring.flyway.url", databases.jdbcUrl(DATABASE));
            properties.put("spring.flyway.user", databases.username(DATABASE));
            properties.put("spring.flyway.password", databases.password(DATABASE));
            properties.put("intake.pseudonyms.keys.bench1", randomBase64());
            properties.put("intake.pseudonyms.active-key-id", "bench1");
            properties.put("intake.pipeline.sealing-keys.bench1", randomBase64());
            properties.put("intake.pipeline.sealing-key-id", "bench1");
            properties.put("intake.pipeline.digest-keys.bench1", randomBase64());
            properties.put("intake.pipeline.digest-key-id", "bench1");
            properties.put("intake.admin.api-key-hash", sha256Hex(adminKey));
            properties.put("intake.topics.consume", "false");
            properties.put("intake.decisions.consume", "false");
            // Intake alone, without referral's directory on the jurisdictions topic: the demo city's communities as
            // the fixed list intake takes when it runs without referral.
            Path communities = Files.createTempFile("bench-communities", ".txt");
            communities.toFile().deleteOnExit();
            Files.write(communities, DepartmentFeed.communityCodes());
            properties.put("intake.pipeline.communities", communities.toUri().toString());
            properties.put("intake.reporting.max-concurrent-requests", Integer.toString(maxConcurrentRequests));
            properties.put("intake.reporting.batch-wait", BATCH_WAIT);
            // every request of a case may be one department's (the single-event case has 32 in flight)
            properties.put(
                    "intake.limits.max-concurrent-requests-per-department", Integer.toString(maxConcurrentRequests));
            properties.put("spring.main.banner-mode", "off");
            properties.put("spring.main.log-startup-info", "false");
            properties.put("logging.level.root", "WARN");
            String[] args = properties.entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new);
            intake = IntakeApplication.application().run(args);
            int port = ((WebServerApplicationContext) intake).getWebServer().getPort();
            URI base = URI.create("http://localhost:" + port);
            Map<String, String> apiKeys = admit(base, adminKey);
            firstEvent(base, apiKeys, context);
            log.info(
                    "Intake started on port {} with PostgreSQL on port {} in {} ms; {} departments with API keys and"
                            + " {} events/s each",
                    port,
                    databases.port(),
                    (System.nanoTime() - started) / 1_000_000,
                    apiKeys.size(),
                    RATE_LIMIT);
            IntakeFixture fixture = new IntakeFixture(databases, intake, base, apiKeys, maxConcurrentRequests);
            fixture.warmUp(context, warmUpBudget());
            return fixture;
        } catch (Exception | Error e) {
            if (intake != null) {
                intake.close();
            }
            databases.close();
            throw e;
        }
    }

    /** For every registered department: its rate limit raised to {@link #RATE_LIMIT}, then a new API key. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> admit(URI base, String adminKey) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(ADMIN_TIMEOUT)
                .build();
        List<Map<String, Object>> departments =
                JSON.readValue(admin(client, base, adminKey, "GET", "/admin/departments", null, 200), List.class);
        Map<String, String> keys = new LinkedHashMap<>();
        for (Map<String, Object> department : departments) {
            String code = (String) department.get("code");
            Map<String, Object> terms = new LinkedHashMap<>();
            terms.put("name", department.get("name"));
            terms.put("allowedEventTypes", department.get("allowedEventTypes"));
            terms.put("jurisdictionScope", department.get("jurisdictionScope"));
            terms.put("rateLimitPerSecond", RATE_LIMIT);
            admin(client, base, adminKey, "PUT", "/admin/departments/" + code, JSON.writeValueAsBytes(terms), 200);
            Map<String, Object> issued = JSON.readValue(
                    admin(client, base, adminKey, "POST", "/admin/departments/" + code + "/api-keys", null, 201),
                    Map.class);
            keys.put(code, (String) issued.get("apiKey"));
        }
        return keys;
    }

    /**
     * Sends one event alone, on a connection of its own, until it is accepted. Intake's serializer registers
     * household.events' schema with the registry on its first event, a blocking HTTP call made on the Netty event
     * loop that serves the request; in this JVM the registry's server runs on the same shared event loops, so
     * several first requests at once block every loop and each call waits for its 10 s timeout (the event is then
     * rejected). One request alone leaves the other loops free to answer; after it the schema id is cached.
     */
    private static void firstEvent(URI base, Map<String, String> apiKeys, BenchmarkContext context)
            throws IOException, InterruptedException {
        EventJson json = new EventJson();
        for (int attempt = 1; attempt <= WARM_UP_ATTEMPTS; attempt++) {
            DepartmentEvent event = DepartmentFeed.generate(
                            context.settings().seed(),
                            1,
                            Instant.now(),
                            "wu-" + IntakeRounds.batchLabel("a" + attempt, context.startedAt(), 0))
                    .get(0);
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(ADMIN_TIMEOUT)
                    .build();
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/events"))
                    .timeout(Duration.ofSeconds(60))
                    .header("X-API-Key", apiKeys.get(event.getDepartment().name()))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeBytes(event)))
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202 && response.body().contains("\"status\":\"accepted\"")) {
                log.info("Intake accepted its warm-up event on attempt {}", attempt);
                return;
            }
            log.warn(
                    "Intake's warm-up event {} answered {}; trying again on a new connection",
                    attempt,
                    response.statusCode());
        }
        throw new IllegalStateException("intake accepted none of " + WARM_UP_ATTEMPTS + " warm-up events");
    }

    /** {@code -Dbench.intake.warmup}: seconds of unmeasured load at most, {@value #DEFAULT_WARM_UP_SECONDS} by default. */
    static Duration warmUpBudget() {
        String value = System.getProperty("bench.intake.warmup");
        if (value == null || value.isBlank()) {
            return Duration.ofSeconds(DEFAULT_WARM_UP_SECONDS);
        }
        try {
            int seconds = Integer.parseInt(value.strip());
            if (seconds < 0) {
                throw new IllegalArgumentException("bench.intake.warmup must be 0 or more seconds, was " + seconds);
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "bench.intake.warmup must be a whole number of seconds, was '" + value + "'", e);
        }
    }

    /**
     * Loads intake, unmeasured, with passes of fresh NDJSON and single events until the JIT compiler has caught up
     * (it compiles for less than {@value #JIT_SETTLED} of a pass's wall time) or {@code budget} is spent. Intake
     * brings much more hot code than the raw clients (WebFlux, Security, Reactor, R2DBC, Jackson, Avro, Micrometer):
     * on two cores the two compiler threads take minutes to compile it while they compete with the load, and a
     * round measured before then measures the compiler as much as intake.
     */
    private void warmUp(BenchmarkContext context, Duration budget) throws InterruptedException {
        if (budget.isZero()) {
            warmUpSummary = "Intake had no load warm-up (bench.intake.warmup=0).";
            return;
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean watchJit = jit != null && jit.isCompilationTimeMonitoringSupported();
        EventJson json = new EventJson();
        HttpClient client = IntakeRounds.httpClient();
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        int passes = 0;
        long events = 0;
        double compilingShare = Double.NaN;
        boolean settled = false;
        while (!settled && System.nanoTime() < deadline) {
            IntakeRounds.PreparedRound ndjson = IntakeRounds.ndjson(
                    this,
                    json,
                    DepartmentFeed.generate(
                            context.settings().seed(),
                            WARM_UP_NDJSON_EVENTS,
                            context.startedAt(),
                            IntakeRounds.batchLabel("wn", context.startedAt(), passes)));
            IntakeRounds.PreparedRound single = IntakeRounds.single(
                    this,
                    json,
                    DepartmentFeed.generate(
                            context.settings().seed(),
                            WARM_UP_SINGLE_EVENTS,
                            context.startedAt(),
                            IntakeRounds.batchLabel("ws", context.startedAt(), passes)));
            long passStart = System.nanoTime();
            long compiledBefore = watchJit ? jit.getTotalCompilationTime() : 0;
            IntakeRounds.post(client, ndjson.posts(), WARM_UP_CONNECTIONS, IntakeRounds::checkNdjson, false);
            IntakeRounds.post(client, single.posts(), WARM_UP_CONNECTIONS, IntakeRounds::checkSingle, false);
            passes++;
            events += ndjson.eventCount() + single.eventCount();
            if (watchJit) {
                double passMillis = (System.nanoTime() - passStart) / 1e6;
                compilingShare = (jit.getTotalCompilationTime() - compiledBefore) / passMillis;
                settled = compilingShare < JIT_SETTLED;
                log.info(
                        "Intake warm-up pass {}: the JIT compiled for {}% of the pass",
                        passes, Math.round(100 * compilingShare));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        warmUpSummary = String.format(
                Locale.ROOT,
                "Before the first round intake was loaded, unmeasured, for %.0f s (%,d fresh events in %d passes of"
                        + " NDJSON and single requests on %d connections) %s.",
                seconds,
                events,
                passes,
                WARM_UP_CONNECTIONS,
                !watchJit
                        ? "(the JVM does not report compilation time, so for the whole budget)"
                        : settled
                                ? String.format(
                                        Locale.ROOT,
                                        "until the JIT compiler worked for less than %.0f%% of a pass (%.0f%% in the"
                                                + " last)",
                                        100 * JIT_SETTLED,
                                        100 * compilingShare)
                                : String.format(
                                        Locale.ROOT,
                                        "until its limit of %d s, the JIT compiler still working for %.0f%% of the"
                                                + " last pass",
                                        budget.toSeconds(),
                                        100 * compilingShare));
        log.info(warmUpSummary);
    }

    /** How intake was warmed up before the first round, for the report's method. */
    String warmUpSummary() {
        return warmUpSummary;
    }

    private static byte[] admin(
            HttpClient client,
            URI base,
            String adminKey,
            String method,
            String path,
            byte @Nullable [] body,
            int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(ADMIN_TIMEOUT)
                .header("X-API-Key", adminKey)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ", not "
                    + expected + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    /** Where intake listens, e.g. {@code http://localhost:41234}. */
    URI base() {
        return base;
    }

    /** The API key ({@code <keyId>.<secret>}) of the department {@code code}. */
    String apiKey(String code) {
        String key = apiKeys.get(code);
        if (key == null) {
            throw new IllegalArgumentException(
                    "no API key for department " + code + "; intake has " + apiKeys.keySet());
        }
        return key;
    }

    @Override
    public void close() {
        try {
            intake.close();
        } finally {
            databases.close();
        }
    }

    private static String randomBase64() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
