package org.zhengce.referral.cases;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** The steps written changes add to the case's timeline: the port the timeline implements. */
public interface CaseHistory {

    /** Records the steps of {@code evolution}, taken by {@code actor}, inside the caller's transaction. */
    Mono<Void> record(CaseEvolution evolution, @Nullable String actor);
}
