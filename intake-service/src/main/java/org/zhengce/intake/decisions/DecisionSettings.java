package org.zhengce.intake.decisions;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the decisions shared back over HTTP ({@code intake.decisions.*}), checked at start-up so that a wrong
 * one fails naming itself.
 *
 * @param retrySchedule the waits between attempts after the first, immediate one (the Standard Webhooks specification
 *     suggests 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h: about three days): a delivery is given up, marked failed, after one attempt more
 *     than the schedule has waits
 * @param requestTimeout how long one attempt may take, connecting included: past it the attempt failed
 * @param deliveryInterval how often the due deliveries are looked for
 * @param batchSize deliveries attempted per pass
 * @param concurrency attempts in flight at once
 * @param allowPlainHttp whether a webhook may be {@code http://} (local runs and demos only; otherwise HTTPS)
 * @param maxPageSize the largest {@code limit} of {@code GET /decisions}
 * @param webhooks endpoints set by configuration, by department code (written to the database at start-up; a
 *     department with one cannot change it through the API)
 */
@ConfigurationProperties("intake.decisions")
record DecisionSettings(
        @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "14h", "20h", "24h"})
        List<Duration> retrySchedule,

        @DefaultValue("15s") Duration requestTimeout,
        @DefaultValue("2s") Duration deliveryInterval,
        @DefaultValue("100") int batchSize,
        @DefaultValue("8") int concurrency,
        @DefaultValue("false") boolean allowPlainHttp,
        @DefaultValue("1000") int maxPageSize,
        @DefaultValue Map<String, ConfiguredWebhook> webhooks) {

    /**
     * A department's endpoint as configuration names it.
     *
     * @param url the endpoint
     * @param secret its signing secret, {@code whsec_} and the Base64 of 24 to 64 random bytes (a Kubernetes Secret in
     *     production)
     */
    record ConfiguredWebhook(URI url, String secret) {}

    DecisionSettings {
        retrySchedule = List.copyOf(retrySchedule);
        webhooks = Map.copyOf(webhooks);
        if (retrySchedule.stream().anyMatch(wait -> wait.isNegative() || wait.isZero())) {
            throw new IllegalArgumentException(
                    "intake.decisions.retry-schedule must hold positive waits, was " + retrySchedule);
        }
        positive("request-timeout", requestTimeout);
        positive("delivery-interval", deliveryInterval);
        if (batchSize < 1 || concurrency < 1 || maxPageSize < 1) {
            throw new IllegalArgumentException(
                    "intake.decisions.batch-size, concurrency and max-page-size must be at least 1");
        }
        webhooks.forEach((department, webhook) -> {
            WebhookEndpoints.check(webhook.url(), allowPlainHttp).ifPresent(problem -> {
                throw new IllegalArgumentException(
                        "intake.decisions.webhooks." + department + ".url: " + problem.detail());
            });
            WebhookSecret.parse(webhook.secret(), "intake.decisions.webhooks." + department + ".secret");
        });
    }

    /** Attempts before a delivery is given up: the first and one after each wait. */
    int maxAttempts() {
        return retrySchedule.size() + 1;
    }

    /** The wait after the failed attempt {@code attempt} (1 for the first). */
    Duration waitAfter(int attempt) {
        return retrySchedule.get(Math.min(attempt, retrySchedule.size()) - 1);
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("intake.decisions." + name + " must be positive, was " + value);
        }
    }
}
