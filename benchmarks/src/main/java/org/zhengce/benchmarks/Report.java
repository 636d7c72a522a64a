package org.zhengce.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The report of one run as Markdown: a heading with date and commit, the machine, the table and the
 * method. It is printed and appended to {@code docs/benchmarks.md}.
 *
 * @param startedAt when the run started
 * @param commit the short git commit measured, or {@code uncommitted}
 * @param machine the machine and JVM
 * @param loadBefore the machine's 1-minute load average when the run started (negative if unknown)
 * @param loadAfter the same when it ended
 * @param settings the sizes of the run
 * @param rows one row per case, in the order the cases ran
 * @param methods each case's method, in the same order
 * @param sections further Markdown after the method (the peak heap and CPU per service), each as it is
 */
public record Report(
        ZonedDateTime startedAt,
        String commit,
        Machine machine,
        double loadBefore,
        double loadAfter,
        BenchmarkSettings settings,
        List<ResultRow> rows,
        List<String> methods,
        List<String> sections) {

    /** A report without further sections. */
    public Report(
            ZonedDateTime startedAt,
            String commit,
            Machine machine,
            double loadBefore,
            double loadAfter,
            BenchmarkSettings settings,
            List<ResultRow> rows,
            List<String> methods) {
        this(startedAt, commit, machine, loadBefore, loadAfter, settings, rows, methods, List.of());
    }

    private static final DateTimeFormatter HEADING_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

    /** The opening of {@code docs/benchmarks.md}, written when the file does not exist yet. */
    public static final String INTRO = """
            # Benchmarks

            What the platform's own pieces cost compared with raw Kafka. Every figure is a ratio
            against raw `kafka-clients` measured on the same in-process broker in the same run, so
            a slow machine makes both sides slow and the ratio stays comparable between runs and
            machines; the absolute records/s are shown only to read the ratio against.

            Measured so far: the Confluent wire-format Avro serde (producer and consumer throughput
            against byte arrays), the schema-registry HTTP calls it makes per million records, and
            intake's HTTP ways in (NDJSON and single events, accepted events/s) against a raw
            producer of the same Avro records.

            Run it (not part of the test suite; four to five minutes on two cores, build included):

                ./mvnw -Pbench -pl benchmarks -am package -DskipTests

            Sizes: `-Dbench.records=200000 -Dbench.rounds=9 -Dbench.warmups=2`. Each run appends
            one section below; how to read it is in [`benchmarks/README.md`](../benchmarks/README.md).
            """;

    /** The Markdown section of this run. */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append("\n## Run of ")
                .append(startedAt.format(HEADING_TIME))
                .append(", commit ")
                .append(commit)
                .append("\n\n");
        out.append("- Machine: ").append(machine.describe()).append('\n');
        if (loadBefore >= 0 && loadAfter >= 0) {
            out.append(String.format(
                    Locale.ROOT,
                    "- Load: 1-minute load average %.1f before, %.1f after the run (%d cores: a load above %d"
                            + " means other work competed for the CPUs and widens the spread)%n",
                    loadBefore,
                    loadAfter,
                    machine.cores(),
                    machine.cores()));
        }
        out.append(String.format(
                Locale.ROOT,
                "- Sizes: %s%,d distinct events, %d warm-up + %d measured rounds per side,"
                        + " %d partitions per topic, generator seed %d%n%n",
                settings.quick() ? "a quick run (-Dbench.quick=true: smaller sizes, fewer rounds), " : "",
                settings.records(),
                settings.warmups(),
                settings.rounds(),
                settings.partitions(),
                settings.seed()));
        out.append(table(rows));
        out.append("\nThroughput rows: records/s and ratio as the median of the measured rounds, min–max in"
                + " brackets. ✓ means the median meets the goal.\n\n");
        out.append(String.format(
                Locale.ROOT,
                "Method. One JVM holds one Kafka broker (KRaft, single node, in-process), our"
                        + " schema registry and the clients. Each case runs raw kafka-clients and ours"
                        + " on the same broker in alternating rounds, flipping which side goes first"
                        + " every round; %d warm-up round(s) per side are discarded, then each figure is"
                        + " the median of %d measured rounds with the min–max range in brackets. The"
                        + " ratio ours/raw is taken within each round. Each round is timed with"
                        + " System.nanoTime around the whole pass over all records.",
                settings.warmups(),
                settings.rounds()));
        for (String method : methods) {
            out.append(' ').append(method);
        }
        out.append('\n');
        sections.forEach(out::append);
        return out.toString();
    }

    /** The result table: one row per case, raw and ours in records/s, ratio, goal, met. */
    public static String table(List<ResultRow> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| Benchmark | Raw kafka-clients | Ours | Ratio ours/raw | Goal | Met |\n");
        out.append("|---|---:|---:|---:|---|:---:|\n");
        for (ResultRow row : rows) {
            out.append("| ")
                    .append(String.join(
                            " | ",
                            row.name(),
                            row.raw(),
                            row.ours(),
                            row.ratio(),
                            row.goal(),
                            row.contextOnly() ? "—" : row.met() ? "✓" : "✗"))
                    .append(" |\n");
        }
        return out.toString();
    }

    /** Appends this run's section to the file, creating the file with {@link #INTRO} first if needed. */
    public void appendTo(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!Files.exists(file)) {
            Files.writeString(file, INTRO, StandardCharsets.UTF_8);
        }
        Files.writeString(file, toMarkdown(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
