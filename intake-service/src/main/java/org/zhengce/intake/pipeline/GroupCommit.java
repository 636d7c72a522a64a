package org.zhengce.intake.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Runs concurrent requests' work as groups: whoever arrives while {@code inFlight} groups are running waits and
 * joins the next group, which takes everything waiting up to {@code maxWeight} (at least one request, however heavy).
 * With one request at a time nothing waits and nothing is added to its path; under load a database round trip and a
 * Kafka acknowledgement are paid once per group instead of once per request (a group commit, ADR 0018's amendment).
 *
 * <p>{@code commit} gets the requests of a group in arrival order and must answer one result per request, in the
 * same order. If it fails, every request of that group fails with its error, and only those: the next group is
 * started as usual.
 *
 * @param <I> what a request hands in
 * @param <O> what it gets back
 */
final class GroupCommit<I, O> {

    private final int inFlight;
    private final int maxWeight;
    private final ToIntFunction<I> weight;
    private final Function<List<I>, Mono<List<O>>> commit;
    private final ArrayDeque<Waiting<I, O>> waiting = new ArrayDeque<>();
    private int running;

    private record Waiting<I, O>(I request, MonoSink<O> sink) {}

    /**
     * @param inFlight how many groups may run at once (at least 1)
     * @param maxWeight the most a group takes, summed by {@code weight}, unless its first request alone weighs more
     */
    GroupCommit(int inFlight, int maxWeight, ToIntFunction<I> weight, Function<List<I>, Mono<List<O>>> commit) {
        if (inFlight < 1 || maxWeight < 1) {
            throw new IllegalArgumentException(
                    "a group commit needs at least one group in flight and a weight of at least 1, not " + inFlight
                            + " and " + maxWeight);
        }
        this.inFlight = inFlight;
        this.maxWeight = maxWeight;
        this.weight = weight;
        this.commit = commit;
    }

    /** The result of {@code request}, once the group it joined has committed. */
    Mono<O> submit(I request) {
        return Mono.create(sink -> {
            synchronized (this) {
                waiting.add(new Waiting<>(request, sink));
            }
            drain();
        });
    }

    /** Starts groups while there is a free slot and something waiting. */
    private void drain() {
        while (true) {
            List<Waiting<I, O>> group;
            synchronized (this) {
                if (running >= inFlight || waiting.isEmpty()) {
                    return;
                }
                group = new ArrayList<>();
                int taken = 0;
                while (!waiting.isEmpty()) {
                    int next = weight.applyAsInt(waiting.peek().request());
                    if (!group.isEmpty() && taken + next > maxWeight) {
                        break;
                    }
                    taken += next;
                    group.add(waiting.poll());
                }
                running++;
            }
            run(group);
        }
    }

    private void run(List<Waiting<I, O>> group) {
        Mono<List<O>> committed;
        try {
            committed = commit.apply(group.stream().map(Waiting::request).toList());
        } catch (RuntimeException e) {
            committed = Mono.error(e);
        }
        committed
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("a group commit answered nothing")))
                .subscribe(
                        results -> {
                            release();
                            if (results.size() != group.size()) {
                                IllegalStateException wrong = new IllegalStateException(
                                        "a group of " + group.size() + " requests got " + results.size() + " results");
                                group.forEach(w -> w.sink().error(wrong));
                                return;
                            }
                            for (int i = 0; i < group.size(); i++) {
                                group.get(i).sink().success(results.get(i));
                            }
                        },
                        failure -> {
                            release();
                            group.forEach(w -> w.sink().error(failure));
                        });
    }

    /** Frees the group's slot and starts the next group before the members of this one are answered. */
    private void release() {
        synchronized (this) {
            running--;
        }
        drain();
    }
}
