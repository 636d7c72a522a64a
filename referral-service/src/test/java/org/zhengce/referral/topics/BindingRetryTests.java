package org.zhengce.referral.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.zhengce.events.WarningLevel;
import org.zhengce.kit.kafka.ListenerErrors;
import org.zhengce.referral.ReferralStackTest;
import org.zhengce.referral.Warnings;

/**
 * The retry of {@code household.warnings} is its binding's: with {@code max-attempts=2} on binding {@code
 * applyWarnings-in-0}, a warning that fails transiently is delivered exactly twice, then dead-lettered as {@code
 * transient-exhausted}, and the partition goes on.
 */
@TestPropertySource(
        properties = {
            "spring.cloud.stream.bindings.applyWarnings-in-0.consumer.max-attempts=2",
            "spring.cloud.stream.bindings.applyWarnings-in-0.consumer.back-off-initial-interval=100",
            "spring.cloud.stream.bindings.applyWarnings-in-0.consumer.back-off-max-interval=200"
        })
class BindingRetryTests extends ReferralStackTest {

    private static final String FAILING = "H-ATTEMPTS-1";
    private static final String BEHIND = "H-ATTEMPTS-2";
    private static final String COMMUNITY = "110105001001";

    @Autowired
    MeterRegistry meters;

    @Test
    void aTransientFailureIsDeliveredMaxAttemptsTimesThenDeadLettered() throws SQLException {
        // a serialization failure: transient for the kit (the database will get over it), so it is retried
        sql("create function fail_h_attempts_1() returns trigger language plpgsql as $$ begin"
                + " if new.household_number = '" + FAILING + "' then"
                + " raise exception 'could not serialize for the test' using errcode = '40001'; end if;"
                + " return new; end $$");
        sql(
                "create trigger fail_h_attempts_1 before insert on cases for each row execute function fail_h_attempts_1()");

        publish(WARNINGS, FAILING, Warnings.raised("w-attempts-1", FAILING, COMMUNITY, WarningLevel.RED));

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(FAILING);
        assertThat(header(dead, ListenerErrors.FAILURE_HEADER)).isEqualTo("transient-exhausted");
        assertThat(header(dead, ListenerErrors.REASON_HEADER)).contains("could not serialize for the test");
        // a warning behind it on the same partition (same key) is applied: the failing one was not delivered again
        publish(WARNINGS, FAILING, Warnings.raised("w-attempts-2", BEHIND, COMMUNITY, WarningLevel.RED));
        await().atMost(Duration.ofSeconds(30)).until(() -> casesOf(BEHIND) == 1);
        assertThat(failedDeliveries()).isEqualTo(2);
        assertThat(casesOf(FAILING)).isZero();
    }

    /** Deliveries of {@code household.warnings} records that failed transiently. */
    private double failedDeliveries() {
        Counter retries =
                meters.find(ListenerErrors.RETRIES).tag("topic", WARNINGS).counter();
        return retries == null ? 0 : retries.count();
    }
}
