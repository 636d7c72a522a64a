package org.zhengce.intake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Concurrent requests' registration look-ups: the requests that arrive while a look-up is on its way share the next
 * one, one query for all their subjects, and each is told only of its own subjects.
 */
class RegistrationLookupsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Instant REGISTERED = Instant.parse("2026-11-01T08:00:00Z");

    /** A ledger whose look-ups are recorded and answered by the test. */
    private static final class HeldLedger extends EventLedger {

        final List<Set<String>> queries = new CopyOnWriteArrayList<>();
        final List<Sinks.One<Map<String, Registered>>> answers = new CopyOnWriteArrayList<>();

        HeldLedger() {
            super(DatabaseClient.create(new io.r2dbc.spi.ConnectionFactory() {
                @Override
                public org.reactivestreams.Publisher<? extends io.r2dbc.spi.Connection> create() {
                    return Mono.error(new IllegalStateException("this ledger answers look-ups only"));
                }

                @Override
                public io.r2dbc.spi.ConnectionFactoryMetadata getMetadata() {
                    return () -> "PostgreSQL";
                }
            }));
        }

        @Override
        Mono<Map<String, Registered>> registered(Collection<String> subjects) {
            queries.add(Set.copyOf(subjects));
            Sinks.One<Map<String, Registered>> answer = Sinks.one();
            answers.add(answer);
            return answer.asMono();
        }
    }

    @Test
    void requestsArrivingWhileALookUpIsOnItsWayShareTheNextQueryAndEachLearnsOnlyOfItsOwnSubjects() {
        HeldLedger ledger = new HeldLedger();
        RegistrationLookups lookups = new RegistrationLookups(ledger, 1, 1_000);
        Mono<Map<String, EventLedger.Registered>> first =
                lookups.registered(Set.of("household:A")).cache();
        first.subscribe();
        Mono<Map<String, EventLedger.Registered>> second =
                lookups.registered(Set.of("household:B", "household:C")).cache();
        Mono<Map<String, EventLedger.Registered>> third =
                lookups.registered(Set.of("household:C", "household:D")).cache();
        second.subscribe();
        third.subscribe();

        assertThat(ledger.queries).containsExactly(Set.of("household:A"));
        ledger.answers.get(0).tryEmitValue(Map.of());
        assertThat(first.block(WAIT)).isEmpty();
        assertThat(ledger.queries)
                .containsExactly(Set.of("household:A"), Set.of("household:B", "household:C", "household:D"));
        EventLedger.Registered inC = new EventLedger.Registered("110105001001", REGISTERED);
        EventLedger.Registered inD = new EventLedger.Registered("110105001002", REGISTERED);
        ledger.answers.get(1).tryEmitValue(Map.of("household:C", inC, "household:D", inD));

        assertThat(second.block(WAIT)).isEqualTo(Map.of("household:C", inC));
        assertThat(third.block(WAIT)).isEqualTo(Map.of("household:C", inC, "household:D", inD));
    }

    @Test
    void aRequestWithNoSubjectAsksNothing() {
        HeldLedger ledger = new HeldLedger();

        assertThat(new RegistrationLookups(ledger, 1, 1_000)
                        .registered(Set.of())
                        .block(WAIT))
                .isEmpty();
        assertThat(ledger.queries).isEmpty();
    }
}
