package org.zhengce.kit.outbox;

import java.util.Optional;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The records a relay has set aside ({@link QuarantinedRecord}), and their release after a fix: a released record is
 * sent by the next pass like a new one (and quarantined again if it still cannot be sent), the records held back
 * behind it with it, in order.
 */
public interface OutboxQuarantine {

    /** What the relay publishes, as in {@link QuarantinedRecord#outbox()}. */
    String outbox();

    /** The quarantined records, oldest first, at most {@code limit}. */
    Flux<QuarantinedRecord> quarantined(int limit);

    /** Releases the quarantined record {@code id}; emits whether there was one. */
    Mono<Boolean> release(String id);

    /** The event id {@code id} names, empty when it is not a UUID (then no outbox holds it). */
    static Optional<UUID> eventId(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException notAnEventId) {
            return Optional.empty();
        }
    }
}
