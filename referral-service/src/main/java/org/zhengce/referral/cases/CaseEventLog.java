package org.zhengce.referral.cases;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** Where written changes are published on {@code case.events}: the port the outbox implements (ADR 0005). */
public interface CaseEventLog {

    /** Adds the published changes of {@code evolution}, made by {@code actor}, inside the caller's transaction. */
    Mono<Void> append(CaseEvolution evolution, @Nullable String actor);
}
