package org.zhengce.notification.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.zhengce.events.Urgency;
import org.zhengce.kit.kafka.ListenerErrors;
import org.zhengce.notification.CaseEvents;
import org.zhengce.notification.NotificationStackTest;

/**
 * The retry of {@code case.events} is its binding's: with {@code max-attempts=2} on binding {@code raiseAlerts-in-0},
 * a case event that fails transiently is delivered exactly twice, then dead-lettered as {@code transient-exhausted},
 * and the partition goes on.
 */
@TestPropertySource(
        properties = {
            "spring.cloud.stream.bindings.raiseAlerts-in-0.consumer.max-attempts=2",
            "spring.cloud.stream.bindings.raiseAlerts-in-0.consumer.back-off-initial-interval=100",
            "spring.cloud.stream.bindings.raiseAlerts-in-0.consumer.back-off-max-interval=200"
        })
class BindingRetryTests extends NotificationStackTest {

    private static final String COMMUNITY = "110105001001";

    @Autowired
    MeterRegistry meters;

    @Test
    void aTransientFailureIsDeliveredMaxAttemptsTimesThenDeadLettered() throws SQLException {
        UUID failing = CaseEvents.caseId("attempts-failing");
        UUID behind = CaseEvents.caseId("attempts-behind");
        // a serialization failure: transient for the kit (the database will get over it), so it is retried
        sql("create function fail_attempts() returns trigger language plpgsql as $$ begin"
                + " if new.case_id = '" + failing + "' then"
                + " raise exception 'could not serialize for the test' using errcode = '40001'; end if;"
                + " return new; end $$");
        sql("create trigger fail_attempts before insert on processed_case_events for each row"
                + " execute function fail_attempts()");

        publish(
                CASE_EVENTS,
                failing.toString(),
                CaseEvents.assigned(failing, 2, "advisor-attempts-1", COMMUNITY, Urgency.IN_STAGES));

        ConsumerRecord<String, byte[]> dead = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> readAll(CASE_DEAD_LETTERS).stream()
                                .filter(r -> failing.toString().equals(r.key()))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        assertThat(header(dead, ListenerErrors.FAILURE_HEADER)).isEqualTo("transient-exhausted");
        assertThat(header(dead, ListenerErrors.REASON_HEADER)).contains("could not serialize for the test");
        // an event behind it on the same partition (same key) is applied: the failing one was not delivered again
        String advisor = "advisor-attempts-2";
        publish(CASE_EVENTS, failing.toString(), CaseEvents.assigned(behind, 2, advisor, COMMUNITY, Urgency.IN_STAGES));
        awaitAlerts(advisor(advisor, COMMUNITY), alert -> alert.caseId().equals(behind), 1);
        assertThat(failedDeliveries()).isEqualTo(2);
        assertThat(inboxOf(advisor("advisor-attempts-1", COMMUNITY))).isEmpty();
    }

    /** Deliveries of {@code case.events} records that failed transiently. */
    private double failedDeliveries() {
        Counter retries =
                meters.find(ListenerErrors.RETRIES).tag("topic", CASE_EVENTS).counter();
        return retries == null ? 0 : retries.count();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        database().jdbcUrl("notification"),
                        database().username("notification"),
                        database().password("notification"));
                Statement run = connection.createStatement()) {
            run.execute(statement);
        }
    }
}
