package org.zhengce.benchmarks.resources;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.benchmarks.Benchmark;
import org.zhengce.benchmarks.BenchmarkContext;
import org.zhengce.benchmarks.ResultRow;
import org.zhengce.benchmarks.intake.IntakeNdjsonBenchmark;
import org.zhengce.benchmarks.intake.IntakeSingleEventBenchmark;
import org.zhengce.benchmarks.notification.SseLatencyBenchmark;
import org.zhengce.benchmarks.scoring.BackfillBenchmark;
import org.zhengce.benchmarks.scoring.RescoreBenchmark;
import org.zhengce.benchmarks.scoring.ScoringThroughputBenchmark;

/**
 * A case that runs a service in the benchmark JVM, measured for peak heap and CPU by thread group while it runs;
 * the row and the method are the case's own, the figures go to a {@link ResourceTable}.
 */
public final class ResourceMeter implements Benchmark {

    private static final Logger log = LoggerFactory.getLogger(ResourceMeter.class);
    private static final int THREADS_LOGGED = 12;

    private final Benchmark metered;
    private final ThreadGroups groups;
    private final ResourceTable table;

    private ResourceMeter(Benchmark metered, ThreadGroups groups, ResourceTable table) {
        this.metered = metered;
        this.groups = groups;
        this.table = table;
    }

    /** {@code benchmark} metered into {@code table} if it runs a service in this JVM, else {@code benchmark} as is. */
    public static Benchmark meter(Benchmark benchmark, ResourceTable table) {
        return groupsOf(benchmark)
                .<Benchmark>map(groups -> new ResourceMeter(benchmark, groups, table))
                .orElse(benchmark);
    }

    /** {@code benchmarks} in the same order, each metered where it runs a service. */
    public static List<Benchmark> meterAll(List<Benchmark> benchmarks, ResourceTable table) {
        return benchmarks.stream().map(benchmark -> meter(benchmark, table)).toList();
    }

    private static Optional<ThreadGroups> groupsOf(Benchmark benchmark) {
        if (benchmark instanceof IntakeNdjsonBenchmark || benchmark instanceof IntakeSingleEventBenchmark) {
            return Optional.of(ThreadGroups.intake());
        }
        if (benchmark instanceof ScoringThroughputBenchmark
                || benchmark instanceof RescoreBenchmark
                || benchmark instanceof BackfillBenchmark) {
            return Optional.of(ThreadGroups.scoring());
        }
        if (benchmark instanceof SseLatencyBenchmark) {
            return Optional.of(ThreadGroups.notification());
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return metered.name();
    }

    @Override
    public String method() {
        return metered.method();
    }

    @Override
    public ResultRow run(BenchmarkContext context) throws Exception {
        return rows(context).get(0);
    }

    @Override
    public List<ResultRow> rows(BenchmarkContext context) throws Exception {
        List<ResultRow> rows;
        try (ResourceSampler sampler = new ResourceSampler()) {
            rows = metered.rows(context);
            ResourceSampler.Sampled sampled = sampler.finish();
            ResourceTable.Usage usage = new ResourceTable.Usage(metered.name(), groups, sampled);
            table.add(usage);
            logTopThreads(sampled);
        }
        return rows;
    }

    /** The busiest threads and their groups, to check the groups' patterns against the names a run really has. */
    private void logTopThreads(ResourceSampler.Sampled sampled) {
        StringBuilder top = new StringBuilder();
        sampled.threads().stream()
                .limit(THREADS_LOGGED)
                .forEach(thread -> top.append(String.format(
                        Locale.ROOT,
                        "%n  %7.2f s  %s  [%s]",
                        thread.cpuNanos() / 1e9,
                        thread.name(),
                        groups.labelOf(thread.name()))));
        log.info(
                "{}: peak heap {} MiB, process CPU {} s; busiest threads:{}",
                metered.name(),
                sampled.heapPeakBytes() / (1024 * 1024),
                String.format(Locale.ROOT, "%.1f", sampled.processCpuNanos() / 1e9),
                top);
    }
}
