package org.zhengce.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.benchmarks.broker.EmbeddingConsumerBenchmark;
import org.zhengce.benchmarks.broker.EmbeddingProducerBenchmark;
import org.zhengce.benchmarks.data.CityFeed;
import org.zhengce.benchmarks.intake.IntakeNdjsonBenchmark;
import org.zhengce.benchmarks.intake.IntakeSingleEventBenchmark;
import org.zhengce.benchmarks.notification.SseLatencyBenchmark;
import org.zhengce.benchmarks.profile.ProfileTable;
import org.zhengce.benchmarks.profile.Profiled;
import org.zhengce.benchmarks.resources.ResourceMeter;
import org.zhengce.benchmarks.resources.ResourceTable;
import org.zhengce.benchmarks.scoring.BackfillBenchmark;
import org.zhengce.benchmarks.scoring.RescoreBenchmark;
import org.zhengce.benchmarks.scoring.ScoringThroughputBenchmark;
import org.zhengce.benchmarks.serde.RegistryCallsBenchmark;
import org.zhengce.benchmarks.serde.SerdeConsumerBenchmark;
import org.zhengce.benchmarks.serde.SerdeProducerBenchmark;
import org.zhengce.embedded.EmbeddedKafka;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.registry.EmbeddedSchemaRegistry;

/**
 * The benchmark command: starts one in-process broker and registry, runs every case against raw
 * kafka-clients on them, prints the report and appends it to the file named by the only argument.
 *
 * <pre>./mvnw -Pbench -pl benchmarks -am package -DskipTests</pre>
 */
public final class Benchmarks {

    private static final Logger log = LoggerFactory.getLogger(Benchmarks.class);

    /** The switch that runs every case under a JDK Flight Recorder recording: {@code -Dbench.profile=true}. */
    static final String PROFILE = "bench.profile";
    /** Where the recordings go, one {@code .jfr} file per case. */
    static final String PROFILE_DIRECTORY = "bench.profile.dir";

    /** Where the finished report is printed: a CLI's report is its output. */
    private final PrintStream reportOut;

    private final Clock clock;
    private final List<Benchmark> cases;
    /** The peak heap and CPU of the cases that run a service in this JVM, filled as they run. */
    private final ResourceTable resources;
    /** The cases' execution samples when {@code -Dbench.profile=true}, filled as they run; else empty. */
    private final ProfileTable profiles;

