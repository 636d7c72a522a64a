package org.zhengce.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The machine and JVM a run was measured on, as the report states them. */
public record Machine(int cores, String cpuModel, long totalRamBytes, long maxHeapBytes, String os, String jvm) {

    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

    public static Machine current() {
        List<String> jvmFlags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> flag.startsWith("-X"))
                .toList();
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                readCpuModel(),
                readTotalRam(),
                Runtime.getRuntime().maxMemory(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version")
                        + (jvmFlags.isEmpty() ? "" : " " + String.join(" ", jvmFlags)));
    }

    /** One line for the report: cores and CPU, RAM, heap, OS, JVM. */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "%d cores (%s), %s RAM, max heap %s; %s; %s",
                cores,
                cpuModel,
                totalRamBytes > 0 ? gibibytes(totalRamBytes) : "unknown",
                gibibytes(maxHeapBytes),
                os,
                jvm);
    }

    private static String gibibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    /** The 1-minute system load average, or a negative number where the platform has none. */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long readTotalRam() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }

    private static String readCpuModel() {
        if (!Files.isReadable(CPU_INFO)) {
            return "CPU model unknown";
        }
        try (Stream<String> lines = Files.lines(CPU_INFO)) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("CPU model unknown");
        } catch (IOException e) {
            return "CPU model unknown (" + e.getMessage() + ")";
        }
    }
}
