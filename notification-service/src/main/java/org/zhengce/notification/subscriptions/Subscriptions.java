package org.zhengce.notification.subscriptions;

import java.net.URI;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.zhengce.events.AlertChannel;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Users' subscriptions and the webhook endpoints they go through. */
@Service
public class Subscriptions {

    private static final Set<AlertChannel> WEBHOOK_CHANNELS = Set.of(AlertChannel.SMS, AlertChannel.APP_PUSH);

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final Clock clock;

    Subscriptions(DatabaseClient db, TransactionalOperator transactions, Clock clock) {
        this.db = db;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The subscriptions of {@code userId} whose endpoint is enabled: where an alert for them goes besides the console. */
    public Flux<Subscription> activeOf(String userId) {
        return db.sql("select s.channel, s.endpoint_id, s.address from subscriptions s"
                        + " join webhook_endpoints e on e.id = s.endpoint_id"
                        + " where s.user_id = :user and e.enabled order by s.channel")
                .bind("user", userId)
                .map(row -> new Subscription(
                        AlertChannel.valueOf(Objects.requireNonNull(row.get("channel", String.class))),
                        Objects.requireNonNull(row.get("endpoint_id", String.class)),
                        Objects.requireNonNull(row.get("address", String.class))))
                .all();
    }

    Flux<Subscription> of(String userId) {
        return db.sql("select channel, endpoint_id, address from subscriptions where user_id = :user order by channel")
                .bind("user", userId)
                .map(row -> new Subscription(
                        AlertChannel.valueOf(Objects.requireNonNull(row.get("channel", String.class))),
                        Objects.requireNonNull(row.get("endpoint_id", String.class)),
                        Objects.requireNonNull(row.get("address", String.class))))
                .all();
    }

    /** Replaces the user's subscriptions: one per channel, each through a known endpoint of that channel. */
    Mono<List<Subscription>> replace(String userId, List<Subscription> subscriptions) {
        Set<AlertChannel> seen = new HashSet<>();
        for (int i = 0; i < subscriptions.size(); i++) {
            Subscription s = subscriptions.get(i);
            if (!WEBHOOK_CHANNELS.contains(s.channel())) {
                return Mono.error(new SubscriptionProblem(
                        "[" + i + "].channel", "must be SMS or APP_PUSH (the console is always on)"));
            }
            if (!seen.add(s.channel())) {
                return Mono.error(new SubscriptionProblem("[" + i + "].channel", "one subscription per channel"));
            }
        }
        Mono<Void> checks = Flux.range(0, subscriptions.size())
                .concatMap(i -> endpointChannel(subscriptions.get(i).endpointId())
                        .switchIfEmpty(Mono.error(new SubscriptionProblem(
                                "[" + i + "].endpointId",
                                "no endpoint " + subscriptions.get(i).endpointId())))
                        .flatMap(channel -> channel == subscriptions.get(i).channel()
                                ? Mono.<Void>empty()
                                : Mono.error(new SubscriptionProblem(
                                        "[" + i + "].endpointId",
                                        "endpoint " + subscriptions.get(i).endpointId() + " serves " + channel))))
                .then();
        Mono<Void> write = db.sql("delete from subscriptions where user_id = :user")
                .bind("user", userId)
                .then()
                .thenMany(Flux.fromIterable(subscriptions)
                        .concatMap(s -> db.sql("insert into subscriptions (user_id, channel, endpoint_id, address)"
                                        + " values (:user, :channel, :endpoint, :address)")
                                .bind("user", userId)
                                .bind("channel", s.channel().name())
                                .bind("endpoint", s.endpointId())
                                .bind("address", s.address())
                                .then()))
                .then();
        return checks.then(write)
                .as(transactions::transactional)
                .then(of(userId).collectList());
    }

    private Mono<AlertChannel> endpointChannel(String endpointId) {
        return db.sql("select channel from webhook_endpoints where id = :id")
                .bind("id", endpointId)
                .map(row -> AlertChannel.valueOf(Objects.requireNonNull(row.get("channel", String.class))))
                .one();
    }

    Flux<WebhookEndpoint> endpoints() {
        return db.sql("select id, channel, url, enabled, updated_at from webhook_endpoints order by id")
                .map(row -> new WebhookEndpoint(
                        Objects.requireNonNull(row.get("id", String.class)),
                        AlertChannel.valueOf(Objects.requireNonNull(row.get("channel", String.class))),
                        Objects.requireNonNull(row.get("url", String.class)),
                        Boolean.TRUE.equals(row.get("enabled", Boolean.class)),
                        Objects.requireNonNull(row.get("updated_at", java.time.Instant.class))))
                .all();
    }

    /** Creates or replaces an endpoint; the secret signs every request to it (HMAC-SHA256). */
    Mono<WebhookEndpoint> putEndpoint(String id, AlertChannel channel, String url, String secret, boolean enabled) {
        if (!WEBHOOK_CHANNELS.contains(channel)) {
            return Mono.error(new SubscriptionProblem("channel", "must be SMS or APP_PUSH"));
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Mono.error(new SubscriptionProblem("url", "not a URL"));
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            return Mono.error(new SubscriptionProblem("url", "must be an http or https URL"));
        }
        if (secret.length() < 16) {
            return Mono.error(new SubscriptionProblem("secret", "at least 16 characters"));
        }
        return db.sql("insert into webhook_endpoints (id, channel, url, secret, enabled, updated_at)"
                        + " values (:id, :channel, :url, :secret, :enabled, :at) on conflict (id) do update set"
                        + " channel = excluded.channel, url = excluded.url, secret = excluded.secret,"
                        + " enabled = excluded.enabled, updated_at = excluded.updated_at")
                .bind("id", id)
                .bind("channel", channel.name())
                .bind("url", url)
                .bind("secret", secret)
                .bind("enabled", enabled)
                .bind("at", clock.instant())
                .then()
                .then(endpoints().filter(e -> e.id().equals(id)).next());
    }
}