    Benchmarks(
            PrintStream reportOut, Clock clock, List<Benchmark> cases, ResourceTable resources, ProfileTable profiles) {
        this.reportOut = reportOut;
        this.clock = clock;
        this.cases = List.copyOf(cases);
        this.resources = resources;
        this.profiles = profiles;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: Benchmarks <report file to append to, e.g. docs/benchmarks.md>");
        }
        if (BenchmarkSettings.isQuick(System::getProperty)) {
            // before any case reads its own bench.* property
            BenchmarkSettings.applyQuickDefaults(System.getProperties());
        }
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        List<Benchmark> cases = List.of(
                new SerdeProducerBenchmark(),
                new SerdeConsumerBenchmark(),
                new RegistryCallsBenchmark(),
                new EmbeddingProducerBenchmark(),
                new EmbeddingConsumerBenchmark(),
                new IntakeNdjsonBenchmark(),
                new IntakeSingleEventBenchmark(),
                new ScoringThroughputBenchmark(),
                new RescoreBenchmark(),
                new BackfillBenchmark(),
                new SseLatencyBenchmark(),
                new org.zhengce.benchmarks.platform.AlertLatencyBenchmark());
        ResourceTable resources = new ResourceTable();
        // chosen before metering: -Dbench.only matches the cases' own class names
        List<Benchmark> chosen = ResourceMeter.meterAll(only(cases, System.getProperty("bench.only")), resources);
        ProfileTable profiles = new ProfileTable();
        if (Boolean.parseBoolean(System.getProperty(PROFILE))) {
            Path directory = Path.of(System.getProperty(PROFILE_DIRECTORY, "benchmarks/target/profiles"));
            chosen = Profiled.profileAll(chosen, directory, profiles);
        }
        new Benchmarks(System.out, Clock.systemDefaultZone(), chosen, resources, profiles)
                .run(settings, Path.of(args[0]));
    }

    /**
     * The cases {@code -Dbench.only} names (comma-separated, case-insensitive, each a part of a case's class name or
     * report name, e.g. {@code SseLatency} or {@code notification}); all of them when it is empty.
     */
    static List<Benchmark> only(List<Benchmark> cases, @Nullable String only) {
        if (only == null || only.isBlank()) {
            return cases;
        }
        List<String> wanted = java.util.Arrays.stream(only.split(","))
                .map(name -> name.strip().toLowerCase(java.util.Locale.ROOT))
                .filter(name -> !name.isEmpty())
                .toList();
        List<Benchmark> chosen = cases.stream()
                .filter(benchmark -> wanted.stream()
                        .anyMatch(name -> benchmark
                                        .getClass()
                                        .getSimpleName()
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .contains(name)
                                || benchmark
                                        .name()
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .contains(name)))
                .toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("bench.only=" + only + " names none of the cases "
                    + cases.stream().map(b -> b.getClass().getSimpleName()).toList());
        }
        return chosen;
    }

    void run(BenchmarkSettings settings, Path reportFile) throws Exception {
        ZonedDateTime startedAt = ZonedDateTime.now(clock);
        double loadBefore = Machine.loadAverage();
        log.info("Generating {} events from seed {}", settings.records(), settings.seed());
        List<HouseholdEvent> events = CityFeed.generate(settings.seed(), settings.records());
        List<byte[]> keys = events.stream().map(CityFeed::key).toList();
        List<ResultRow> rows = new ArrayList<>();
        // the benchmarks' clients send only the registry's URL: anyone may write to this private one
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().start();
                EmbeddedSchemaRegistry registry =
                        EmbeddedSchemaRegistry.startAllowingAnonymousWrites(kafka.bootstrapServers(), 0);
                // closed first: intake stops before the broker and registry it uses
                Fixtures fixtures = new Fixtures()) {
            BenchmarkContext context = new BenchmarkContext(
                    kafka.bootstrapServers(), registry.url(), settings, events, keys, fixtures, startedAt.toInstant());
            for (Benchmark benchmark : cases) {
                log.info("Running {}", benchmark.name());
                rows.addAll(benchmark.rows(context));
            }
        }
        Report report = new Report(
                startedAt,
                commitOf(reportFile.toAbsolutePath().getParent()),
                Machine.current(),
                loadBefore,
                Machine.loadAverage(),
                settings,
                rows,
                cases.stream().map(Benchmark::method).toList(),
                sections());
        reportOut.println(report.toMarkdown());
        reportOut.flush();
        report.appendTo(reportFile);
        log.info("Report appended to {}", reportFile.toAbsolutePath());
    }

    /** The sections after the methods: peak heap and CPU per service, then where the time went, when measured. */
    private List<String> sections() {
        List<String> sections = new ArrayList<>();
        if (!resources.isEmpty()) {
            sections.add(resources.toMarkdown());
        }
        if (!profiles.isEmpty()) {
            sections.add(profiles.toMarkdown());
        }
        return sections;
    }

    /** {@code git rev-parse --short HEAD} in {@code directory}, or {@code uncommitted}. */
    static String commitOf(Path directory) throws InterruptedException {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
                    .directory(directory.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String commit = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!git.waitFor(10, TimeUnit.SECONDS)) {
                git.destroy();
                return "uncommitted";
            }
            return git.exitValue() == 0 && !commit.isEmpty() ? commit : "uncommitted";
        } catch (IOException e) {
            log.info("No git commit to report ({}): reporting 'uncommitted'", e.toString());
            return "uncommitted";
        }
    }
}
