package org.zhengce.intake.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zhengce.intake.IntakeStackTest;

/**
 * A schema registry that answers 503 while an event is prepared: the event is not the department's fault, so it is
 * answered 503 with Retry-After and nothing is kept or dead-lettered; once the registry is back the same event is
 * accepted. (Before: a permanent 400 rejection of a valid event.)
 */
class RegistryUnavailableTests extends IntakeStackTest {

    private static final AtomicBoolean REGISTRY_DOWN = new AtomicBoolean(true);
    private static @Nullable RegistryInFront flakyRegistry;

    /** A registry in front of the real one that answers 503 while {@link #REGISTRY_DOWN}. */
    private static synchronized String flakyRegistryUrl() {
        if (flakyRegistry == null) {
            flakyRegistry = RegistryInFront.start(
                    IntakeStackTest::registryUrl,
                    () -> REGISTRY_DOWN.get()
                            ? new RegistryInFront.Answer(
                                    503,
                                    "{\"error_code\":50302,\"message\":\"registry unavailable\"}"
                                            .getBytes(StandardCharsets.UTF_8))
                            : null);
        }
        return flakyRegistry.url();
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
    static void putFlakyRegistryInFront() {
        registryInFront = RegistryUnavailableTests::flakyRegistryUrl;
    }

    @AfterAll
    static void stopFlakyRegistry() {
        registryInFront = null;
        if (flakyRegistry != null) {
            flakyRegistry.close();
            flakyRegistry = null;
        }
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(String key, String event) {
        return http.post()
                .uri("/events")
                .header("X-API-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(event)
                .exchange();
    }

    @Test
    void registryAnswering503IsAnswered503WithRetryAfterNeverARejection() {
        String key = issueKey("HEALTH");
        String event = ReportingFixtures.example("HospitalDischarged", "registry-down-1")
                .toString();

        post(key, event)
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("unavailable")
                .jsonPath("$.rejectionId")
                .doesNotExist()
                .jsonPath("$.violations")
                .doesNotExist();
        http.get()
                .uri("/rejected-events")
                .header("X-API-Key", key)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.eventId == 'registry-down-1')]")
                .doesNotExist();
        assertThat(readAll(DEAD_LETTERS)).extracting(ConsumerRecord::key).doesNotContain("HEALTH:registry-down-1");

        REGISTRY_DOWN.set(false);

        post(key, event)
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("accepted");
    }
}
