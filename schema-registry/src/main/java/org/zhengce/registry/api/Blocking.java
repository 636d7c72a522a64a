package org.zhengce.registry.api;

import java.util.concurrent.Callable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Runs registry calls, which may wait for Kafka, off the event loop. */
final class Blocking {

    private Blocking() {}

    static <T> Mono<T> call(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }
}
