package org.zhengce.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.zhengce.events.AlertChannel;
import org.zhengce.events.AlertDelivered;
import org.zhengce.events.AlertEscalated;
import org.zhengce.events.AlertEvent;
import org.zhengce.events.AlertFailed;
import org.zhengce.events.Urgency;
import org.zhengce.notification.CaseEvents;
import org.zhengce.notification.NotificationStackTest;
import org.zhengce.notification.WebhookReceiver;
import org.zhengce.notification.alerts.AlertKind;
import org.zhengce.notification.alerts.AlertView;

/**
 * SMS through a real HTTP receiver that checks the signatures and sends a message once per Idempotency-Key: down for
 * a while, slow, refusing, quiet hours. The clock is the test's; each tick runs to its end (no sleeping). HTTP calls
 * time out after 1 s of real time.
 */
@TestPropertySource(properties = "notification.webhooks.timeout=1s")
class WebhookDeliveryTests extends NotificationStackTest {

    private static final String SECRET = "sms-gateway-secret-0123456789";
    private static final String COMMUNITY = "110105001003";
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private WebhookReceiver receiver;

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    /** A receiver behind endpoint {@code endpoint}, and {@code advisor} subscribed to SMS through it. */
    private String smsThroughNewReceiver(String endpoint, String advisor) {
        receiver = new WebhookReceiver(SECRET);
        http.put()
                .uri("/admin/webhook-endpoints/{id}", endpoint)
                .headers(h -> h.setBearerAuth(admin()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("channel", "SMS", "url", receiver.url(), "secret", SECRET, "enabled", true))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.secret")
                .doesNotExist();
        String token = advisor(advisor, COMMUNITY);
        http.put()
                .uri("/subscriptions/me")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(List.of(Map.of("channel", "SMS", "endpointId", endpoint, "address", "+8613800000000")))
                .exchange()
                .expectStatus()
                .isOk();
        return token;
    }

    private AlertView assign(String name, String advisor, String token, Urgency urgency) {
        UUID caseId = CaseEvents.caseId(name);
        publish(CASE_EVENTS, caseId.toString(), CaseEvents.assigned(caseId, 2, advisor, COMMUNITY, urgency));
        return awaitAlerts(token, a -> a.caseId().equals(caseId), 1).get(0);
    }

    /** Moves the clock and ticks until {@code done}, at most {@code ticks} times. */
    private void tickUntil(Duration step, int ticksAtMost, java.util.function.BooleanSupplier done) {
        for (int i = 0; i < ticksAtMost && !done.getAsBoolean(); i++) {
            clock.advance(step);
            ticks.tick();
        }
        assertThat(done.getAsBoolean())
                .as("done within " + ticksAtMost + " ticks")
                .isTrue();
    }

    private static Set<String> keysOf(List<WebhookReceiver.Request> requests) {
        return requests.stream().map(WebhookReceiver.Request::idempotencyKey).collect(Collectors.toSet());
    }

    @Test
    void theWebhookCarriesTheTraceOfTheCaseEventThatRaisedItsAlert() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String advisor = "advisor-sms-traced";
        String token = smsThroughNewReceiver("sms-traced", advisor);
        UUID traced = CaseEvents.caseId("sms-traced-1");
        publishTraced(
                CASE_EVENTS,
                traced.toString(),
                traceparent,
                CaseEvents.assigned(traced, 2, advisor, COMMUNITY, Urgency.SOLVE_NOW));
        awaitAlerts(token, a -> a.caseId().equals(traced), 1);
        AlertView untraced = assign("sms-untraced-1", advisor, token, Urgency.SOLVE_NOW);

        tickUntil(Duration.ofSeconds(1), 10, () -> receiver.messagesSent().size() == 2);

        assertThat(receiver.requests())
                .filteredOn(request -> request.body().contains(traced.toString()))
                .singleElement()
                .extracting(WebhookReceiver.Request::traceparent)
                .isEqualTo(traceparent);
        assertThat(receiver.requests())
                .filteredOn(request -> request.body().contains(untraced.id().toString()))
                .singleElement()
                .extracting(WebhookReceiver.Request::traceparent)
                .isNull();
    }

    @Test
    void aReceiverThatIsDownForAWhileThenRecoversGetsEachAlertOnce() {
        String advisor = "advisor-sms-down";
        String token = smsThroughNewReceiver("sms-down", advisor);
        receiver.answer(503);
        AlertView first = assign("sms-down-1", advisor, token, Urgency.SOLVE_NOW);
        AlertView second = assign("sms-down-2", advisor, token, Urgency.SOLVE_NOW);

        ticks.tick();
        // down: retried with backoff (and, after enough failures, held back by the open circuit breaker)
        tickUntil(Duration.ofMinutes(3), 20, () -> receiver.requests().size() >= 6);
        assertThat(receiver.messagesSent()).isEmpty();

        receiver.answer(200);
        tickUntil(Duration.ofMinutes(3), 20, () -> receiver.messagesSent().size() == 2);

        List<WebhookReceiver.Request> requests = receiver.requests();
        assertThat(requests).allMatch(WebhookReceiver.Request::signatureValid);
        // one key per alert, the same on every attempt
        assertThat(keysOf(requests)).hasSize(2);
        assertThat(receiver.messagesSent())
                .anySatisfy(
                        body -> assertThat(body).contains(first.id().toString()).contains("+8613800000000"))
                .anySatisfy(body -> assertThat(body).contains(second.id().toString()));
        // and nothing more once delivered
        clock.advance(Duration.ofHours(1));
        ticks.tick();
        assertThat(receiver.requests()).hasSize(requests.size());

        AlertEvent delivered = awaitAlertEvent(first.caseId(), e -> e.getFact() instanceof AlertDelivered);
        assertThat(delivered.getChannel()).isEqualTo(AlertChannel.SMS);
        assertThat(((AlertDelivered) delivered.getFact()).getAttempt()).isGreaterThan(1);
        assertThat(alertEventsOf(first.caseId()))
                .filteredOn(e -> e.getFact() instanceof AlertFailed)
                .isNotEmpty()
                .allSatisfy(e ->
                        assertThat(((AlertFailed) e.getFact()).getWillRetry()).isTrue());
    }

