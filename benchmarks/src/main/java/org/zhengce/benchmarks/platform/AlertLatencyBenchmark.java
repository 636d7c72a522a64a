package org.zhengce.benchmarks.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.zhengce.benchmarks.Benchmark;
import org.zhengce.benchmarks.BenchmarkContext;
import org.zhengce.benchmarks.ResultRow;
import org.zhengce.democity.DemoCity;
import org.zhengce.democity.IdentityNumbers;
import org.zhengce.democity.IntakeJson;
import org.zhengce.democity.Resident;
import org.zhengce.democity.Story;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.launcher.LocalPlatform;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Event → advisor alert under load: the whole platform (the launcher, in this JVM) takes a steady background of the
 * demo city's department events through intake at a fixed rate, while probe households, each a copy of the demo's
 * "hospital bill of a dibao household" story with its own household number and identity numbers, receive the facts
 * that tip them. Latency is from the first tipping fact's POST to intake to its alert read on an advisor's (or
 * supervisor's) server-sent-event stream: intake, household.events, scoring, household.warnings, referral (case,
 * routing, outbox), case.events, notification, SSE.
 */
public final class AlertLatencyBenchmark implements Benchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** Issue 16's goal: p99 under half a second, sustained for ten minutes. */
    static final double GOAL_P99_MILLIS = 500;

    /** The goal's duration: judged on a run of at least this many measured seconds. */
    static final int GOAL_SECONDS = 600;

    /** Probe households the identity numbers allow (sequence numbers 100 to 999, two per probe). */
    private static final int MAX_PROBES = 440;

    private static final List<String> WATCHERS = List.of(
            "advisor-wang-fang",
            "advisor-li-na",
            "advisor-zhang-wei",
            "supervisor-jianwai",
            "supervisor-chaowai",
            "supervisor-chaoyang");

    private final int rate;
    private final int seconds;
    private final int warmupSeconds;
    private final int probesPerSecond;
    private final int lagEverySeconds;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * {@code bench.alert.rate} (2000 background events/s), {@code .seconds} (600 measured; 20 in a quick run),
     * {@code .warmup} (20; 10 in a quick run), {@code .probes} (2 probe households a second, fewer when the run
     * would need more than 440), {@code .lag-every} (per-stage lag sampled every 5 s).
     */
    public AlertLatencyBenchmark() {
        this.rate = Integer.getInteger("bench.alert.rate", 2000);
        this.seconds = Integer.getInteger("bench.alert.seconds", GOAL_SECONDS);
        this.warmupSeconds = Integer.getInteger("bench.alert.warmup", 20);
        this.probesPerSecond = Integer.getInteger("bench.alert.probes", 2);
        this.lagEverySeconds = Integer.getInteger("bench.alert.lag-every", 5);
        if (rate < 10 || seconds < 1 || warmupSeconds < 0 || probesPerSecond < 1 || lagEverySeconds < 1) {
            throw new IllegalArgumentException("bench.alert.rate must be at least 10, .seconds, .probes and"
                    + " .lag-every at least 1, .warmup 0 or more; were " + rate + ", " + seconds + ", "
                    + probesPerSecond + ", " + lagEverySeconds + ", " + warmupSeconds);
        }
    }

    /** Nanoseconds between probes: {@code bench.alert.probes} a second, or slower so that 440 last the run. */
    private long probeIntervalNanos() {
        long wanted = Duration.ofSeconds(1).toNanos() / probesPerSecond;
        long spread = Duration.ofSeconds(warmupSeconds + seconds).toNanos() / MAX_PROBES;
        return Math.max(wanted, spread);
    }

    @Override
    public String name() {
        return "Event → advisor alert";
    }

    @Override
    public String method() {
        return "Event → advisor alert: the launcher's whole platform in the benchmark JVM (its own in-process broker,"
                + " registry, PostgreSQL and authorisation server; demo feed off), " + rate + " background events/s"
                + " of the demo city's department history (300 households) posted to intake as NDJSON batches of"
                + " up to 100 lines per department with the departments' client-credentials tokens, " + warmupSeconds
                + " s unmeasured then " + seconds + " s measured. " + probesPerSecond + " probe households a second,"
                + " each a copy of the demo's dibao-household story (own household number and identity numbers;"
                + " registration, dibao and standing records sent before the load), get their three tipping facts"
                + " (hospital admission and discharge, then the medical bill; probes spaced so that at most 440"
                + " last the run); latency is from the first of those"
                + " POSTs to the first alert of the probe's case read on any of the demo advisors' and supervisors'"
                + " SSE streams (java.net.http, one JVM, System.nanoTime): p50, p99, max. A probe with no alert 30 s"
                + " after the end counts as missing. Per-stage lag, sampled every " + lagEverySeconds + " s while"
                + " the load runs (Admin.listOffsets, Admin.listConsumerGroupOffsets): intake (events posted, as the"
                + " schedule made them due, not yet on household.events), scoring's consumer group on"
                + " household.events, referral's on household.warnings, notification's on case.events; start, max"
                + " and end over the measured window, flat when the end is at most twice the start plus one second"
                + " of load (" + rate + " records). The goal is judged on a run of at least " + GOAL_SECONDS
                + " measured seconds.";
    }

    @Override
    public ResultRow run(BenchmarkContext context) throws Exception {
        return rows(context).get(0);
    }

    /** The latency (the goal's row), then each stage's lag. */
    @Override
    public List<ResultRow> rows(BenchmarkContext context) throws Exception {
        Path data = Files.createTempDirectory("bench-platform");
        try (LocalPlatform platform = LocalPlatform.start(data, false)) {
            return measure(platform);
        }
    }

    private List<ResultRow> measure(LocalPlatform platform) throws Exception {
        LocalDate day = LocalDate.now(CHINA);
        Instant asOf = day.atStartOfDay(CHINA).toInstant();
        DemoCity city = DemoCity.builder().seed(20261201L).households(300).build();
        Story template = city.stories(asOf, "probe").stream()
                .filter(story -> story.title().contains("hospital"))
                .findFirst()
                .orElseThrow();
        Map<String, String> tokens = new ConcurrentHashMap<>();
        String intake = platform.url("intake-service") + "/events";
        ExecutorService senders = Executors.newFixedThreadPool(8);
        Semaphore inFlight = new Semaphore(8);
        AtomicLong sent = new AtomicLong();
        // events the schedule has made due (load and probes), for intake's lag
        AtomicLong posted = new AtomicLong();
        StageLag lag = null;
        try {
            // each department may send as fast as the load needs (the seeded limits are far below 2,000 events/s)
            raiseRateLimits(platform, platform.url("intake-service"), platform.userToken("admin"));
            // unmeasured: the city and every probe's baseline
            long probeInterval = probeIntervalNanos();
            int probes = (int) Math.min(
                    MAX_PROBES, Duration.ofSeconds(warmupSeconds + seconds).toNanos() / probeInterval + 1);
            List<Probe> all = new ArrayList<>();
            for (int k = 0; k < probes; k++) {
                all.add(probe(template, k));
            }
            sendAll(platform, tokens, intake, city.registrations(asOf, "bench"));
            sendAll(platform, tokens, intake, city.standingRecords(asOf, "bench"));
            for (Probe probe : all) {
                for (String line : probe.baseline()) {
                    post(platform, tokens, intake, departmentOf(line), line);
                }
            }
            String supervisor = platform.userToken("supervisor-chaoyang");
            awaitPortrait(platform, supervisor, all.get(all.size() - 1).household());

            // the streams
            Map<String, Long> alertedAt = new ConcurrentHashMap<>();
            List<Thread> streams = new ArrayList<>();
            for (String watcher : WATCHERS) {
                streams.add(stream(platform.url("notification-service"), platform.userToken(watcher), alertedAt));
            }

            // the load and the probes
            Iterator<DepartmentEvent> history =
                    city.history(Integer.MAX_VALUE, asOf, "load").iterator();
            Map<String, Long> probedAt = new LinkedHashMap<>();
            long start = System.nanoTime();
            long end = start + Duration.ofSeconds(warmupSeconds + seconds).toNanos();
            long measuredFrom = start + Duration.ofSeconds(warmupSeconds).toNanos();
            long tick = Duration.ofMillis(100).toNanos();
            int perTick = Math.max(1, rate / 10);
            long nextProbe = start;
            int probeIndex = 0;
            long loadSentBefore = sent.get();
            long loadFrom = 0;
            lag = new StageLag(platform.bootstrapServers(), posted::get, Duration.ofSeconds(lagEverySeconds));
            for (long due = start; due < end; due += tick) {
                // the fixed rate: each 100 ms tick starts on time, whatever the previous one cost
                LockSupport.parkNanos(due - System.nanoTime());
                if (loadFrom == 0 && due >= measuredFrom) {
                    loadFrom = System.nanoTime();
                    loadSentBefore = sent.get();
                }
                Map<String, List<String>> batch = new HashMap<>();
                for (int i = 0; i < perTick && history.hasNext(); i++) {
                    DepartmentEvent event = history.next();
                    posted.incrementAndGet();
                    batch.computeIfAbsent(event.getDepartment().name(), d -> new ArrayList<>())
                            .add(new String(IntakeJson.line(event), StandardCharsets.UTF_8).strip());
                }
                for (Map.Entry<String, List<String>> department : batch.entrySet()) {
                    for (int from = 0; from < department.getValue().size(); from += 100) {
                        List<String> lines = department
                                .getValue()
                                .subList(
                                        from,
                                        Math.min(
                                                from + 100,
                                                department.getValue().size()));
                        inFlight.acquire();
                        senders.execute(() -> {
                            try {
                                postNdjson(platform, tokens, intake, department.getKey(), lines);
                                sent.addAndGet(lines.size());
                            } finally {
                                inFlight.release();
                            }
                        });
                    }
                }
                while (probeIndex < all.size() && System.nanoTime() >= nextProbe) {
                    Probe probe = all.get(probeIndex++);
                    posted.addAndGet(probe.trigger().size());
                    long at = System.nanoTime();
                    if (at >= measuredFrom) {
                        probedAt.put(probe.household(), at);
                    }
                    senders.execute(() -> {
                        for (String line : probe.trigger()) {
                            post(platform, tokens, intake, departmentOf(line), line);
                        }
                    });
                    nextProbe += probeInterval;
                }
            }
            long loadEnd = System.nanoTime();
            double loadRate = (sent.get() - loadSentBefore) / ((loadEnd - loadFrom) / 1e9);
            // the samples of the measured window, taken before the drain (where the load has stopped)
            List<StageLag.Sample> window = lag.between(measuredFrom, loadEnd);
            lag.close();
            lag = null;

            // drain: every measured probe's alert, or 30 s
            long drainUntil = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Map<String, String> caseHousehold = new ConcurrentHashMap<>();
            while (System.nanoTime() < drainUntil) {
                resolve(platform, supervisor, alertedAt, caseHousehold);
                if (caseHousehold.values().containsAll(probedAt.keySet())) {
                    break;
                }
                Thread.sleep(500);
            }
            streams.forEach(Thread::interrupt);
            double[] millis = probedAt.entrySet().stream()
                    .filter(probe -> householdAlertAt(alertedAt, caseHousehold, probe.getKey()) != null)
                    .mapToDouble(probe ->
                            (householdAlertAt(alertedAt, caseHousehold, probe.getKey()) - probe.getValue()) / 1e6)
                    .sorted()
                    .toArray();
            int missing = probedAt.size() - millis.length;
            double p50 = percentile(millis, 0.50);
            double p99 = percentile(millis, 0.99);
            boolean full = seconds >= GOAL_SECONDS;
            List<ResultRow> rows = new ArrayList<>();
            rows.add(new ResultRow(
                    String.format(
                            Locale.ROOT,
                            "%s latency at %,.0f background events/s (goal rate %,d) for %d s, %d probes (%d missing),"
                                    + " p50 / p99 / max",
                            name(),
                            loadRate,
                            rate,
                            seconds,
                            probedAt.size(),
                            missing),
                    "—",
                    String.format(
                            Locale.ROOT,
                            "p50 %.0f ms, p99 %.0f ms (max %.0f ms)",
                            p50,
                            p99,
                            millis.length == 0 ? Double.NaN : millis[millis.length - 1]),
                    "—",
                    String.format(
                                    Locale.ROOT,
                                    "p99 < %.0f ms for %d s, no probe missing",
                                    GOAL_P99_MILLIS,
                                    GOAL_SECONDS)
                            + (full ? "" : " (judged on a full-length run only)"),
                    full && missing == 0 && p99 < GOAL_P99_MILLIS && loadRate >= 0.95 * rate));
            rows.addAll(StageLag.rows(name(), window, rate));
            return rows;
        } finally {
            if (lag != null) {
                lag.close();
            }
            senders.shutdownNow();
        }
    }

    /** A copy of the story for probe {@code k}: its own household number, identity numbers and event ids. */
    private static Probe probe(Story template, int k) {
        Map<String, String> replacements = new LinkedHashMap<>();
        String household = "110105" + String.format(Locale.ROOT, "%06d", 500_000 + k);
        replacements.put(template.household().number(), household);
        for (Resident member : template.household().members()) {
            String number = member.identityNumber();
            LocalDate born =
                    LocalDate.parse(number.substring(6, 14), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            // the sequence's parity is the sex: keep it
            int sequence = Integer.parseInt(number.substring(14, 17));
            replacements.put(number, IdentityNumbers.of(born, 100 + 2 * k + sequence % 2));
        }
        return new Probe(
                household,
                template.baseline().stream().map(e -> copy(e, k, replacements)).toList(),
                template.trigger().stream().map(e -> copy(e, k, replacements)).toList());
    }

    private static String copy(DepartmentEvent event, int k, Map<String, String> replacements) {
        ObjectNode json = IntakeJson.write(event);
        json.put("eventId", json.get("eventId").asString() + "-p" + k);
        String text = json.toString();
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            text = text.replace(replacement.getKey(), replacement.getValue());
        }
        return text;
    }

    record Probe(String household, List<String> baseline, List<String> trigger) {}

    private static String departmentOf(String json) {
        return JSON.readTree(json).get("department").asString();
    }

    private void sendAll(
            LocalPlatform platform, Map<String, String> tokens, String intake, Stream<DepartmentEvent> events) {
        Map<String, List<String>> byDepartment = new LinkedHashMap<>();
        events.forEach(event -> byDepartment
                .computeIfAbsent(event.getDepartment().name(), d -> new ArrayList<>())
                .add(new String(IntakeJson.line(event), StandardCharsets.UTF_8).strip()));
        for (Map.Entry<String, List<String>> department : byDepartment.entrySet()) {
            List<String> lines = department.getValue();
            for (int from = 0; from < lines.size(); from += 100) {
                postNdjson(
                        platform,
                        tokens,
                        intake,
                        department.getKey(),
                        lines.subList(from, Math.min(from + 100, lines.size())));
            }
        }
    }

    private void post(
            LocalPlatform platform, Map<String, String> tokens, String intake, String department, String json) {
        send(platform, tokens, intake, department, "application/json", json);
    }

    private void postNdjson(
            LocalPlatform platform, Map<String, String> tokens, String intake, String department, List<String> lines) {
        send(platform, tokens, intake, department, "application/x-ndjson", String.join("\n", lines) + "\n");
    }

    private void send(
            LocalPlatform platform,
            Map<String, String> tokens,
            String intake,
            String department,
            String type,
            String body) {
        String token = tokens.computeIfAbsent(department, platform::departmentToken);
        try {
            for (int attempt = 0; attempt < 12; attempt++) {
                HttpResponse<String> answer = http.send(
                        HttpRequest.newBuilder(URI.create(intake))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", type)
                                .timeout(Duration.ofSeconds(60))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 || answer.statusCode() == 202) {
                    return;
                }
                if (answer.statusCode() != 429 && answer.statusCode() != 503) {
                    throw new IllegalStateException(
                            "intake answered " + answer.statusCode() + " for " + department + ": " + answer.body());
                }
                // intake says when to come back
                long seconds = answer.headers().firstValueAsLong("Retry-After").orElse(1);
                Thread.sleep(
                        Duration.ofSeconds(Math.max(1, Math.min(seconds, 5))).toMillis());
            }
            throw new IllegalStateException("intake kept refusing " + department + "'s events");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void raiseRateLimits(LocalPlatform platform, String intake, String admin) throws Exception {
        HttpResponse<String> departments = http.send(
                HttpRequest.newBuilder(URI.create(intake + "/admin/departments"))
                        .header("Authorization", "Bearer " + admin)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (departments.statusCode() != 200) {
            throw new IllegalStateException(
                    "intake's departments: " + departments.statusCode() + " " + departments.body());
        }
        for (JsonNode department : JSON.readTree(departments.body())) {
            ObjectNode terms = JSON.createObjectNode();
            terms.put("name", department.get("name").asString());
            terms.set("allowedEventTypes", department.get("allowedEventTypes"));
            terms.set("jurisdictionScope", department.get("jurisdictionScope"));
            terms.put(
                    "rateLimitPerSecond",
                    Math.max(10 * rate, department.get("rateLimitPerSecond").asInt()));
            HttpResponse<String> changed = http.send(
                    HttpRequest.newBuilder(URI.create(intake + "/admin/departments/"
                                    + department.get("code").asString()))
                            .header("Authorization", "Bearer " + admin)
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(terms.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (changed.statusCode() != 200) {
                throw new IllegalStateException("intake refused new terms for " + department.get("code") + ": "
                        + changed.statusCode() + " " + changed.body());
            }
        }
    }

    private void awaitPortrait(LocalPlatform platform, String token, String household) throws Exception {
        long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < until) {
            HttpResponse<String> portrait = http.send(
                    HttpRequest.newBuilder(URI.create(
                                    platform.url("scoring-service") + "/households/" + household + "/portrait"))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (portrait.statusCode() == 200 && portrait.body().contains("DIBAO")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("scoring did not take the probes' baselines within 3 minutes");
    }

    /** Reads a user's stream; records the first time each case is alerted. */
    private Thread stream(String notification, String token, Map<String, Long> alertedAt) {
        Thread thread = new Thread(
                () -> {
                    try {
                        HttpResponse<Stream<String>> response = http.send(
                                HttpRequest.newBuilder(URI.create(notification + "/alerts/stream"))
                                        .header("Authorization", "Bearer " + token)
                                        .header("Accept", "text/event-stream")
                                        .build(),
                                HttpResponse.BodyHandlers.ofLines());
                        response.body().forEach(line -> {
                            if (line.startsWith("data:")) {
                                long at = System.nanoTime();
                                JsonNode alert = JSON.readTree(line.substring(5).trim());
                                alertedAt.putIfAbsent(alert.get("caseId").asString(), at);
                            }
                        });
                    } catch (java.io.IOException | java.io.UncheckedIOException e) {
                        // closed (the lines' stream throws the unchecked one when the case closes it while reading)
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "bench-sse");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The household of every alerted case not resolved yet (referral's case, read as the district supervisor). */
    private void resolve(
            LocalPlatform platform, String token, Map<String, Long> alertedAt, Map<String, String> caseHousehold)
            throws Exception {
        for (String caseId : alertedAt.keySet()) {
            if (caseHousehold.containsKey(caseId)) {
                continue;
            }
            HttpResponse<String> found = http.send(
                    HttpRequest.newBuilder(URI.create(platform.url("referral-service") + "/cases/" + caseId))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (found.statusCode() == 200) {
                caseHousehold.put(
                        caseId,
                        JSON.readTree(found.body()).get("householdNumber").asString());
            }
        }
    }

    private static @Nullable Long householdAlertAt(
            Map<String, Long> alertedAt, Map<String, String> caseHousehold, String household) {
        return caseHousehold.entrySet().stream()
                .filter(entry -> entry.getValue().equals(household))
                .map(entry -> alertedAt.get(entry.getKey()))
                .findFirst()
                .orElse(null);
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
