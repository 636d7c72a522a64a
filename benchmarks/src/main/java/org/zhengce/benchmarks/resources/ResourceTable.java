package org.zhengce.benchmarks.resources;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The peak heap and CPU of every metered case of a run, as a section of the report. */
public final class ResourceTable {

    private static final double MIB = 1024.0 * 1024;

    /** What one case used: the sampled figures and its threads' CPU by group. */
    record Usage(String caseName, ThreadGroups groups, ResourceSampler.Sampled sampled) {

        /** CPU nanoseconds per group, in the groups' order, then the JVM's own (GC, JIT compiler, VM threads). */
        Map<String, Long> cpuByGroup() {
            Map<String, Long> byGroup = new LinkedHashMap<>();
            groups.labels().forEach(label -> byGroup.put(label, 0L));
            long javaThreads = 0;
            for (ResourceSampler.ThreadCpu thread : sampled.threads()) {
                byGroup.merge(groups.labelOf(thread.name()), thread.cpuNanos(), Long::sum);
                javaThreads += thread.cpuNanos();
            }
            if (sampled.processCpuNanos() >= 0) {
                byGroup.put(JVM, Math.max(0, sampled.processCpuNanos() - javaThreads));
            }
            return byGroup;
        }
    }

    static final String JVM = "the JVM's own (GC, JIT compiler: the process's CPU less its Java threads')";

    private final List<Usage> usages = new ArrayList<>();

    synchronized void add(Usage usage) {
        usages.add(usage);
    }

    /** No section when no metered case ran. */
    public synchronized boolean isEmpty() {
        return usages.isEmpty();
    }

    /** The section: one row per metered case, then how it was measured. */
    public synchronized String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append("\n### Peak heap and CPU per service: the benchmark JVM while each case ran\n\n");
        out.append("| Case | Service | Wall | Peak heap used (eden + survivor + old) | CPU by thread group"
                + " (share of the process's CPU) | Process CPU |\n");
        out.append("|---|---|---:|---|---|---:|\n");
        for (Usage usage : usages) {
            ResourceSampler.Sampled sampled = usage.sampled();
            long processCpu = Math.max(1, sampled.processCpuNanos());
            String cpu = usage.cpuByGroup().entrySet().stream()
                    .filter(group -> group.getValue() >= 50_000_000L)
                    .map(group -> String.format(
                            Locale.ROOT,
                            "%s %.1f s (%.0f%%)",
                            group.getKey(),
                            group.getValue() / 1e9,
                            100.0 * group.getValue() / processCpu))
                    .collect(Collectors.joining("; "));
            String pools = sampled.poolPeakBytes().values().stream()
                    .map(bytes -> String.format(Locale.ROOT, "%.0f", bytes / MIB))
                    .collect(Collectors.joining(" + "));
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.0f s | %.0f MiB (%s) of %.0f MiB | %s | %.1f s (%.2f cores) |%n",
                    usage.caseName(),
                    usage.groups().service(),
                    sampled.wall().toNanos() / 1e9,
                    sampled.heapPeakBytes() / MIB,
                    pools,
                    sampled.heapMaxBytes() / MIB,
                    cpu,
                    sampled.processCpuNanos() / 1e9,
                    (double) sampled.processCpuNanos()
                            / Math.max(1, sampled.wall().toNanos())));
        }
        out.append('\n')
                .append("These are the benchmark JVM's figures while that case ran, not the service's alone: the"
                        + " JVM also holds the in-process broker, the registry, the harness's raw clients and any"
                        + " fixture started earlier (intake stays up once started), and a case's raw rounds run"
                        + " inside the same window. Wall: the case from start to its row, its service's start-up"
                        + " and warm-up included. Peak heap: each heap pool's peak (MemoryPoolMXBean.getPeakUsage,"
                        + " reset when the case began), summed; pools peak at different moments, so the sum is an"
                        + " upper bound, and with -Xms equal to -Xmx G1 lets eden grow into whatever is free before"
                        + " it collects, so the eden part says more about the heap allowed than about the service's"
                        + " need; the old generation's peak is nearer what stays live. CPU: every Java thread's"
                        + " CPU time (ThreadMXBean), sampled every " + ResourceSampler.EVERY_MS + " ms so that"
                        + " threads ending during the case keep their last sample, grouped by thread name (the"
                        + " first matching group wins; Reactor's and Netty's shared loops serve the registry's HTTP"
                        + " server as well as the service's, so they cannot be split); the JVM's own is the"
                        + " process's CPU (OperatingSystemMXBean) less the Java threads' (GC, JIT compiler, and the"
                        + " last under " + ResourceSampler.EVERY_MS + " ms of threads that ended). Groups under"
                        + " 0.05 s are left out. PostgreSQL (intake's and notification's database) is a separate"
                        + " process and not counted.\n");
        return out.toString();
    }
}
