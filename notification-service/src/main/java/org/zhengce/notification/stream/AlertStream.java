package org.zhengce.notification.stream;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Service;
import org.zhengce.notification.alerts.AlertFeed;
import org.zhengce.notification.alerts.AlertView;
import org.zhengce.notification.alerts.Inbox;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One user's stream. It starts listening to the live feed before it reads the database, so nothing committed in
 * between is missed; then every alert passes one gate that knows the last sequence sent: the next one goes out, an
 * older one (already sent) is dropped, a newer one (a gap: a full buffer, another instance) makes the gate read
 * everything after the last sequence from the database first. A user's alerts commit in sequence order (a row lock),
 * so what the database holds after the last sequence is complete.
 */
@Service
class AlertStream {

    static final String ALERT = "alert";
    private static final int PAGE = 500;
    /** The reconnection delay a client is asked to use. */
    private static final java.time.Duration RETRY = java.time.Duration.ofSeconds(3);

    private final Inbox inbox;
    private final AlertFeed feed;
    private final StreamSettings settings;
    private final Clock clock;

    AlertStream(Inbox inbox, AlertFeed feed, StreamSettings settings, Clock clock) {
        this.inbox = inbox;
        this.feed = feed;
        this.settings = settings;
        this.clock = clock;
    }

    /** Why a {@code Last-Event-ID} cannot be resumed from, or nothing. */
    Mono<StreamProblem> check(String userId, long lastEventId) {
        return inbox.latestSequence(userId).flatMap(latest -> {
            if (lastEventId > latest) {
                return Mono.just(StreamProblem.unknown(lastEventId, latest));
            }
            return inbox.missedBefore(userId, lastEventId, clock.instant().minus(settings.retention()))
                    .flatMap(tooOld ->
                            tooOld ? Mono.just(StreamProblem.tooOld(lastEventId, settings.retention())) : Mono.empty());
        });
    }

    /**
     * The user's alerts after {@code lastEventId}, then live; without one (a first connection), live only, from the
     * newest alert on.
     */
    Flux<ServerSentEvent<AlertView>> alerts(String userId, @Nullable Long lastEventId) {
        return Flux.defer(() -> {
            AlertFeed.Listener listener = feed.listen(userId);
            AtomicLong last = new AtomicLong();
            Mono<Long> start = lastEventId != null ? Mono.just(lastEventId) : inbox.latestSequence(userId);
            return start.flatMapMany(from -> {
                        last.set(from);
                        Flux<Signal> live = listener.alerts().map(Signal::live);
                        Flux<Signal> heartbeats = Flux.interval(settings.heartbeat())
                                .onBackpressureDrop()
                                .map(tick -> Signal.HEARTBEAT);
                        Flux<Signal> signals = Flux.merge(live, heartbeats);
                        if (lastEventId != null) {
                            signals = signals.startWith(Signal.CATCH_UP);
                        }
                        // a first line at once, so that the response starts before the first alert
                        return signals.concatMap(signal -> gate(userId, signal, last), 1)
                                .startWith(ServerSentEvent.<AlertView>builder()
                                        .comment("connected")
                                        .retry(RETRY)
                                        .build());
                    })
                    .doFinally(end -> listener.close());
        });
    }

    private Flux<ServerSentEvent<AlertView>> gate(String userId, Signal signal, AtomicLong last) {
        AlertView alert = signal instanceof Signal.Live live ? live.alert() : null;
        if (alert != null && alert.sequence() <= last.get()) {
            return Flux.empty();
        }
        Flux<AlertView> next =
                alert != null && alert.sequence() == last.get() + 1 ? Flux.just(alert) : catchUp(userId, last.get());
        Flux<ServerSentEvent<AlertView>> events = next.filter(a -> a.sequence() > last.get())
                .doOnNext(a -> last.set(a.sequence()))
                .map(a -> ServerSentEvent.builder(a)
                        .id(Long.toString(a.sequence()))
                        .event(ALERT)
                        .build());
        if (signal instanceof Signal.Heartbeat) {
            return events.concatWith(Mono.just(
                    ServerSentEvent.<AlertView>builder().comment("heartbeat").build()));
        }
        return events;
    }

    /** Everything after {@code sequence} in the database, page by page. */
    private Flux<AlertView> catchUp(String userId, long sequence) {
        return inbox.after(userId, sequence, PAGE)
                .collectList()
                .flatMapMany(page -> page.size() < PAGE
                        ? Flux.fromIterable(page)
                        : Flux.fromIterable(page)
                                .concatWith(Flux.defer(() -> catchUp(
                                        userId, page.get(page.size() - 1).sequence()))));
    }

    /** What the gate is handed: a live alert, or a reason to look in the database. */
    sealed interface Signal {
        Signal CATCH_UP = new CatchUp();
        Signal HEARTBEAT = new Heartbeat();

        static Signal live(AlertView alert) {
            return new Live(alert);
        }

        /** An alert from the live feed. */
        record Live(AlertView alert) implements Signal {}

        /** The start of a resumed stream: everything after the Last-Event-ID. */
        record CatchUp() implements Signal {}

        /** The heartbeat: a comment line, after whatever the database holds that was not sent. */
        record Heartbeat() implements Signal {}
    }
}
