package org.zhengce.benchmarks.resources;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Samples the JVM while one case runs: every thread's CPU time every {@value #EVERY_MS} ms (a thread that ends
 * keeps its last sample, so threads of a streams application closed mid-case still count), and the heap pools'
 * peaks, reset when sampling starts.
 */
final class ResourceSampler implements AutoCloseable {

    static final long EVERY_MS = 200;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .toList();
    /** Each thread's CPU nanoseconds when sampling started (0 for threads started later). */
    private final Map<Long, Long> baseline = new HashMap<>();
    /** Each thread seen: its name and its latest CPU nanoseconds. */
    private final Map<Long, Seen> seen = new HashMap<>();

    private final long processCpuBefore;
    private final long startNanos;
    private final Thread sampler;
    private volatile boolean running = true;

    private record Seen(String name, long cpuNanos) {}

    /** One thread's CPU during the case. */
    record ThreadCpu(String name, long cpuNanos) {}

    /** What was sampled: the heap peaks, every thread's CPU during the case and the whole process's. */
    record Sampled(
            long heapPeakBytes,
            Map<String, Long> poolPeakBytes,
            long heapMaxBytes,
            List<ThreadCpu> threads,
            long processCpuNanos,
            Duration wall) {}

    ResourceSampler() {
        if (!threads.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure threads' CPU time");
        }
        threads.setThreadCpuTimeEnabled(true);
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        synchronized (this) {
            sample(true);
        }
        processCpuBefore = processCpuNanos();
        startNanos = System.nanoTime();
        sampler = new Thread(this::loop, "bench-resource-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void loop() {
        while (running) {
            synchronized (this) {
                sample(false);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(EVERY_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample(boolean first) {
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids, 0);
        for (int i = 0; i < ids.length; i++) {
            long cpu = threads.getThreadCpuTime(ids[i]);
            if (infos[i] == null || cpu < 0) {
                continue; // ended between the two calls: its previous sample stands
            }
            seen.put(ids[i], new Seen(infos[i].getThreadName(), cpu));
            if (first) {
                baseline.put(ids[i], cpu);
            }
        }
    }

    /** Stops sampling, takes a last sample and returns what was measured. */
    synchronized Sampled finish() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join(TimeUnit.SECONDS.toMillis(5));
        sample(false);
        long processCpu = processCpuNanos() - processCpuBefore;
        Duration wall = Duration.ofNanos(System.nanoTime() - startNanos);
        Map<String, Long> pools = new LinkedHashMap<>();
        long peak = 0;
        long max = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            long used = pool.getPeakUsage().getUsed();
            pools.put(pool.getName(), used);
            peak += used;
            max += Math.max(0, pool.getUsage().getMax());
        }
        List<ThreadCpu> cpu = seen.entrySet().stream()
                .map(entry -> new ThreadCpu(
                        entry.getValue().name(),
                        entry.getValue().cpuNanos() - baseline.getOrDefault(entry.getKey(), 0L)))
                .filter(thread -> thread.cpuNanos() > 0)
                .sorted((a, b) -> Long.compare(b.cpuNanos(), a.cpuNanos()))
                .toList();
        return new Sampled(peak, pools, max, cpu, processCpu, wall);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join(TimeUnit.SECONDS.toMillis(5));
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
