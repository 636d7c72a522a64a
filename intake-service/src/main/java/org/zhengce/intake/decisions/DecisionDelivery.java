package org.zhengce.intake.decisions;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.reactive.function.client.WebClient;
import org.zhengce.kit.failures.Failures;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers each pending decision to its department's webhook, per the Standard Webhooks specification: a JSON POST
 * ({@link DecisionMessage}) with the headers {@code webhook-id} (the decision's id, the same on every attempt: the
 * receiver de-duplicates by it), {@code webhook-timestamp} (the attempt's, in seconds) and {@code webhook-signature}
 * ({@link WebhookSignature}). Any 2xx answer delivers it; anything else (another status, a refused connection, no
 * answer within {@code request-timeout}) is tried again after the schedule's next wait, and after the last attempt the
 * delivery is given up and marked {@code failed}: one WARN line and {@code intake.decisions.deliveries{outcome=failed}},
 * never dropped silently. Retries log at DEBUG only. At least once: a delivery whose answer was lost is sent again.
 * Every state is in the database, so a restart loses nothing; in order per department is not promised.
 */
final class DecisionDelivery {

    static final String METRIC = "intake.decisions.deliveries";
    private static final Logger log = LoggerFactory.getLogger(DecisionDelivery.class);
    private static final int MAX_ERROR = 300;

    private final DecisionLedger ledger;
    private final WebhookRegistry webhooks;
    private final WebClient client;
    private final JsonMapper json;
    private final DecisionSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private volatile boolean unavailable;

    DecisionDelivery(
            DecisionLedger ledger,
            WebhookRegistry webhooks,
            WebClient client,
            JsonMapper json,
            DecisionSettings settings,
            Clock clock,
            MeterRegistry meters) {
        this.ledger = ledger;
        this.webhooks = webhooks;
        this.client = client;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    /** One endpoint's answer to an attempt: its HTTP status, or none and why. */
    private record Answer(@Nullable Integer status, String error) {

        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    @Scheduled(
            fixedDelayString = "${intake.decisions.delivery-interval:2s}",
            initialDelayString = "${intake.decisions.delivery-interval:2s}")
    void scheduled() {
        try {
            deliverDue().block(Duration.ofMinutes(5));
            if (unavailable) {
                unavailable = false;
                log.info("decision deliveries attempted again");
            }
        } catch (RuntimeException e) {
            // one warning when the passes start failing (the database down), not one every delivery interval
            if (unavailable) {
                log.debug("decision deliveries not attempted, will retry: {}", Failures.reason(e));
            } else {
                unavailable = true;
                log.warn("decision deliveries not attempted, will retry every interval: {}", Failures.reason(e));
            }
        }
    }

    /** Attempts the deliveries due now; emits how many were attempted. */
    Mono<Long> deliverDue() {
        Instant now = clock.instant();
        // an attempt in progress holds its delivery this long: past it (a crash), another pass takes it up again
        Instant lease = now.plus(settings.requestTimeout().multipliedBy(2)).plusSeconds(30);
        return ledger.claimDue(now, lease, settings.batchSize())
                .flatMap(this::attempt, settings.concurrency())
                .count();
    }

    private Mono<Void> attempt(DecisionLedger.DueDelivery due) {
        return Mono.defer(() -> send(due))
                .onErrorResume(e -> Mono.just(new Answer(null, error(e))))
                .flatMap(answer -> settle(due, answer));
    }

    private Mono<Answer> send(DecisionLedger.DueDelivery due) {
        URI url = URI.create(due.url());
        var refused = WebhookEndpoints.check(url, settings.allowPlainHttp());
        if (refused.isPresent()) {
            return Mono.just(new Answer(null, refused.get().detail()));
        }
        byte[] body = json.writeValueAsBytes(DecisionMessage.of(due.cursor(), due.decision()));
        long timestamp = clock.instant().getEpochSecond();
        String signature =
                WebhookSignature.sign(webhooks.open(due.department(), due.secret()), due.webhookId(), timestamp, body);
        return client.post()
                .uri(url)
                .contentType(MediaType.APPLICATION_JSON)
                .header("webhook-id", due.webhookId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .bodyValue(body)
                .exchangeToMono(response -> response.releaseBody()
                        .thenReturn(new Answer(
                                response.statusCode().value(),
                                "HTTP " + response.statusCode().value())))
                .timeout(settings.requestTimeout());
    }

    private Mono<Void> settle(DecisionLedger.DueDelivery due, Answer answer) {
        Instant now = clock.instant();
        if (answer.delivered()) {
            counter("delivered", due.department()).increment();
            return ledger.delivered(
                    due.department(), due.cursor(), java.util.Objects.requireNonNull(answer.status()), now);
        }
        if (due.attempt() >= settings.maxAttempts()) {
            counter("failed", due.department()).increment();
            log.warn(
                    "decision delivery to {} given up after {} attempts (webhook-id {}, cursor {}): {}; it stays"
                            + " in GET /decisions and the delivery log",
                    due.department(),
                    due.attempt(),
                    due.webhookId(),
                    due.cursor(),
                    answer.error());
            return ledger.attemptFailed(due.department(), due.cursor(), answer.status(), answer.error(), null);
        }
        counter("retried", due.department()).increment();
        Instant next = now.plus(settings.waitAfter(due.attempt()));
        log.debug(
                "decision delivery to {} attempt {} failed ({}), next at {}",
                due.department(),
                due.attempt(),
                answer.error(),
                next);
        return ledger.attemptFailed(due.department(), due.cursor(), answer.status(), answer.error(), next);
    }

    private Counter counter(String outcome, String department) {
        return Counter.builder(METRIC)
                .description(
                        "Webhook delivery attempts of decisions, by outcome: delivered, retried, failed (given up)")
                .tag("outcome", outcome)
                .tag("department", department)
                .register(meters);
    }

    private String error(Throwable e) {
        String text =
                e instanceof TimeoutException ? "no answer within " + settings.requestTimeout() : Failures.reason(e);
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
    }
}
