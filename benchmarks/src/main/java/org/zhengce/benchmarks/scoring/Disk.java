package org.zhengce.benchmarks.scoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.common.Node;
import org.zhengce.benchmarks.ResultRow;

/**
 * The disk a case took: the bytes the broker holds for the case's topics and in all (its log directories, as
 * {@code Admin.describeLogDirs} reports every replica's size) and the bytes under a streams application's state
 * directory.
 *
 * @param caseBytes the broker's bytes of the topics whose names start with one of the case's prefixes
 * @param brokerBytes the broker's bytes of every topic
 * @param logDirs the broker's log directories
 * @param stateBytes the files under the state directory
 */
record Disk(long caseBytes, long brokerBytes, List<String> logDirs, long stateBytes) {

    /** Measures now: the topics named {@code <prefix>...} for one of {@code prefixes}, and {@code stateDir}. */
    static Disk measure(Admin admin, Collection<String> prefixes, Path stateDir) throws Exception {
        List<Integer> brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream()
                .map(Node::id)
                .toList();
        Map<Integer, Map<String, LogDirDescription>> described =
                admin.describeLogDirs(brokers).allDescriptions().get(30, TimeUnit.SECONDS);
        long caseBytes = 0;
        long brokerBytes = 0;
        List<String> logDirs = new ArrayList<>();
        for (Map<String, LogDirDescription> dirs : described.values()) {
            for (Map.Entry<String, LogDirDescription> dir : dirs.entrySet()) {
                logDirs.add(dir.getKey());
                for (var replica : dir.getValue().replicaInfos().entrySet()) {
                    long size = replica.getValue().size();
                    brokerBytes += size;
                    if (prefixes.stream()
                            .anyMatch(prefix -> replica.getKey().topic().startsWith(prefix))) {
                        caseBytes += size;
                    }
                }
            }
        }
        return new Disk(caseBytes, brokerBytes, List.copyOf(logDirs), sizeOf(stateDir));
    }

    static long sizeOf(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile)
                    .mapToLong(path -> {
                        try {
                            return Files.size(path);
                        } catch (IOException e) {
                            // a RocksDB file deleted while walking
                            return 0;
                        }
                    })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + dir, e);
        }
    }

    /** This measurement as a row of figures, for {@code records} records of {@code caseName}. */
    ResultRow row(String caseName, long records) {
        return ResultRow.figures(
                String.format(Locale.ROOT, "%s of %,d records: disk at the end", caseName, records),
                String.format(
                        Locale.ROOT,
                        "broker: %s for the case's topics (%s in all, %s), state directory: %s; %,.0f B per record"
                                + " in all",
                        gib(caseBytes),
                        gib(brokerBytes),
                        String.join(", ", logDirs),
                        gib(stateBytes),
                        (double) (caseBytes + stateBytes) / records));
    }

    private static String gib(long bytes) {
        return bytes >= 1L << 30
                ? String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
    }
}
