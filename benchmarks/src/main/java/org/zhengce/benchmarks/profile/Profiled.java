package org.zhengce.benchmarks.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.benchmarks.Benchmark;
import org.zhengce.benchmarks.BenchmarkContext;
import org.zhengce.benchmarks.ResultRow;

/**
 * A case run under a JDK Flight Recorder recording with the JDK's {@code profile} settings (execution samples every
 * 10 ms per thread): the recording is kept as {@code <directory>/<case>.jfr} for {@code jfr} or JDK Mission Control,
 * and its samples go to a {@link ProfileTable}. The recording covers the whole case: our side, the raw side it is
 * compared with, and the in-process broker serving both.
 */
public final class Profiled implements Benchmark {

    private static final Logger log = LoggerFactory.getLogger(Profiled.class);

    private final Benchmark profiled;
    private final Path directory;
    private final ProfileTable table;

    Profiled(Benchmark profiled, Path directory, ProfileTable table) {
        this.profiled = profiled;
        this.directory = directory;
        this.table = table;
    }

    /** {@code benchmarks} in the same order, each under its own recording into {@code directory}. */
    public static List<Benchmark> profileAll(List<Benchmark> benchmarks, Path directory, ProfileTable table) {
        return benchmarks.stream()
                .<Benchmark>map(benchmark -> new Profiled(benchmark, directory, table))
                .toList();
    }

    @Override
    public String name() {
        return profiled.name();
    }

    @Override
    public String method() {
        return profiled.method();
    }

    @Override
    public ResultRow run(BenchmarkContext context) throws Exception {
        return rows(context).get(0);
    }

    @Override
    public List<ResultRow> rows(BenchmarkContext context) throws Exception {
        Files.createDirectories(directory);
        Path file = directory.resolve(fileNameOf(profiled.name()));
        List<ResultRow> rows;
        try (Recording recording = new Recording(settings())) {
            recording.setName(profiled.name());
            recording.setToDisk(true);
            recording.start();
            rows = profiled.rows(context);
            recording.stop();
            recording.dump(file);
        }
        Hotspots hotspots = Hotspots.of(file);
        table.add(profiled.name(), file, hotspots);
        log.info("{}: {} execution samples recorded in {}", profiled.name(), hotspots.samples(), file);
        return rows;
    }

    private static Configuration settings() throws IOException {
        try {
            return Configuration.getConfiguration("profile");
        } catch (ParseException e) {
            throw new IOException("the JDK's own 'profile' recording settings do not parse", e);
        }
    }

    /** {@code scoring throughput (ours / minimal EOS)} becomes {@code scoring-throughput-ours-minimal-eos.jfr}. */
    static String fileNameOf(String caseName) {
        String slug =
                caseName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+)|(-+$)", "");
        return (slug.isEmpty() ? "case" : slug) + ".jfr";
    }
}
