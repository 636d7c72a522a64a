package org.zhengce.democity.feed;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.democity.DemoCity;
import org.zhengce.democity.Incidents;
import org.zhengce.democity.IntakeJson;
import org.zhengce.democity.Story;
import org.zhengce.events.Department;
import org.zhengce.intake.DepartmentEvent;
import tools.jackson.databind.JsonNode;

/**
 * The demo city's departments reporting to intake over its HTTP API, as a local run's steady trickle: first civil
 * affairs registers every household, then each department sends its standing records, then the four scripted
 * stories' events (so that warnings, cases and alerts appear within a minute), then incidents at
 * {@code eventsPerSecond}, each department posting NDJSON batches with its own API key.
 *
 * <p>Polite: waits for intake's readiness; on 429 or 503 waits as long as {@code Retry-After} says (else backs off
 * from 1 s to 30 s) and sends the same batch again; re-sends lines answered {@code pending}; re-issues a department's
 * key once if it was revoked (401) and an admin key was given. Idempotent across restarts on the same day: the
 * standing records and stories carry the day in their ids (label {@code d<yyyyMMdd>}), so a restart re-sends them as
 * duplicates; the incidents carry the start time. Logs one summary line a minute and never an identity number (nor a
 * key).
 *
 * <pre>{@code
 * DemoFeed feed = DemoFeed.builder()
 *         .intake(URI.create("http://localhost:8181"))
 *         .adminApiKey(adminKey)
 *         .build();
 * feed.start();
 * ...
 * feed.close();
 * }</pre>
 */
