package org.zhengce.benchmarks.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whose a thread is, by its name: the service's groups first, then what every case shares (the broker, the
 * registry's Kafka clients, the harness), the first match wins; a thread no pattern names is "other".
 *
 * @param service the service the case runs in the benchmark JVM, e.g. {@code intake}
 * @param groups the groups in the order they are tried
 */
record ThreadGroups(String service, List<Group> groups) {

    static final String OTHER = "other Java threads";

    /** One group: its label in the report and the pattern a thread's whole name must match. */
    record Group(String label, Pattern names) {

        static Group of(String label, String regex) {
            return new Group(label, Pattern.compile(regex));
        }
    }

    /**
     * Reactor's and Netty's shared threads: in this JVM the registry's HTTP server (a Spring WebFlux application)
     * runs on the same shared loops as the service's, so the two cannot be told apart by name.
     */
    private static final String REACTOR =
            "reactor-http-.*|reactor-tcp-.*|parallel-\\d+|boundedElastic-\\d+" + "|reactor-.*|r2dbc-.*|netty-.*";

    /** What every case shares, after the service's own groups. */
    private static final List<Group> SHARED = List.of(
            Group.of("registry's Kafka clients", ".*schema-registry.*"),
            Group.of(
                    "harness (its clients, timers, the sampler)",
                    "main|HttpClient-.*|bench-.*|sse-bench-.*|kafka-producer-network-thread.*"
                            + "|kafka-coordinator-heartbeat-thread.*|kafka-admin-client-thread.*"
                            + "|consumer_background_thread.*|ForkJoinPool.*"),
            Group.of(
                    "broker (in-process)",
                    "data-plane-.*|kafka-\\d+-raft-.*|.*raft.*|quorum-controller-.*|broker-\\d+-.*"
                            + "|controller-\\d+-.*|kafka-scheduler-\\d+|ExpirationReaper-.*"
                            + "|.*coordinator.*|TxnMarkerSenderThread-.*|AddPartitionsToTxnSenderThread-.*"
                            + "|LogDirFailureHandler|kafka-log-cleaner-thread-.*|.*-metadata-.*"
                            + "|metrics-meter-tick-thread-.*|ReplicaFetcherThread-.*|RaftManager.*|.*kafka.*"));

    static ThreadGroups intake() {
        return of(
                "intake",
                Group.of("intake's Kafka producer", ".*intake-service.*"),
                Group.of("intake's HTTP, Reactor and R2DBC threads (and the registry's HTTP server)", REACTOR));
    }

    static ThreadGroups scoring() {
        return of(
                "scoring",
                Group.of(
                        "scoring's Kafka Streams (stream threads, their consumers, producers, admin)",
                        ".*(StreamThread|StateUpdater|bench-scoring|bench-backfill|bench-rescore).*"),
                Group.of("Reactor and Netty (the registry's HTTP server)", REACTOR));
    }

    static ThreadGroups notification() {
        return of(
                "notification",
                Group.of(
                        "notification's Kafka listener and clients",
                        ".*notification-service.*|.*KafkaListenerEndpointContainer.*|.*-C-\\d+|.*outbox.*"),
                Group.of("notification's HTTP (SSE), Reactor and R2DBC threads (and the registry's)", REACTOR),
                Group.of("Spring's schedulers", "scheduling-\\d+|task-\\d+"));
    }

    private static ThreadGroups of(String service, Group... own) {
        List<Group> groups = new ArrayList<>(List.of(own));
        groups.addAll(SHARED);
        return new ThreadGroups(service, List.copyOf(groups));
    }

    /** The label of the group {@code threadName} belongs to, or {@link #OTHER}. */
    String labelOf(String threadName) {
        for (Group group : groups) {
            if (group.names().matcher(threadName).matches()) {
                return group.label();
            }
        }
        return OTHER;
    }

    /** Every label, in report order, "other" last. */
    List<String> labels() {
        List<String> labels = new ArrayList<>(groups.stream().map(Group::label).toList());
        labels.add(OTHER);
        return labels;
    }
}
