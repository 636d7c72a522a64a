package org.zhengce.intake.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zhengce.intake.IntakeStackTest;

/**
 * Intake stopped (a rolling update, a scale-down) while a department's event is in flight, held where its answer
 * waits (the registry, then the broker's acknowledgement): new connections are refused at once, and the event is
 * still answered, accepted, and on household.events before the application has stopped (server.shutdown: graceful).
 */
class GracefulShutdownTests extends IntakeStackTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    // down while intake starts, so that its schemas are not known before the event (the first event asks for them)
    private static final AtomicBoolean DOWN = new AtomicBoolean(true);
    private static final AtomicBoolean HOLDING = new AtomicBoolean();
    private static final byte[] UNAVAILABLE =
            "{\"error_code\":50302,\"message\":\"registry unavailable\"}".getBytes(StandardCharsets.UTF_8);
    private static final CountDownLatch HELD = new CountDownLatch(1);
    private static final CountDownLatch RELEASED = new CountDownLatch(1);
    private static @Nullable RegistryInFront heldRegistry;

    @LocalServerPort
    int port;

    @Autowired
    ConfigurableApplicationContext context;

    /**
     * A registry in front of the real one: 503 while {@link #DOWN}; while {@link #HOLDING}, holds each request until
     * released.
     */
    private static synchronized String heldRegistryUrl() {
        if (heldRegistry == null) {
            heldRegistry = RegistryInFront.start(IntakeStackTest::registryUrl, () -> {
                if (HOLDING.get()) {
                    HELD.countDown();
                    RELEASED.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                    return null;
                }
                return DOWN.get() ? new RegistryInFront.Answer(503, UNAVAILABLE) : null;
            });
        }
        return heldRegistry.url();
    }

    @DynamicPropertySource
    static void notConsuming(DynamicPropertyRegistry properties) {
        // this class's context must not take other classes' department-topic records
        properties.add("intake.topics.consume", () -> "false");
        // the registry is down while intake starts: the communities as a fixed list, not referral's directory (whose
        // topic is read through this same registry; a directory not read answers "unavailable", ADR 0035)
        properties.add("intake.pipeline.communities", () -> "classpath:communities.txt");
    }

    @BeforeAll
    static void putHeldRegistryInFront() {
        registryInFront = GracefulShutdownTests::heldRegistryUrl;
    }

    @AfterAll
    static void stopHeldRegistry() {
        registryInFront = null;
        RELEASED.countDown();
        if (heldRegistry != null) {
            heldRegistry.close();
            heldRegistry = null;
        }
    }

    @Test
    void givenAnEventInFlight_whenIntakeShutsDown_thenNewConnectionsAreRefusedAndTheEventIsStillAccepted()
            throws Exception {
        String key = issueKey("HEALTH");
        HOLDING.set(true);
        DOWN.set(false);
        CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events"))
                                .header("X-API-Key", key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        ReportingFixtures.example("HospitalDischarged", "graceful-shutdown-1")
                                                .toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(HELD.await(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .as("the event reached the registry")
                .isTrue();

        // the shutdown's lifecycle phases as close() runs them (the web server's graceful shutdown first, then the
        // listeners and relays), without destroying the beans the test framework still holds
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(context::stop);
        await().atMost(PATIENCE).until(this::refusesNewConnections);
        assertThat(answer).isNotDone();
        assertThat(stopped).isNotDone();
        RELEASED.countDown();

        HttpResponse<String> accepted = answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"accepted\"");
        stopped.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        Matcher platformEventId =
                Pattern.compile("\"platformEventId\":\"([^\"]+)\"").matcher(accepted.body());
        assertThat(platformEventId.find()).as(accepted.body()).isTrue();
        // published (acks=all) before it was answered, so before the application was gone
        assertThat(readAll(HOUSEHOLD_EVENTS).stream()
                        .map(r -> r.headers().lastHeader("ce_id"))
                        .filter(id -> id != null
                                && new String(id.value(), StandardCharsets.UTF_8).equals(platformEventId.group(1))))
                .hasSize(1);
    }

    private boolean refusesNewConnections() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException other) {
            return false;
        }
    }
}
