package org.zhengce.intake.pipeline;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Claims, publishes and marks the events of concurrent requests together (ADR 0018, amendment of 2026-12-07): the
 * requests that arrive while earlier groups are on their way form the next group, which costs one claim statement,
 * one hand-off to the producer with one callback, and one row marking its batch published, however many requests it
 * holds. A request still gets its answer only when every record of its group is acknowledged by Kafka and the batch
 * is marked; a failed send or mark makes every request of that group, and only of that group, "not published" (its
 * events are claimed, and the relay publishes them).
 */
final class ClaimGroups {

    private final EventLedger ledger;
    private final HouseholdEventWriter writer;
    private final Clock clock;
    private final GroupCommit<Request, Committed> groups;

    /**
     * One request's share of a group: its claim and, by event id, the record each of its entries publishes.
     *
     * @param records the record of every entry of {@code claiming}, by event id
     */
    record Request(EventLedger.Claiming claiming, Map<String, ProducerRecord<String, byte[]>> records) {

        int events() {
            return claiming.entries().size();
        }
    }

    /**
     * What became of one request's events: those it claimed ({@code claim}), and why they are not published yet, or
     * null when they are (on Kafka and marked in the ledger).
     */
    record Committed(EventLedger.Claim claim, @Nullable Throwable notPublished) {}

    /**
     * @param inFlight how many groups may be on their way at once
     * @param maxEvents the most events a group takes (a request with more goes alone)
     */
    ClaimGroups(EventLedger ledger, HouseholdEventWriter writer, Clock clock, int inFlight, int maxEvents) {
        this.ledger = ledger;
        this.writer = writer;
        this.clock = clock;
        this.groups = new GroupCommit<>(inFlight, maxEvents, Request::events, this::commit);
    }

    /** Claims, publishes and marks {@code request}'s events with whichever requests share its group. */
    Mono<Committed> commit(Request request) {
        if (request.claiming().entries().isEmpty()) {
            return Mono.just(new Committed(EventLedger.Claim.NONE, null));
        }
        return groups.submit(request);
    }

    private Mono<List<Committed>> commit(List<Request> group) {
        return ledger.claim(group.stream().map(Request::claiming).toList()).flatMap(claims -> {
            List<ProducerRecord<String, byte[]>> toSend = new ArrayList<>();
            long batch = 0;
            for (int i = 0; i < group.size(); i++) {
                EventLedger.Claim claim = claims.get(i);
                Map<String, ProducerRecord<String, byte[]>> records =
                        group.get(i).records();
                for (String eventId : claim.eventIds()) {
                    toSend.add(Objects.requireNonNull(records.get(eventId)));
                    batch = claim.batch();
                }
            }
            if (toSend.isEmpty()) {
                return Mono.just(answers(claims, null));
            }
            long claimed = batch;
            return writer.send(toSend)
                    // one row for the whole group: every record of it is acknowledged
                    .then(Mono.defer(() -> ledger.markBatchPublished(claimed, clock.instant())))
                    .then(Mono.fromSupplier(() -> answers(claims, null)))
                    .onErrorResume(notPublished -> Mono.just(answers(claims, notPublished)));
        });
    }

    private static List<Committed> answers(List<EventLedger.Claim> claims, @Nullable Throwable notPublished) {
        List<Committed> answers = new ArrayList<>(claims.size());
        for (EventLedger.Claim claim : claims) {
            answers.add(new Committed(claim, claim.eventIds().isEmpty() ? null : notPublished));
        }
        return Collections.unmodifiableList(answers);
    }
}
