package org.zhengce.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.faults.load.AcceptedEvents;
import org.zhengce.faults.load.Load;
import org.zhengce.faults.platform.Component;
import org.zhengce.faults.platform.Platform;
import org.zhengce.faults.reconcile.Figures;
import org.zhengce.faults.reconcile.Reconciliation;

/**
 * The fault suite: starts the platform as production runs it ({@link Platform}), puts a steady load on it through all
 * four ways in ({@link Load}), then round after round kills each component in turn with SIGKILL at a random moment,
 * waits a random short time, starts it again and waits until everything is healthy; at the end stops the load, waits
 * for the platform to settle and reconciles ({@link Reconciliation}). Prints the figures as a table, writes them to
 * {@code <run>/figures.md}, and exits with 1 when anything was lost, refused, duplicated or leaked.
 *
 * <p>System properties: {@code faults.rounds} (kills per component, 10), {@code faults.seed} (15), {@code
 * faults.root} (the repository, whose modules hold the services' jars; the working directory), {@code
 * faults.output} ({@code <root>/faults/target/faults}).
 */
public final class FaultSuite {

    private static final Logger log = LoggerFactory.getLogger(FaultSuite.class);

    /** The demo city's households the load registers and reports on. */
    private static final int HOUSEHOLDS = 60;

    /** The pause between two bundles of events on one way in (four ways: about 8 bundles a second). */
    private static final Duration LOAD_INTERVAL = Duration.ofMillis(500);

    /**
     * @param rounds kills per component
     * @param seed the demo city's, the load's and the kills' timing seed
     * @param repository the repository root: {@code <module>/target/*-exec.jar}
     * @param output where each run gets its directory
     */
    public record Settings(int rounds, long seed, Path repository, Path output) {

        public static Settings fromSystemProperties() {
            Path root = Path.of(System.getProperty("faults.root", System.getProperty("user.dir")))
                    .toAbsolutePath();
            return new Settings(
                    Integer.getInteger("faults.rounds", 10),
                    Long.getLong("faults.seed", 15L),
                    root,
                    Path.of(System.getProperty(
                            "faults.output",
                            root.resolve("faults/target/faults").toString())));
        }
    }

    private FaultSuite() {}

    public static void main(String[] args) {
        Figures figures = run(Settings.fromSystemProperties());
        System.exit(figures.passed() ? 0 : 1);
    }

    /** One run: start, load, kill round after round, reconcile. */
    public static Figures run(Settings settings) {
        Path run = settings.output()
                .resolve("run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        log.info("fault suite: {} round(s) per component, seed {}, run in {}", settings.rounds(), settings.seed(), run);
        Random random = new Random(settings.seed());
        try (Platform platform = Platform.start(settings.repository(), run)) {
            AcceptedEvents events = new AcceptedEvents();
            Load load = Load.start(
                    URI.create(platform.url(Component.INTAKE)),
                    platform.adminApiKey(),
                    platform.bootstrapServers(),
                    platform.registryUrl(),
                    new Load.Settings(HOUSEHOLDS, settings.seed(), LOAD_INTERVAL),
                    events);
            Map<Component, Integer> rounds = new EnumMap<>(Component.class);
            for (int round = 1; round <= settings.rounds(); round++) {
                for (Component component : Component.values()) {
                    // a random moment of the load: 2 to 8 seconds after the platform was last healthy
                    pause(Duration.ofMillis(2000 + random.nextInt(6000)));
                    platform.kill(component);
                    // down for a random short time: 0.5 to 3 seconds
                    pause(Duration.ofMillis(500 + random.nextInt(2500)));
                    platform.start(component);
                    platform.awaitAllHealthy(Duration.ofMinutes(5));
                    rounds.merge(component, 1, Integer::sum);
                    log.info(
                            "round {}: {} killed and back; {} events accepted so far",
                            round,
                            component.label(),
                            events.accepted().size());
                }
            }
            if (!load.stop(Duration.ofMinutes(3))) {
                log.warn("the load still had events without a final answer after 3 minutes");
            }
            Figures figures = new Reconciliation(platform, events).settle(rounds, Duration.ofMinutes(4));
            report(run, figures);
            return figures;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void report(Path run, Figures figures) throws IOException {
        StringBuilder report = new StringBuilder();
        report.append("Fault suite run ")
                .append(run.getFileName())
                .append(": ")
                .append(machine())
                .append("\n\n");
        report.append(figures.table());
        report.append('\n').append(figures.passed() ? "PASSED: nothing lost, duplicated, refused or leaked" : "FAILED");
        report.append('\n');
        figures.failures()
                .forEach(failure -> report.append("- ").append(failure).append('\n'));
        Files.writeString(run.resolve("figures.md"), report);
        System.out.println(report);
    }

    private static String machine() {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return Runtime.getRuntime().availableProcessors() + " cores, " + (memory >> 30) + " GiB, Java "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
    }

    private static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