    @Test
    void aRetryAfterATimeoutCarriesTheSameIdempotencyKeySoTheReceiverSendsOnce() throws Exception {
        String advisor = "advisor-sms-slow";
        String token = smsThroughNewReceiver("sms-slow", advisor);
        CountDownLatch release = new CountDownLatch(1);
        receiver.holdUntil(release);
        AlertView alert = assign("sms-slow-1", advisor, token, Urgency.SOLVE_NOW);

        ticks.tick(); // the call times out (1 s): a retry is scheduled
        release.countDown(); // the gateway sends the message after all, and answers too late
        await().atMost(Duration.ofSeconds(10))
                .until(() -> receiver.messagesSent().size() == 1);
        receiver.holdUntil(new CountDownLatch(0));

        tickUntil(Duration.ofMinutes(1), 10, () -> receiver.requests().size() >= 2);
        assertThat(keysOf(receiver.requests())).hasSize(1);
        assertThat(receiver.messagesSent()).hasSize(1);
        awaitAlertEvent(alert.caseId(), e -> e.getFact() instanceof AlertDelivered);
    }

    @Test
    void aReceiverAnswering4xxIsNotRetriedButReportedFailedAndEscalated() {
        String advisor = "advisor-sms-refused";
        String token = smsThroughNewReceiver("sms-refused", advisor);
        receiver.answer(400);
        AlertView alert = assign("sms-refused-1", advisor, token, Urgency.IN_STAGES);

        ticks.tick();
        AlertEvent failed = awaitAlertEvent(alert.caseId(), e -> e.getFact() instanceof AlertFailed);
        assertThat(((AlertFailed) failed.getFact()).getWillRetry()).isFalse();
        assertThat(((AlertFailed) failed.getFact()).getAttempts()).isEqualTo(1);
        assertThat(((AlertFailed) failed.getFact()).getReason()).contains("400");
        AlertEvent escalated = awaitAlertEvent(alert.caseId(), e -> e.getFact() instanceof AlertEscalated);
        assertThat(((AlertEscalated) escalated.getFact()).getEscalatedTo()).isEqualTo("supervisor-jianwai");
        assertThat(inboxOf(supervisor("supervisor-jianwai", "110105001")))
                .filteredOn(a -> a.caseId().equals(alert.caseId()))
                .singleElement()
                .satisfies(a -> assertThat(a.kind()).isEqualTo(AlertKind.UNDELIVERABLE));

        clock.advance(Duration.ofHours(1));
        ticks.tick();
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void aReceiverThatNeverRecoversIsGivenUpAfterItsTimeThenReportedAndEscalated() {
        String advisor = "advisor-sms-gone";
        String token = smsThroughNewReceiver("sms-gone", advisor);
        receiver.answer(503);
        AlertView alert = assign("sms-gone-1", advisor, token, Urgency.SOLVE_NOW);
        Instant start = clock.instant();

        ticks.tick();
        tickUntil(
                Duration.ofMinutes(10),
                30,
                () -> alertEventsOf(alert.caseId()).stream()
                        .anyMatch(e -> e.getFact() instanceof AlertFailed f && !f.getWillRetry()));
        assertThat(Duration.between(start, clock.instant())).isGreaterThanOrEqualTo(Duration.ofMinutes(110));
        awaitAlertEvent(alert.caseId(), e -> e.getFact() instanceof AlertEscalated);
        assertThat(receiver.messagesSent()).isEmpty();
    }

    @Test
    void nonUrgentMessagesWaitOutTheQuietHoursUrgentOnesDoNot() {
        String advisor = "advisor-sms-night";
        String token = smsThroughNewReceiver("sms-night", advisor);
        ZonedDateTime now = clock.instant().atZone(BEIJING);
        ZonedDateTime night = now.toLocalDate().atTime(23, 0).atZone(BEIJING);
        if (!night.isAfter(now)) {
            night = night.plusDays(1);
        }
        clock.set(night.toInstant());
        AlertView routine = assign("sms-night-routine", advisor, token, Urgency.IN_STAGES);
        AlertView urgent = assign("sms-night-urgent", advisor, token, Urgency.SOLVE_NOW);
        Instant morning = night.plusHours(8).toInstant(); // 07:00
        assertThat(routine.acknowledgeBy()).isEqualTo(morning.plus(Duration.ofHours(4)));

        ticks.tick();
        assertThat(receiver.messagesSent())
                .singleElement()
                .satisfies(body -> assertThat(body).contains(urgent.id().toString()));

        clock.set(morning.minusSeconds(60));
        ticks.tick();
        assertThat(receiver.messagesSent()).hasSize(1);

        clock.set(morning);
        ticks.tick();
        assertThat(receiver.messagesSent())
                .hasSize(2)
                .last()
                .satisfies(body -> assertThat(body).contains(routine.id().toString()));
    }
}
