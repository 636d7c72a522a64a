package org.zhengce.benchmarks.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.zhengce.embedded.EmbeddedKafka;

/**
 * The broker in its own JVM: starts {@link EmbeddedKafka} exactly as the harness does in its own JVM (same builder,
 * same settings, a free port, a temporary directory), prints {@code bootstrap.servers=<host:port>} as its only line
 * on stdout, and stops the broker and exits once stdin closes (its parent closed it, or the parent died).
 *
 * <p>Started by {@link OwnJvmBroker}; its log goes to stderr, which the parent inherits.
 */
public final class BrokerProcess {

    /** The start of the one line this process writes on stdout. */
    static final String READY = "bootstrap.servers=";

    private BrokerProcess() {}

    public static void main(String[] args) throws IOException {
        // stdout is the answer to the parent, not a log: one line, written once the broker answers clients
        PrintStream answer =
                new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
            answer.println(READY + kafka.bootstrapServers());
            System.in.transferTo(OutputStream.nullOutputStream());
        }
        // the broker leaves non-daemon threads behind (as ScoringBenchmarks notes); nothing is left to do
        System.exit(0);
    }
}
