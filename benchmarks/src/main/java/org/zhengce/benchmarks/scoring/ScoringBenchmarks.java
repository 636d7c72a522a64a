package org.zhengce.benchmarks.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.benchmarks.Benchmark;
import org.zhengce.benchmarks.BenchmarkContext;
import org.zhengce.benchmarks.BenchmarkSettings;
import org.zhengce.benchmarks.Fixtures;
import org.zhengce.benchmarks.Machine;
import org.zhengce.benchmarks.Report;
import org.zhengce.benchmarks.ResultRow;
import org.zhengce.benchmarks.data.CityFeed;
import org.zhengce.embedded.EmbeddedKafka;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.registry.EmbeddedSchemaRegistry;

/**
 * The scoring cases alone, on their own in-process broker and registry as {@code Benchmarks.run} starts them: prints
 * the table and the methods to stdout (appends nothing). Sizes from the same {@code bench.*} properties.
 *
 * <pre>java -Xms2g -Xmx2g -cp ... org.zhengce.benchmarks.scoring.ScoringBenchmarks</pre>
 */
public final class ScoringBenchmarks {

    private static final Logger log = LoggerFactory.getLogger(ScoringBenchmarks.class);

    private ScoringBenchmarks() {}

    /** The scoring cases, in the order they run. */
    public static List<Benchmark> cases() {
        return List.of(new ScoringThroughputBenchmark(), new RescoreBenchmark());
    }

    public static void main(String[] args) throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        List<Benchmark> cases = cases();
        double loadBefore = Machine.loadAverage();
        Instant startedAt = Instant.now();
        log.info("Generating {} events from seed {}", settings.records(), settings.seed());
        List<HouseholdEvent> events = CityFeed.generate(settings.seed(), settings.records());
        List<byte[]> keys = events.stream().map(CityFeed::key).toList();
        List<ResultRow> rows = new ArrayList<>();
        // the benchmarks' clients send only the registry's URL: anyone may write to this private one
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().start();
                EmbeddedSchemaRegistry registry =
                        EmbeddedSchemaRegistry.startAllowingAnonymousWrites(kafka.bootstrapServers(), 0);
                Fixtures fixtures = new Fixtures()) {
            BenchmarkContext context = new BenchmarkContext(
                    kafka.bootstrapServers(), registry.url(), settings, events, keys, fixtures, startedAt);
            for (Benchmark benchmark : cases) {
                log.info("Running {}", benchmark.name());
                rows.addAll(benchmark.rows(context));
            }
        }
        System.out.println("- Machine: " + Machine.current().describe());
        System.out.printf(
                Locale.ROOT,
                "- Load: 1-minute load average %.1f before, %.1f after%n%n",
                loadBefore,
                Machine.loadAverage());
        System.out.print(Report.table(rows));
        System.out.println();
        for (Benchmark benchmark : cases) {
            System.out.println(benchmark.method());
            System.out.println();
        }
        System.out.flush();
        // the embedded broker and registry leave non-daemon threads behind on some JVMs
        System.exit(0);
    }
}