public final class DemoFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoFeed.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final int PENDING_RESENDS = 5;

    /** Where the feed is. */
    public enum Phase {
        NOT_STARTED,
        WAITING_FOR_INTAKE,
        REGISTERING,
        STANDING_RECORDS,
        STORIES,
        TRICKLE,
        STOPPED
    }

    /**
     * Totals since start. {@code sent} counts events posted (a re-send counts again); the outcomes are intake's answers.
     */
    public record Summary(
            long sent,
            long accepted,
            long duplicates,
            long rejected,
            long conflicts,
            long pending,
            long retries,
            long failedRequests,
            Phase phase) {}

    private final URI intake;
    private final @Nullable String adminApiKey;
    private final Map<Department, String> keys = new ConcurrentHashMap<>();
    private final DemoCity city;
    private final double eventsPerSecond;
    private final int batchSize;
    private final Clock clock;
    private final IntakeClient client;
    private final @Nullable String dayLabel;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final Counters total = new Counters();
    private final Counters minute = new Counters();
    private volatile Phase phase = Phase.NOT_STARTED;
    private volatile @Nullable Thread thread;
    private Instant lastSummary = Instant.EPOCH;

    private DemoFeed(Builder builder) {
        this.intake = builder.intake;
        this.adminApiKey = builder.adminApiKey;
        this.keys.putAll(builder.keys);
        this.city = DemoCity.builder()
                .seed(builder.seed)
                .households(builder.households)
                .build();
        this.eventsPerSecond = builder.eventsPerSecond;
        this.batchSize = builder.batchSize;
        this.clock = builder.clock;
        this.client = new IntakeClient(intake, builder.requestTimeout);
        this.dayLabel = builder.label;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the feed on a daemon thread of its own and returns at once. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the demo feed is started already");
        }
        Thread started = new Thread(this::run, "demo-feed");
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    /** Stops the feed: the request in flight is abandoned, and this returns once the thread has ended (10 s at most). */
    @Override
    public void close() {
        stop.countDown();
        Thread running = thread;
        if (running != null && running != Thread.currentThread()) {
            running.interrupt();
            try {
                running.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        phase = Phase.STOPPED;
    }

    public Phase phase() {
        return phase;
    }

    public Summary summary() {
        return total.summary(phase);
    }

    /** The city the feed reports on. */
    public DemoCity city() {
        return city;
    }

    private boolean stopped() {
        return stop.getCount() == 0;
    }

    private void run() {
        try {
            Instant start = clock.instant();
            lastSummary = start;
            LocalDate day = LocalDate.ofInstant(start, CHINA);
            Instant asOf = day.atStartOfDay(CHINA).toInstant();
            String label = dayLabel != null ? dayLabel : "d" + day.format(DateTimeFormatter.BASIC_ISO_DATE);
            String trickleLabel = "t"
                    + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT)
                            .withZone(CHINA)
                            .format(start);
            phase = Phase.WAITING_FOR_INTAKE;
            waitForIntake();
            List<Story> stories = city.stories(asOf, label);
            log.info(
                    "demo feed: {} households and {} stories of seed {} to {}, then {} events/s",
                    city.size(),
                    stories.size(),
                    city.seed(),
                    intake,
                    eventsPerSecond);
            phase = Phase.REGISTERING;
            send(Stream.concat(
                    city.registrations(asOf, label),
                    stories.stream().map(s -> s.baseline().get(0))));
            phase = Phase.STANDING_RECORDS;
            send(Stream.concat(
                    city.standingRecords(asOf, label),
                    stories.stream().flatMap(s -> s.baseline().stream().skip(1))));
            phase = Phase.STORIES;
            for (Story story : stories) {
                // in order, one event a request: a story's facts arrive as they happened
                for (DepartmentEvent event : story.trigger()) {
                    send(Stream.of(event));
                }
                log.info("demo feed: story sent: {} (expect {})", story.title(), story.expected());
            }
            phase = Phase.TRICKLE;
            trickle(city.incidents(1, trickleLabel));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Stopped e) {
            // close() was called
        } catch (RuntimeException e) {
            log.error("demo feed stopped by an error: {}", e.toString());
        } finally {
            phase = Phase.STOPPED;
            log.info("demo feed stopped: {}", total.line());
        }
    }

    private void waitForIntake() throws InterruptedException {
        Duration backoff = Duration.ofMillis(500);
        while (!client.ready()) {
            pause(backoff);
            backoff = min(backoff.multipliedBy(2), Duration.ofSeconds(5));
        }
    }

    /** Posts every event, per department in batches, flushing a department's batch when it is full and at the end. */
    private void send(Stream<DepartmentEvent> events) throws InterruptedException {
        Map<Department, List<DepartmentEvent>> batches = new LinkedHashMap<>();
        Iterator<DepartmentEvent> it = events.iterator();
        while (it.hasNext()) {
            DepartmentEvent event = it.next();
            List<DepartmentEvent> batch = batches.computeIfAbsent(event.getDepartment(), d -> new ArrayList<>());
            batch.add(event);
            if (batch.size() >= batchSize) {
                post(event.getDepartment(), batch);
                batch.clear();
            }
        }
        for (Map.Entry<Department, List<DepartmentEvent>> batch : batches.entrySet()) {
            if (!batch.getValue().isEmpty()) {
                post(batch.getKey(), batch.getValue());
            }
        }
    }

    private void trickle(Incidents incidents) throws InterruptedException {
        double due = 0;
        Instant next = clock.instant();
        while (!stopped()) {
            due += eventsPerSecond;
            List<DepartmentEvent> events = new ArrayList<>();
            while (due >= 1) {
                // a second before now: intake allows no clock skew, and this clock may run a little ahead of its
                List<DepartmentEvent> incident = incidents.next(clock.instant().minusSeconds(1));
                events.addAll(incident);
                due -= incident.size();
            }
            send(events.stream());
            next = next.plusSeconds(1);
            Duration wait = Duration.between(clock.instant(), next);
            if (wait.isNegative()) {
                next = clock.instant();
            } else {
                pause(wait);
            }
        }
    }

    private void post(Department department, List<DepartmentEvent> events) throws InterruptedException {
        List<DepartmentEvent> toSend = events;
        for (int round = 0; round <= PENDING_RESENDS && !toSend.isEmpty(); round++) {
            List<byte[]> lines = toSend.stream().map(IntakeJson::line).toList();
            IntakeClient.Answer answer = deliver(department, lines);
            if (answer == null) {
                return;
            }
            List<DepartmentEvent> pending = new ArrayList<>();
            List<JsonNode> results = IntakeClient.results(answer.body());
            for (int i = 0; i < results.size(); i++) {
                JsonNode result = results.get(i);
                String status = result.path("status").asString("");
                switch (status) {
                    case "accepted" -> count(c -> c.accepted);
                    case "duplicate" -> count(c -> c.duplicates);
                    case "pending" -> {
                        count(c -> c.pending);
                        int line = result.path("line").asInt(i + 1) - 1;
                        if (line >= 0 && line < toSend.size()) {
                            pending.add(toSend.get(line));
                        }
                    }
                    case "conflict" -> {
                        count(c -> c.conflicts);
                        log.warn(
                                "demo feed: {} event {} conflicts with an earlier one of the same id",
                                department,
                                result.path("eventId").asString(""));
                    }
                    default -> {
                        count(c -> c.rejected);
                        log.warn(
                                "demo feed: {} event {} {}: {}",
                                department,
                                result.path("eventId").asString(""),
                                status,
                                rules(result));
                    }
                }
            }
            toSend = pending;
            if (!pending.isEmpty()) {
                pause(Duration.ofSeconds(1));
            }
        }
        summaryIfDue();
    }

    /** The violations as field path and rule only: offending values stay out of the log. */
    private static String rules(JsonNode result) {
        List<String> rules = new ArrayList<>();
        for (JsonNode violation : result.path("violations")) {
            rules.add(violation.path("fieldPath").asString("") + " "
                    + violation.path("rule").asString(""));
        }
        return rules.isEmpty() ? "no reason given" : String.join(", ", rules);
    }

    /** Posts until intake answers 200 (null when the batch is given up: a refusal that a retry would not change). */
    private IntakeClient.@Nullable Answer deliver(Department department, List<byte[]> lines)
            throws InterruptedException {
        Duration backoff = Duration.ofSeconds(1);
        boolean reissued = false;
        while (true) {
            if (stopped()) {
                throw new Stopped();
            }
            IntakeClient.Answer answer;
            try {
                answer = client.post(key(department), lines);
                total.sent.addAndGet(lines.size());
                minute.sent.addAndGet(lines.size());
            } catch (IOException e) {
                count(c -> c.retries);
                log.debug(
                        "demo feed: intake not reachable ({}), retrying in {}",
                        e.getClass().getSimpleName(),
                        backoff);
                pause(backoff);
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
                continue;
            }
            if (answer.status() == 200) {
                return answer;
            }
            if (answer.retryable()) {
                count(c -> c.retries);
                Duration wait = answer.retryAfter() != null ? answer.retryAfter() : backoff;
                pause(min(wait, Duration.ofMinutes(2)));
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
                continue;
            }
            if (answer.status() == 401 && adminApiKey != null && !reissued) {
                // another caller issued this department a key, which revoked ours
                keys.remove(department);
                reissued = true;
                continue;
            }
            count(c -> c.failedRequests);
            log.warn(
                    "demo feed: intake refused {} events of {}: {} {}",
                    lines.size(),
                    department,
                    answer.status(),
                    IntakeClient.field(answer.body(), "title"));
            return null;
        }
    }

    private String key(Department department) throws IOException, InterruptedException {
        String key = keys.get(department);
        if (key != null) {
            return key;
        }
        if (adminApiKey == null) {
            throw new IllegalStateException("no API key for " + department + " and no admin key to issue one");
        }
        IntakeClient.Answer answer = client.issueKey(adminApiKey, department.name());
        if (answer.status() != 201) {
            throw new IOException("issuing a key for " + department + " answered " + answer.status());
        }
        String issued = IntakeClient.field(answer.body(), "apiKey");
        keys.put(department, issued);
        return issued;
    }

    private void summaryIfDue() {
        Instant now = clock.instant();
        if (Duration.between(lastSummary, now).compareTo(Duration.ofMinutes(1)) >= 0) {
            lastSummary = now;
            log.info("demo feed, last minute: {}; since start: {}; {}", minute.line(), total.line(), phase);
            minute.reset();
        }
    }

    private void count(java.util.function.Function<Counters, AtomicLong> which) {
        which.apply(total).incrementAndGet();
        which.apply(minute).incrementAndGet();
    }

    private void pause(Duration duration) throws InterruptedException {
        if (stop.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new Stopped();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Thrown out of a wait when the feed is closed. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("stopped", null, false, false);
        }
    }

    private static final class Counters {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong conflicts = new AtomicLong();
        final AtomicLong pending = new AtomicLong();
        final AtomicLong retries = new AtomicLong();
        final AtomicLong failedRequests = new AtomicLong();

        Summary summary(Phase phase) {
            return new Summary(
                    sent.get(),
                    accepted.get(),
                    duplicates.get(),
                    rejected.get(),
                    conflicts.get(),
                    pending.get(),
                    retries.get(),
                    failedRequests.get(),
                    phase);
        }

        String line() {
            return sent.get() + " sent, " + accepted.get() + " accepted, " + duplicates.get() + " duplicate, "
                    + rejected.get() + " rejected, " + conflicts.get() + " conflicts, " + pending.get() + " pending, "
                    + retries.get() + " retries, " + failedRequests.get() + " refused requests";
        }

        void reset() {
            for (AtomicLong c :
                    new AtomicLong[] {sent, accepted, duplicates, rejected, conflicts, pending, retries, failedRequests
                    }) {
                c.set(0);
            }
        }
    }

    /** The feed's settings. */
    public static final class Builder {

        private URI intake = URI.create("http://localhost:8181");
        private @Nullable String adminApiKey;
        private final Map<Department, String> keys = new EnumMap<>(Department.class);
        private long seed = 20261201L;
        private int households = 300;
        private double eventsPerSecond = 1.0;
        private int batchSize = 200;
        private Clock clock = Clock.systemUTC();
        private Duration requestTimeout = Duration.ofSeconds(10);
        private @Nullable String label;

        private Builder() {}

        /** Intake's base URL; default {@code http://localhost:8181}. */
        public Builder intake(URI intake) {
            this.intake = intake;
            return this;
        }

        /**
         * Intake's platform-admin API key ({@code X-API-Key}; the launcher's {@code LocalSecrets.adminApiKey()}): the
         * feed issues each department without a key of its own one through {@code POST
         * /admin/departments/{code}/api-keys}, which revokes that department's older keys.
         */
        public Builder adminApiKey(String adminApiKey) {
            this.adminApiKey = adminApiKey;
            return this;
        }

        /** A department's own API key ({@code <keyId>.<secret>}), used instead of issuing one. */
        public Builder departmentApiKey(Department department, String apiKey) {
            keys.put(department, apiKey);
            return this;
        }

        /** The city's seed; default 20261201. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The city's households; default 300. */
        public Builder households(int households) {
            this.households = households;
            return this;
        }

        /** The trickle after the start-up, in events per second (more than 0, at most 1,000); default 1. */
        public Builder eventsPerSecond(double eventsPerSecond) {
            if (!(eventsPerSecond > 0 && eventsPerSecond <= 1_000)) {
                throw new IllegalArgumentException(
                        "events per second must be above 0 and at most 1000, was " + eventsPerSecond);
            }
            this.eventsPerSecond = eventsPerSecond;
            return this;
        }

        /** Events per NDJSON request, 1 to 1,000; default 200. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 1_000) {
                throw new IllegalArgumentException("batch size must be 1 to 1000, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** The clock events are stamped by; default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** How long a request may take to connect (and a sixth of how long an NDJSON answer may take); default 10 s. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /**
         * The label in the ids of the standing records and stories; default {@code d<yyyyMMdd>} of the start day in
         * China, so that restarts on one day re-send duplicates and a new day re-registers the city.
         */
        public Builder label(String label) {
            this.label = label;
            return this;
        }

        public DemoFeed build() {
            if (adminApiKey == null) {
                for (Department department : DemoCity.reportingDepartments()) {
                    if (!keys.containsKey(department)) {
                        throw new IllegalStateException(
                                "the demo feed needs intake's admin API key or an API key for every department; "
                                        + department + " has none");
                    }
                }
            }
            return new DemoFeed(this);
        }
    }
}
