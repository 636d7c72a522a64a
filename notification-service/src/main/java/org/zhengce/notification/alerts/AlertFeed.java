package org.zhengce.notification.alerts;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * Committed alerts, fanned out in this JVM to the open streams of their recipients. Only a fast path: the database
 * is the record, and a stream fills any gap (a full buffer, an alert raised by another instance) from it.
 */
@Component
public class AlertFeed {

    private static final int BUFFER = 1024;

    private final Map<String, Set<Listener>> listeners = new ConcurrentHashMap<>();

    /** Starts buffering {@code userId}'s alerts as they commit; close the listener when the stream ends. */
    public Listener listen(String userId) {
        Listener listener = new Listener(userId);
        listeners.computeIfAbsent(userId, user -> ConcurrentHashMap.newKeySet()).add(listener);
        return listener;
    }

    /** Hands committed alerts to their recipients' open streams (never blocks; a full buffer drops). */
    void publish(Collection<AlertView> alerts) {
        for (AlertView alert : alerts) {
            Set<Listener> open = listeners.get(alert.recipient());
            if (open != null) {
                open.forEach(listener -> listener.offer(alert));
            }
        }
    }

    /** One open stream's buffer of live alerts. */
    public final class Listener implements AutoCloseable {

        private final String userId;
        private final Sinks.Many<AlertView> sink = Sinks.many()
                .unicast()
                .onBackpressureBuffer(Queues.<AlertView>get(BUFFER).get());

        private Listener(String userId) {
            this.userId = userId;
        }

        public Flux<AlertView> alerts() {
            return sink.asFlux();
        }

        private synchronized void offer(AlertView alert) {
            sink.tryEmitNext(alert);
        }

        @Override
        public void close() {
            listeners.computeIfPresent(userId, (user, open) -> {
                open.remove(this);
                return open.isEmpty() ? null : open;
            });
            sink.tryEmitComplete();
        }
    }
}
