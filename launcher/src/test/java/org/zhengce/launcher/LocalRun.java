package org.zhengce.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.springframework.context.ConfigurableApplicationContext;
import org.zhengce.embedded.FreePorts;

/** The launcher's command line for a test, and the wait until every service it started is up. */
final class LocalRun {

    private LocalRun() {}

    /**
     * Free ports for the broker, registry, database and services, data in {@code data}; the authorisation server on a
     * port chosen now and kept, as the issuer (and so the port) must stay the same for a token to outlive a restart.
     */
    static String[] arguments(Path data, String... more) throws IOException {
        Stream<String> common = Stream.of(
                "--launcher.data-directory=" + data,
                "--launcher.kafka-port=0",
                "--launcher.registry-port=0",
                "--launcher.postgres-port=0",
                "--launcher.auth-server-port=" + freePort(),
                "--launcher.first-service-port=0");
        return Stream.concat(common, Stream.of(more)).toArray(String[]::new);
    }

    /**
     * Every service answers its health probe: UP once it is ready (scoring only once its streams have left their
     * first rebalance and restored their stores, which may be a moment after its context started).
     */
    static void awaitServicesUp(ConfigurableApplicationContext platform, HttpClient http) {
        for (PlatformServices.RunningService service :
                platform.getBean(PlatformServices.class).running()) {
            Awaitility.await(service.name() + " UP")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        HttpResponse<String> health = http.send(
                                HttpRequest.newBuilder(
                                                URI.create("http://localhost:" + service.port() + "/actuator/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(health.statusCode()).as(service.name()).isEqualTo(200);
                        assertThat(health.body()).as(service.name()).contains("\"UP\"");
                    });
        }
    }

    static int freePort() {
        return FreePorts.reserve();
    }

    /**
     * Starts the platform; when it does not start, the failure names every cause down to the first (Spring's
     * "Failed to start bean" alone says nothing, and a test report's summary shows only the outermost message).
     */
    static ConfigurableApplicationContext start(String[] args) {
        try {
            return Launcher.application(args).run(args);
        } catch (RuntimeException notStarted) {
            StringBuilder causes = new StringBuilder("the platform did not start");
            for (Throwable cause = notStarted; cause != null; cause = cause.getCause()) {
                causes.append("\n  ")
                        .append(cause.getClass().getSimpleName())
                        .append(": ")
                        .append(cause.getMessage());
            }
            throw new AssertionError(causes.toString(), notStarted);
        }
    }
}
