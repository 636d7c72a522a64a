package org.zhengce.benchmarks.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The execution samples of one recording, summed three ways: by the leaf method (where the CPU is spent), by the
 * library that spends it (the first frame from the top that is not the JDK's own, so a {@code HashMap} lookup counts
 * for the library that made it), and by our hottest frame (the first {@code org.zhengce} frame from the top: which of
 * our methods the time is spent in or under).
 *
 * @param samples execution samples in the recording
 * @param byLeaf samples per leaf method, most first
 * @param byLibrary samples per library, most first
 * @param byOurFrame samples per first frame of ours from the top, most first; samples with none are not counted
 */
public record Hotspots(
        long samples, Map<String, Long> byLeaf, Map<String, Long> byLibrary, Map<String, Long> byOurFrame) {

    static final String OURS = "org.zhengce.";

    /** Package prefixes and the library each stands for, the first match wins; anything else is named by its package. */
    private static final List<Map.Entry<String, String>> LIBRARIES = List.of(
            Map.entry("org.zhengce.", "ours (org.zhengce)"),
            Map.entry("org.rocksdb.", "RocksDB (JNI)"),
            Map.entry("org.apache.kafka.streams.", "Kafka Streams"),
            Map.entry("kafka.", "Kafka broker"),
            Map.entry("org.apache.kafka.server.", "Kafka broker"),
            Map.entry("org.apache.kafka.storage.", "Kafka broker"),
            Map.entry("org.apache.kafka.raft.", "Kafka broker"),
            Map.entry("org.apache.kafka.controller.", "Kafka broker"),
            Map.entry("org.apache.kafka.metadata.", "Kafka broker"),
            Map.entry("org.apache.kafka.coordinator.", "Kafka broker"),
            Map.entry("org.apache.kafka.network.", "Kafka broker"),
            Map.entry("org.apache.kafka.", "Kafka clients (and code the broker shares with them)"),
            Map.entry("org.apache.avro.", "Avro"),
            Map.entry("com.fasterxml.jackson.", "Jackson"),
            Map.entry("tools.jackson.", "Jackson"),
            Map.entry("io.netty.", "Netty"),
            Map.entry("reactor.", "Reactor"),
            Map.entry("io.r2dbc.", "R2DBC PostgreSQL"),
            Map.entry("org.postgresql.", "PostgreSQL JDBC"),
            Map.entry("org.springframework.", "Spring"),
            Map.entry("io.micrometer.", "Micrometer"),
            Map.entry("ch.qos.logback.", "Logback"),
            Map.entry("org.slf4j.", "Logback"),
            Map.entry("com.github.luben.zstd.", "compression"),
            Map.entry("org.xerial.snappy.", "compression"),
            Map.entry("net.jpountz.", "compression"));

    private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    /** Reads the execution samples of the recording at {@code file}. */
    public static Hotspots of(Path file) throws IOException {
        Tally tally = new Tally();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                tally.add(stack.getFrames().stream().map(Hotspots::methodOf).toList());
            }
        }
        return tally.hotspots();
    }

    /** Sums stacks given as {@code Class.method} names, top (leaf) first. */
    static Hotspots of(List<List<String>> stacks) {
        Tally tally = new Tally();
        stacks.forEach(tally::add);
        return tally.hotspots();
    }

    private static String methodOf(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    static String libraryOf(List<String> stack) {
        for (String method : stack) {
            if (JDK.stream().noneMatch(method::startsWith)) {
                return LIBRARIES.stream()
                        .filter(library -> method.startsWith(library.getKey()))
                        .map(Map.Entry::getValue)
                        .findFirst()
                        .orElseGet(() -> packageOf(method));
            }
        }
        return "the JDK alone (threads of the JDK: I/O, HTTP client, GC helpers)";
    }

    private static String packageOf(String method) {
        String[] parts = method.split("\\.");
        return parts.length <= 3 ? method : String.join(".", List.of(parts).subList(0, 3));
    }

    /** The first {@code n} entries of {@code counts}, most first. */
    static List<Map.Entry<String, Long>> top(Map<String, Long> counts, int n) {
        return counts.entrySet().stream().limit(n).toList();
    }

    private static final class Tally {
        private long samples;
        private final Map<String, Long> byLeaf = new LinkedHashMap<>();
        private final Map<String, Long> byLibrary = new LinkedHashMap<>();
        private final Map<String, Long> byOurFrame = new LinkedHashMap<>();

        void add(List<String> stack) {
            samples++;
            byLeaf.merge(stack.get(0), 1L, Long::sum);
            byLibrary.merge(libraryOf(stack), 1L, Long::sum);
            stack.stream()
                    .filter(method -> method.startsWith(OURS))
                    .findFirst()
                    .ifPresent(ours -> byOurFrame.merge(shortName(ours), 1L, Long::sum));
        }

        Hotspots hotspots() {
            return new Hotspots(samples, sorted(byLeaf), sorted(byLibrary), sorted(byOurFrame));
        }

        private static String shortName(String method) {
            return method.substring(OURS.length());
        }

        private static Map<String, Long> sorted(Map<String, Long> counts) {
            Map<String, Long> sorted = new LinkedHashMap<>();
            counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
            return sorted;
        }
    }
}
