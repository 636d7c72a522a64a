package org.zhengce.intake.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import org.zhengce.intake.IntakeStackTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * A delivery's state is in the database, not in the instance sending it: an attempt cut short by a crash (taken, never
 * settled) is taken up again by another instance, or the same one restarted, once its lease has passed. The scheduled
 * passes are off here (one a day); the test drives them, one as the crashed instance, one as a fresh instance built
 * from nothing but the database.
 */
@TestPropertySource(
        properties = {
            "intake.decisions.delivery-interval=1d",
            "intake.decisions.request-timeout=2s",
            "intake.decisions.allow-plain-http=true"
        })
class DeliveryAfterACrashTests extends IntakeStackTest {

    private static final String TOPIC = "decisions.disabled-persons-federation";
    private static DepartmentEndpoint endpoint;

    @Autowired
    private DecisionLedger ledger;

    @Autowired
    private WebhookRegistry webhooks;

    @Autowired
    private DecisionSettings settings;

    @BeforeAll
    static void topicAndEndpoint() throws Exception {
        createTopicOnce(TOPIC, 3);
        endpoint = new DepartmentEndpoint();
    }

    @AfterAll
    static void closeEndpoint() {
        endpoint.close();
    }

    @Test
    void anAttemptCutShortIsTakenUpAgainOnceItsLeaseHasPassed() throws Exception {
        String key = issueKey("DISABLED_PERSONS_FEDERATION");
        http.put()
                .uri("/departments/me/webhook")
                .header("X-API-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", endpoint.answering("/dpf", 200).toString()))
                .exchange()
                .expectStatus()
                .isOk();
        DecisionsOverHttpTests.produce(TOPIC, DecisionsOverHttpTests.decision("dpf-1"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !Objects.requireNonNull(ledger.deliveries("DISABLED_PERSONS_FEDERATION", 10)
                                .collectList()
                                .block())
                        .isEmpty());

        // the crashed instance: took the delivery for an attempt with a two-second lease, and never settled it
        Instant crashedAt = Instant.now();
        assertThat(ledger.claimDue(crashedAt, crashedAt.plusSeconds(2), 10)
                        .collectList()
                        .block())
                .singleElement()
                .satisfies(taken -> assertThat(taken.webhookId()).isEqualTo("dpf-1"));
        DecisionDelivery restarted = new DecisionDelivery(
                ledger,
                webhooks,
                WebClient.create(),
                JsonMapper.builder().build(),
                settings,
                Clock.systemUTC(),
                new SimpleMeterRegistry());
        assertThat(restarted.deliverDue().block()).as("held by the lease").isZero();
        assertThat(endpoint.received("/dpf")).isEmpty();

        // taken up again once the lease has passed, the crashed instance's attempt counted, sent once
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    restarted.deliverDue().block();
                    assertThat(ledger.deliveries("DISABLED_PERSONS_FEDERATION", 10)
                                    .collectList()
                                    .block())
                            .singleElement()
                            .satisfies(delivery -> {
                                assertThat(delivery.status()).isEqualTo("delivered");
                                assertThat(delivery.attempts()).isEqualTo(2);
                            });
                });
        assertThat(endpoint.received("/dpf"))
                .singleElement()
                .satisfies(received -> assertThat(received.header("webhook-id")).isEqualTo("dpf-1"));
    }
}
