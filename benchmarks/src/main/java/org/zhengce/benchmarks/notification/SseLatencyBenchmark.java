package org.zhengce.benchmarks.notification;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.benchmarks.Benchmark;
import org.zhengce.benchmarks.BenchmarkContext;
import org.zhengce.benchmarks.ResultRow;
import org.zhengce.events.CaseAssigned;
import org.zhengce.events.CaseEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.Urgency;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;
import org.zhengce.schemas.serde.SerdeConfig;

/**
 * From a {@code CaseAssigned} sent to {@code case.events} to its alert read off the advisor's server-sent event
 * stream, through a running notification-service: the consumer, the batch transaction that raises the alert, the
 * fan-out after the commit and the SSE write. Events go at a fixed rate, round robin over the advisors; every alert
 * must arrive exactly once.
 */
public final class SseLatencyBenchmark implements Benchmark {

    /** The goal: an advisor sees an alert within a second of the case event. */
    static final double GOAL_P99_MILLIS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(SseLatencyBenchmark.class);
    private static final String CASE_EVENTS = "case.events";
    private static final String COMMUNITY = "110105001001";
    private static final Pattern CASE_ID = Pattern.compile("\"caseId\":\"([0-9a-f-]{36})\"");

    private final int rate;
    private final int seconds;
    private final int warmupSeconds;
    private final int advisors;

    /** {@code bench.notification.rate} (50 events/s), {@code .seconds} (60), {@code .warmup} (15), {@code .advisors} (20). */
    public SseLatencyBenchmark() {
        this(
                Integer.getInteger("bench.notification.rate", 50),
                Integer.getInteger("bench.notification.seconds", 60),
                Integer.getInteger("bench.notification.warmup", 15),
                Integer.getInteger("bench.notification.advisors", 20));
    }

    SseLatencyBenchmark(int rate, int seconds, int warmupSeconds, int advisors) {
        if (rate < 1 || seconds < 1 || warmupSeconds < 0 || advisors < 1) {
            throw new IllegalArgumentException("bench.notification.rate, .seconds and .advisors must be at least 1,"
                    + " .warmup at least 0; were " + rate + ", " + seconds + ", " + advisors + ", " + warmupSeconds);
        }
        this.rate = rate;
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
        this.advisors = advisors;
    }

    @Override
    public String name() {
        return "Notification case.events → SSE";
    }

    @Override
    public String method() {
        return "Notification case.events → SSE: notification-service runs in the benchmark JVM with its own"
                + " notification-service.yml on an embedded PostgreSQL (a separate process), accepting JWTs of a key"
                + " made by the benchmark. " + advisors + " advisors each hold one SSE connection (GET /alerts/stream,"
                + " java.net.http, read line by line on its own thread). A producer (acks=all, idempotent, linger.ms=0,"
                + " ConfluentAvroSerializer) sends CaseAssigned events with fresh case ids to case.events (6"
                + " partitions) at a fixed rate of " + rate + " events/s, round robin over the advisors: "
                + warmupSeconds + " s unmeasured, then " + seconds + " s measured. Latency is from just before send()"
                + " to the moment the alert's data line is read on its advisor's stream (System.nanoTime, one JVM);"
                + " each alert must arrive once (a duplicate or a missing alert fails the case). The path measured:"
                + " the broker, the listener's poll, the batch transaction (event id, advisor, sequence, alert and"
                + " deliveries), the in-JVM fan-out after the commit and the SSE write.";
    }

    @Override
    public ResultRow run(BenchmarkContext context) throws Exception {
        context.createTopic(CASE_EVENTS, 6);
        NotificationFixture notification = context.shared(
                NotificationFixture.class,
                () -> NotificationFixture.start(context.bootstrapServers(), context.registryUrl()));
        try (Streams streams = new Streams(notification, advisors);
                KafkaProducer<String, CaseEvent> producer = producer(context)) {
            streams.awaitConnected(Duration.ofSeconds(60));
            log.info("{}: {} streams open; {} s warm-up at {} events/s", name(), advisors, warmupSeconds, rate);
            long sent = send(producer, streams, context.startedAt(), "warmup", warmupSeconds * rate, false);
            streams.awaitAll(sent, Duration.ofSeconds(60));
            streams.reset();
            log.info("{}: measuring {} s at {} events/s", name(), seconds, rate);
            long measured = send(producer, streams, context.startedAt(), "measured", seconds * rate, true);
            streams.awaitAll(measured, Duration.ofSeconds(60));
            double[] millis = streams.latenciesMillis();
            Arrays.sort(millis);
            double p50 = percentile(millis, 0.50);
            double p99 = percentile(millis, 0.99);
            double max = millis[millis.length - 1];
            log.info(String.format(
                    Locale.ROOT,
                    "%s: %,d alerts, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, duplicates %d",
                    name(),
                    millis.length,
                    p50,
                    percentile(millis, 0.90),
                    p99,
                    max,
                    streams.duplicates()));
            if (streams.duplicates() > 0) {
                throw new IllegalStateException(streams.duplicates() + " alerts arrived twice");
            }
            return new ResultRow(
                    String.format(
                            Locale.ROOT,
                            "%s latency, %d events/s for %d s (%,d alerts to %d advisors' streams), p50 / p99",
                            name(),
                            rate,
                            seconds,
                            millis.length,
                            advisors),
                    "—",
                    String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms (max %.1f ms)", p50, p99, max),
                    "—",
                    String.format(Locale.ROOT, "p99 < %.0f ms", GOAL_P99_MILLIS),
                    p99 < GOAL_P99_MILLIS);
        }
    }

