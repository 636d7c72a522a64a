package org.zhengce.embedded;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.utils.Exit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Kafka's fatal-error paths from ending the JVM that hosts an embedded broker.
 *
 * <p>Kafka code never calls {@code System.exit} directly; it calls {@link Exit#exit} and {@link
 * Exit#halt}, whose procedures are JVM-wide. This guard replaces both with one that logs the
 * request at ERROR, records it and throws an {@link IllegalStateException} so the calling Kafka
 * code path stops instead of carrying on. The procedures are never restored: once an embedded
 * broker has started in a JVM, nothing in that JVM can exit through Kafka's {@code Exit} class.
 */
final class KafkaExitGuard {

    private static final Logger log = LoggerFactory.getLogger(KafkaExitGuard.class);
    private static final List<EmbeddedKafka.RefusedExit> refused = new CopyOnWriteArrayList<>();

    private KafkaExitGuard() {}

    /** Idempotent; installs the procedures again in case some other code replaced them. */
    static void install() {
        Exit.setExitProcedure((status, message) -> refuse("exit", status, message));
        Exit.setHaltProcedure((status, message) -> refuse("halt", status, message));
    }

    static List<EmbeddedKafka.RefusedExit> refused() {
        return List.copyOf(refused);
    }

    private static void refuse(String procedure, int status, @Nullable String message) {
        EmbeddedKafka.RefusedExit exit =
                new EmbeddedKafka.RefusedExit(procedure, status, message == null ? "" : message);
        refused.add(exit);
        IllegalStateException refusal = new IllegalStateException("Kafka asked the JVM to " + procedure
                + " with status " + status + (exit.message().isEmpty() ? "" : " (" + exit.message() + ")")
                + "; refused by the embedded broker so the application keeps running");
        log.error("{}", refusal.getMessage(), refusal);
        throw refusal;
    }
}
