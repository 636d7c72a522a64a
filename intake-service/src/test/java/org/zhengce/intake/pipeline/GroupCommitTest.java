package org.zhengce.intake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * Concurrent requests committed in groups: whoever arrives while a group is on its way joins the next one, each gets
 * its own result, a group never outgrows its bound, and a group that fails fails only its own requests.
 */
class GroupCommitTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** The groups a commit was asked for, each held open until the test answers it. */
    private final List<List<String>> groups = new CopyOnWriteArrayList<>();

    private final List<Sinks.One<List<String>>> answers = new CopyOnWriteArrayList<>();

    private GroupCommit<String, String> committer(int inFlight, int maxWeight) {
        return new GroupCommit<>(inFlight, maxWeight, String::length, group -> {
            groups.add(group);
            Sinks.One<List<String>> answer = Sinks.one();
            answers.add(answer);
            return answer.asMono();
        });
    }

    private static List<String> echoed(List<String> group) {
        List<String> results = new ArrayList<>();
        group.forEach(request -> results.add("committed " + request));
        return results;
    }

    @Test
    void requestsArrivingWhileAGroupIsOnItsWayJoinTheNextGroupAndEachGetsItsOwnResult() {
        GroupCommit<String, String> committer = committer(1, 100);
        Mono<String> first = committer.submit("a").cache();
        first.subscribe();
        Mono<String> second = committer.submit("b").cache();
        Mono<String> third = committer.submit("c").cache();
        second.subscribe();
        third.subscribe();

        assertThat(groups).containsExactly(List.of("a"));
        answers.get(0).tryEmitValue(echoed(groups.get(0)));
        StepVerifier.create(first).expectNext("committed a").expectComplete().verify(WAIT);

        assertThat(groups).containsExactly(List.of("a"), List.of("b", "c"));
        answers.get(1).tryEmitValue(echoed(groups.get(1)));
        StepVerifier.create(second).expectNext("committed b").expectComplete().verify(WAIT);
        StepVerifier.create(third).expectNext("committed c").expectComplete().verify(WAIT);
    }

    @Test
    void aGroupTakesNoMoreThanItsBoundButARequestHeavierThanTheBoundGoesAlone() {
        GroupCommit<String, String> committer = committer(1, 4);
        committer.submit("first").subscribe();
        committer.submit("ab").subscribe();
        committer.submit("cd").subscribe();
        committer.submit("e").subscribe();
        committer.submit("heavier").subscribe();

        answers.get(0).tryEmitValue(echoed(groups.get(0)));
        answers.get(1).tryEmitValue(echoed(groups.get(1)));
        answers.get(2).tryEmitValue(echoed(groups.get(2)));

        assertThat(groups).containsExactly(List.of("first"), List.of("ab", "cd"), List.of("e"), List.of("heavier"));
    }

    @Test
    void aFailedGroupFailsOnlyItsOwnRequests() {
        GroupCommit<String, String> committer = committer(1, 100);
        Mono<String> failing = committer.submit("a").cache();
        failing.subscribe(value -> {}, failure -> {});
        Mono<String> next = committer.submit("b").cache();
        next.subscribe();

        answers.get(0).tryEmitError(new IllegalStateException("the broker refused the batch"));

        StepVerifier.create(failing)
                .expectErrorMessage("the broker refused the batch")
                .verify(WAIT);
        assertThat(groups).containsExactly(List.of("a"), List.of("b"));
        answers.get(1).tryEmitValue(echoed(groups.get(1)));
        StepVerifier.create(next).expectNext("committed b").expectComplete().verify(WAIT);
    }

    @Test
    void severalGroupsMayBeOnTheirWayAtOnce() {
        GroupCommit<String, String> committer = committer(2, 100);
        committer.submit("a").subscribe();
        committer.submit("b").subscribe();
        committer.submit("c").subscribe();
        committer.submit("d").subscribe();

        assertThat(groups).containsExactly(List.of("a"), List.of("b"));
        answers.get(1).tryEmitValue(echoed(groups.get(1)));
        assertThat(groups).containsExactly(List.of("a"), List.of("b"), List.of("c", "d"));
    }

    @Test
    void aCommitThatAnswersTheWrongNumberOfResultsFailsItsRequestsAndFreesItsSlot() {
        GroupCommit<String, String> committer = committer(1, 100);
        Mono<String> wrong = committer.submit("a").cache();
        wrong.subscribe(value -> {}, failure -> {});
        Mono<String> next = committer.submit("b").cache();
        next.subscribe();

        answers.get(0).tryEmitValue(List.of());

        StepVerifier.create(wrong)
                .expectErrorMessage("a group of 1 requests got 0 results")
                .verify(WAIT);
        answers.get(1).tryEmitValue(echoed(groups.get(1)));
        StepVerifier.create(next).expectNext("committed b").expectComplete().verify(WAIT);
    }
}
