package org.zhengce.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The reading of a start's log that {@link FirstStartTests} relies on finds what a newcomer would see. */
class StartLogTests {

    private static final String HEALTHY = """
            2026-12-07T19:01:59.933Z  INFO 23048 --- [           main] [   ] org.zhengce.launcher.Launcher : Started
            2026-12-07T19:02:40.764Z  INFO 23048 --- [      demo-feed] [   ] o.z.democity.feed.DemoFeed : demo feed: \
            story sent: an Exception: in the words of a story is not a stack trace
            """;

    @Test
    void aHealthyStartHasNothingToReport() {
        StartLog log = StartLog.of(HEALTHY);

        assertThat(log.errors()).isEmpty();
        assertThat(log.stackTraces()).isEmpty();
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void errorLinesAndTheirStackTracesAreFound() {
        StartLog log = StartLog.of(HEALTHY + """
                2026-12-07T19:02:41.000Z ERROR 23048 --- [quest-handler-0] [   ] kafka.server.ReplicaManager : \
                [ReplicaManager broker=1] Error processing append operation on partition scoring-service-x-changelog-0
                org.apache.kafka.common.errors.OutOfOrderSequenceException: Out of order sequence number for producer 7
                \tat org.apache.kafka.storage.internals.log.ProducerAppendInfo.checkSequence(ProducerAppendInfo.java:118)
                Caused by: java.io.IOException: no space
                """);

        assertThat(log.errors()).singleElement().asString().contains("ReplicaManager");
        assertThat(log.stackTraces()).hasSize(3);
    }

    @Test
    void aWarningWithAStackTraceIsAStackTrace() {
        StartLog log = StartLog.of("""
                2026-12-07T19:02:41.000Z  WARN 1 --- [main] [   ] o.a.k.common.utils.AppInfoParser : Error registering AppInfo mbean
                javax.management.InstanceAlreadyExistsException
                \tat java.management/com.sun.jmx.mbeanserver.Repository.addMBean(Repository.java:436)
                """);

        assertThat(log.errors()).isEmpty();
        assertThat(log.warnings()).hasSize(1);
        assertThat(log.stackTraces()).hasSize(2);
    }
}