    /** Sends {@code count} CaseAssigned at the fixed rate; how many were sent. */
    private long send(
            KafkaProducer<String, CaseEvent> producer,
            Streams streams,
            Instant run,
            String phase,
            int count,
            boolean measured)
            throws Exception {
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            UUID caseId = UUID.nameUUIDFromBytes(
                    ("bench-notification:" + run + ":" + phase + ":" + i).getBytes(StandardCharsets.UTF_8));
            String advisor = "bench-advisor-" + (i % advisors);
            CaseEvent event = CaseEvent.newBuilder()
                    .setEventId(UUID.nameUUIDFromBytes(("event:" + caseId).getBytes(StandardCharsets.UTF_8))
                            .toString())
                    .setCaseId(caseId.toString())
                    .setHousehold(new HouseholdNumber("H-BENCH-" + i))
                    .setCommunityCode(COMMUNITY)
                    .setOccurredAt(Instant.now())
                    .setUrgency(i % 5 == 0 ? Urgency.SOLVE_NOW : Urgency.IN_STAGES)
                    .setFact(CaseAssigned.newBuilder().setAdvisorId(advisor).build())
                    .build();
            streams.sent(caseId.toString(), System.nanoTime(), measured);
            producer.send(new ProducerRecord<>(CASE_EVENTS, caseId.toString(), event));
        }
        producer.flush();
        return count;
    }

    private static KafkaProducer<String, CaseEvent> producer(BenchmarkContext context) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(SerdeConfig.SCHEMA_REGISTRY_URL, context.registryUrl());
        ConfluentAvroSerializer<CaseEvent> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(config, false);
        KafkaProducer<String, CaseEvent> producer = new KafkaProducer<>(config, new StringSerializer(), serializer);
        producer.partitionsFor(CASE_EVENTS); // metadata outside the timing
        return producer;
    }

    static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** The advisors' SSE connections and what they received. */
    private static final class Streams implements AutoCloseable {

        private final HttpClient client = HttpClient.newHttpClient();
        private final List<Thread> readers = new ArrayList<>();
        private final List<InputStream> bodies = new ArrayList<>();
        private final CountDownLatch connected;
        private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
        private final Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        private final Map<String, Boolean> measured = new ConcurrentHashMap<>();
        private final AtomicLong received = new AtomicLong();
        private final AtomicLong duplicates = new AtomicLong();

        Streams(NotificationFixture notification, int advisors) throws Exception {
            connected = new CountDownLatch(advisors);
            for (int i = 0; i < advisors; i++) {
                String token = notification.advisorToken("bench-advisor-" + i, COMMUNITY);
                HttpRequest request = HttpRequest.newBuilder(URI.create(notification.base() + "/alerts/stream"))
                        .header("Accept", "text/event-stream")
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build();
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(
                            "stream of bench-advisor-" + i + " answered " + response.statusCode());
                }
                bodies.add(response.body());
                Thread reader = new Thread(() -> read(response.body()), "sse-bench-advisor-" + i);
                reader.setDaemon(true);
                reader.start();
                readers.add(reader);
            }
        }

        private void read(InputStream body) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith(":connected")) {
                        connected.countDown();
                    } else if (line.startsWith("data:")) {
                        long at = System.nanoTime();
                        Matcher caseId = CASE_ID.matcher(line);
                        if (caseId.find() && receivedAt.putIfAbsent(caseId.group(1), at) != null) {
                            duplicates.incrementAndGet();
                        }
                        received.incrementAndGet();
                    }
                }
            } catch (java.io.IOException e) {
                // the stream was closed at the end of the case
            }
        }

        void awaitConnected(Duration timeout) throws InterruptedException {
            if (!connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("streams not connected within " + timeout);
            }
        }

        void sent(String caseId, long at, boolean measure) {
            sentAt.put(caseId, at);
            measured.put(caseId, measure);
        }

        void awaitAll(long expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (received.get() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "only " + received.get() + " of " + expected + " alerts arrived within " + timeout);
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }

        void reset() {
            received.set(0);
        }

        long duplicates() {
            return duplicates.get();
        }

        double[] latenciesMillis() {
            return measured.entrySet().stream()
                    .filter(Map.Entry::getValue)
                    .mapToDouble(e -> {
                        Long received = receivedAt.get(e.getKey());
                        if (received == null) {
                            throw new IllegalStateException("no alert for case " + e.getKey());
                        }
                        return (received - sentAt.get(e.getKey())) / 1e6;
                    })
                    .toArray();
        }

        @Override
        public void close() {
            for (InputStream body : bodies) {
                try {
                    body.close();
                } catch (java.io.IOException e) {
                    // closing anyway
                }
            }
            readers.forEach(Thread::interrupt);
        }
    }
}
