package org.zhengce.notification.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClient;
import org.zhengce.events.AlertEvent;
import org.zhengce.kit.tracing.TraceParent;
import org.zhengce.notification.alerts.AlertEvents;
import org.zhengce.notification.alerts.AlertMetrics;
import org.zhengce.notification.alerts.AlertTiming;
import org.zhengce.notification.alerts.AlertView;
import org.zhengce.notification.alerts.EscalationCause;
import org.zhengce.notification.alerts.Escalations;
import org.zhengce.notification.outbox.AlertEventOutbox;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the due webhook deliveries of one tick. Each is claimed (so a crash leads to a resend with the same
 * Idempotency-Key, never to a loss), signed, sent in its alert's trace (the W3C {@code traceparent} header of the case
 * event that raised it, ADR 0023) through its endpoint's circuit breaker, and its outcome recorded in
 * one transaction with its alert event: delivered ({@code AlertDelivered}); retryable (5xx, 408, 429, timeout:
 * {@code AlertFailed} with {@code willRetry}, next attempt after the backoff, non-urgent ones not in the quiet
 * hours) until the give-up time; rejected (other 4xx) or given up ({@code AlertFailed}, not retried, and the alert
 * escalated to the supervisor above).
 */
public class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DeliveryStore store;
    private final WebClient http;
    private final EndpointBreakers breakers;
    private final DeliverySettings settings;
    private final Backoff backoff;
    private final AlertTiming timing;
    private final AlertEventOutbox outbox;
    private final Escalations escalations;
    private final TransactionalOperator transactions;
    private final AlertMetrics metrics;
    private final Clock clock;

    WebhookDispatcher(
            DeliveryStore store,
            WebClient http,
            EndpointBreakers breakers,
            DeliverySettings settings,
            AlertTiming timing,
            AlertEventOutbox outbox,
            Escalations escalations,
            TransactionalOperator transactions,
            AlertMetrics metrics,
            Clock clock) {
        this.store = store;
        this.http = http;
        this.breakers = breakers;
        this.settings = settings;
        this.backoff = settings.backoff();
        this.timing = timing;
        this.outbox = outbox;
        this.escalations = escalations;
        this.transactions = transactions;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Sends what is due now; how many deliveries were taken. */
    public Mono<Long> dispatchDue() {
        Instant now = clock.instant();
        return store.claimDue(
                        now, now.plus(settings.claimTimeout()), now.plus(settings.giveUpAfter()), settings.batchSize())
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .flatMap(
                        delivery -> attempt(delivery).flatMap(outcome -> record(delivery, outcome)),
                        settings.concurrency())
                .count();
    }

    private Mono<Outcome> attempt(DueDelivery delivery) {
        if (!delivery.endpointEnabled()) {
            return Mono.just(new Outcome.Rejected("endpoint " + delivery.endpointId() + " is disabled"));
        }
        CircuitBreaker breaker = breakers.of(delivery.endpointId());
        if (!breaker.tryAcquirePermission()) {
            return Mono.just(new Outcome.NotAttempted("circuit breaker of " + delivery.endpointId() + " is open"));
        }
        byte[] body = body(delivery);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        long started = System.nanoTime();
        return http.post()
                .uri(delivery.url())
                .contentType(MediaType.APPLICATION_JSON)
                .header(WebhookSignature.TIMESTAMP, timestamp)
                .header(WebhookSignature.SIGNATURE, WebhookSignature.sign(delivery.secret(), timestamp, body))
                .header(WebhookSignature.IDEMPOTENCY_KEY, delivery.id().toString())
                // the alert's trace, so that the gateway's own spans join it (ADR 0023); none when it has none
                .headers(headers -> {
                    String traceparent = delivery.traceparent();
                    if (traceparent != null && TraceParent.valid(traceparent)) {
                        headers.set(TraceParent.HEADER, traceparent);
                    }
                })
                .bodyValue(body)
                .exchangeToMono(response ->
                        response.releaseBody().thenReturn(response.statusCode().value()))
                .timeout(settings.timeout())
                .map(status -> {
                    Outcome outcome = Outcome.ofStatus(status);
                    long took = System.nanoTime() - started;
                    if (outcome instanceof Outcome.Retryable) {
                        breaker.onError(took, TimeUnit.NANOSECONDS, new IllegalStateException("HTTP " + status));
                    } else {
                        breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                    }
                    return outcome;
                })
                .onErrorResume(e -> {
                    breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
                    return Mono.just(new Outcome.Retryable(describe(e)));
                });
    }

    /** The outcome, its alert event and any escalation, in one transaction; escalation alerts streamed after it. */
    private Mono<Void> record(DueDelivery delivery, Outcome outcome) {
        Instant now = clock.instant();
        int attempts = delivery.attempts() + (outcome instanceof Outcome.NotAttempted ? 0 : 1);
        String channel = delivery.channel().name();
        Mono<List<AlertView>> recorded;
        Runnable count;
        if (outcome instanceof Outcome.Delivered) {
            recorded = store.delivered(delivery.id(), attempts, now)
                    .flatMap(done -> done
                            ? send(AlertEvents.delivered(
                                    delivery.alert(), delivery.channel(), delivery.id(), attempts, now))
                            : Mono.empty())
                    .thenReturn(List.of());
            count = () -> metrics.delivered(channel, Duration.between(delivery.raisedAt(), now));
        } else if (outcome instanceof Outcome.Rejected rejected) {
            recorded = fail(delivery, attempts, rejected.reason(), now);
            count = () -> metrics.failed(channel);
        } else {
            String reason = outcome instanceof Outcome.Retryable retryable
                    ? retryable.reason()
                    : ((Outcome.NotAttempted) outcome).reason();
            Duration wait = outcome instanceof Outcome.NotAttempted
                    ? settings.circuitBreaker().openFor()
                    : backoff.delay(attempts, ThreadLocalRandom.current().nextDouble());
            Instant next = timing.sendableAt(now.plus(wait), delivery.urgency());
            if (next.isAfter(delivery.giveUpAt())) {
                recorded = fail(delivery, attempts, reason + "; given up after " + attempts + " attempts", now);
                count = () -> metrics.failed(channel);
            } else if (outcome instanceof Outcome.NotAttempted) {
                recorded = store.retryAt(delivery.id(), attempts, next, reason).thenReturn(List.of());
                count = () -> {};
            } else {
                recorded = store.retryAt(delivery.id(), attempts, next, reason)
                        .flatMap(done -> done
                                ? send(AlertEvents.failed(
                                        delivery.alert(),
                                        delivery.channel(),
                                        delivery.id(),
                                        attempts,
                                        reason,
                                        true,
                                        now))
                                : Mono.empty())
                        .thenReturn(List.of());
                count = () -> metrics.retried(channel);
            }
        }
        return recorded.as(transactions::transactional)
                .doOnNext(raised -> {
                    count.run();
                    escalations.committed(raised);
                })
                .doOnError(e -> log.warn("could not record the outcome of {}: {}", delivery, e.toString()))
                .onErrorComplete()
                .then();
    }

    /** Failed for good: {@code AlertFailed} (not retried) and the alert escalated. */
    private Mono<List<AlertView>> fail(DueDelivery delivery, int attempts, String reason, Instant now) {
        log.info("{} failed: {}", delivery, reason);
        return store.failed(delivery.id(), attempts, reason).flatMap(done -> {
            if (!done) {
                return Mono.just(List.<AlertView>of());
            }
            return send(AlertEvents.failed(
                            delivery.alert(), delivery.channel(), delivery.id(), attempts, reason, false, now))
                    .then(escalations.escalateIn(delivery.alertId(), EscalationCause.UNDELIVERABLE, now))
                    .map(List::of)
                    .defaultIfEmpty(List.of());
        });
    }

    private Mono<Boolean> send(AlertEvent event) {
        return outbox.append(List.of(event)).thenReturn(true);
    }

    /** The JSON body: what the gateway needs to send the message; the same bytes on every attempt. */
    static byte[] body(DueDelivery delivery) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveryId", delivery.id().toString());
        body.put("alertId", delivery.alertId().toString());
        body.put("channel", delivery.channel().name());
        body.put("recipient", delivery.recipient());
        body.put("address", delivery.address());
        body.put("caseId", delivery.caseId().toString());
        body.put("communityCode", delivery.communityCode());
        body.put("urgency", delivery.urgency());
        body.put("kind", delivery.kind());
        body.put("text", delivery.detail());
        body.put("raisedAt", delivery.raisedAt().toString());
        return JSON.writeValueAsBytes(body);
    }

    private static String describe(Throwable e) {
        if (e instanceof java.util.concurrent.TimeoutException) {
            return "no answer within the timeout";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
