package org.zhengce.benchmarks.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BrokerProcess} in a child {@code java} of this JVM's {@code java.home} and class path: started, read for
 * its bootstrap servers, and always ended, by {@link #close()} (stdin closed, then destroyed if it lingers) or, if
 * this JVM is stopped first, by a shutdown hook.
 */
final class OwnJvmBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OwnJvmBroker.class);

    /** The child's heap: Kafka's own start script gives a broker 1 GiB. */
    static final String HEAP = "1g";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Thread killer;
    private final String bootstrapServers;

    private OwnJvmBroker(Process process, Thread killer, String bootstrapServers) {
        this.process = process;
        this.killer = killer;
        this.bootstrapServers = bootstrapServers;
    }

    /** The command that starts the child, also stated in the report. */
    static List<String> command() {
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + HEAP,
                "-Xmx" + HEAP,
                "-cp",
                System.getProperty("java.class.path"),
                BrokerProcess.class.getName());
    }

    /** {@link #command()} as the report shows it: the class path elided. */
    static List<String> shownCommand() {
        return command().stream()
                .map(part -> part.equals(System.getProperty("java.class.path")) ? "<the benchmark's class path>" : part)
                .map(part -> part.startsWith(System.getProperty("java.home")) ? "$JAVA_HOME/bin/java" : part)
                .toList();
    }

    /** Starts the child and returns once its broker answers clients. */
    static OwnJvmBroker start() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        Thread killer = new Thread(() -> endOnShutdown(process), "bench-own-jvm-broker-killer");
        Runtime.getRuntime().addShutdownHook(killer);
        boolean started = false;
        try {
            BufferedReader stdout =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> ready = new CompletableFuture<>();
            Thread reader = new Thread(() -> read(stdout, ready), "bench-own-jvm-broker-stdout");
            reader.setDaemon(true);
            reader.start();
            String bootstrapServers;
            try {
                bootstrapServers = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException(
                        "the broker in its own JVM (pid " + process.pid() + ") did not say it was ready within "
                                + START_TIMEOUT + (process.isAlive() ? "" : "; it exited with " + process.exitValue()),
                        e);
            }
            log.info("Broker in its own JVM ready at {} (pid {}, -Xmx{})", bootstrapServers, process.pid(), HEAP);
            started = true;
            return new OwnJvmBroker(process, killer, bootstrapServers);
        } finally {
            if (!started) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                removeHook(killer);
            }
        }
    }

    /**
     * The shutdown hook: closes the child's stdin so that it stops its broker and deletes its temporary directory,
     * and destroys it if it has not ended within ten seconds.
     */
    private static void endOnShutdown(Process process) {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Completes {@code ready} with the bootstrap servers line, then keeps the pipe drained until the child ends. */
    private static void read(BufferedReader stdout, CompletableFuture<String> ready) {
        try {
            String line;
            while ((line = stdout.readLine()) != null) {
                if (!ready.isDone() && line.startsWith(BrokerProcess.READY)) {
                    ready.complete(line.substring(BrokerProcess.READY.length()).strip());
                } else {
                    log.info("broker in its own JVM: {}", line);
                }
            }
            ready.completeExceptionally(new IllegalStateException("the child closed its stdout"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    long pid() {
        return process.pid();
    }

    /** The child's CPU time so far (all its threads, GC and JIT included), or -1 where the OS does not say. */
    long cpuNanos() {
        return process.toHandle()
                .info()
                .totalCpuDuration()
                .map(Duration::toNanos)
                .orElse(-1L);
    }

    /** Closes the child's stdin (it stops its broker and exits); destroys it if it has not ended in a minute. */
    @Override
    public void close() throws InterruptedException {
        try {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                log.warn("cannot close the stdin of the broker in its own JVM (pid {}): {}", pid(), e.toString());
            }
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                log.warn(
                        "the broker in its own JVM (pid {}) did not stop within {}: destroying it",
                        pid(),
                        STOP_TIMEOUT);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            removeHook(killer);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already shutting down: the hook runs anyway
        }
    }
}
