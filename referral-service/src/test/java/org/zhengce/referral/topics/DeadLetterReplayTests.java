package org.zhengce.referral.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.zhengce.events.WarningLevel;
import org.zhengce.referral.ReferralStackTest;
import org.zhengce.referral.Warnings;

/**
 * A warning the database refuses is dead-lettered with the reason and the partition goes on; after the fix, the
 * admin replays it from the dead-letter topic and it is applied once (one case), even when replayed twice.
 */
@TestPropertySource(
        properties = {
            "spring.cloud.stream.bindings.applyWarnings-in-0.consumer.max-attempts=3",
            "spring.cloud.stream.bindings.applyWarnings-in-0.consumer.back-off-initial-interval=100",
            "spring.cloud.stream.bindings.applyWarnings-in-0.consumer.back-off-max-interval=200"
        })
class DeadLetterReplayTests extends ReferralStackTest {

    private static final String REFUSED = "H-REPLAY-1";
    private static final String AFTER = "H-REPLAY-2";
    private static final String COMMUNITY = "110105001001";

    @Test
    void aWarningTheDatabaseRefusedIsDeadLetteredThenReplayedAfterTheFixAndAppliedOnce() throws SQLException {
        sql("create function refuse_h_replay_1() returns trigger language plpgsql as $$ begin"
                + " if new.household_number = '" + REFUSED + "' then raise exception 'refused for the test'; end if;"
                + " return new; end $$");
        sql(
                "create trigger refuse_h_replay_1 before insert on cases for each row execute function refuse_h_replay_1()");

        publish(WARNINGS, REFUSED, Warnings.raised("w-replay-1", REFUSED, COMMUNITY, WarningLevel.RED));
        publish(WARNINGS, AFTER, Warnings.raised("w-replay-2", AFTER, COMMUNITY, WarningLevel.RED));

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(REFUSED);
        // r2dbc-postgresql reports a trigger's refusal as a resource failure, which the kit counts as transient: it
        // is retried up to max-attempts (3 here), then dead-lettered; a permanent one would go at once
        assertThat(header(dead, "platform-failure")).isIn("permanent", "transient-exhausted");
        assertThat(header(dead, "platform-failure-reason")).contains("refused for the test");
        // the partition went on: the warning behind the refused one opened its case
        await().atMost(Duration.ofSeconds(30)).until(() -> casesOf(AFTER) == 1);
        assertThat(casesOf(REFUSED)).isZero();

        sql("drop trigger refuse_h_replay_1 on cases");
        for (int time = 0; time < 2; time++) {
            http.post()
                    .uri(
                            "/admin/dead-letters/{topic}/replay?partition={p}&from={o}&to={o}",
                            WARNING_DEAD_LETTERS,
                            dead.partition(),
                            dead.offset(),
                            dead.offset())
                    .headers(h -> h.setBearerAuth(admin()))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.replayed")
                    .isEqualTo(1)
                    .jsonPath("$.topic")
                    .isEqualTo(WARNINGS);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> casesOf(REFUSED) == 1);
        // both replays are consumed (a marker behind them opens its case) and the refused warning made one case
        String marker = "H-REPLAY-3";
        publish(WARNINGS, marker, Warnings.raised("w-replay-3", marker, COMMUNITY, WarningLevel.RED));
        await().atMost(Duration.ofSeconds(30)).until(() -> casesOf(marker) == 1);
        assertThat(casesOf(REFUSED)).isEqualTo(1);
    }

    @Test
    void onlyAnAdminReplaysAndOnlyTheServicesDeadLetterTopics() {
        http.post()
                .uri("/admin/dead-letters/{topic}/replay", WARNING_DEAD_LETTERS)
                .headers(h -> h.setBearerAuth(supervisor("supervisor-chaoyang", "110105")))
                .exchange()
                .expectStatus()
                .isForbidden();
        http.post()
                .uri("/admin/dead-letters/{topic}/replay", "household.events.dlq")
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isNotFound();
        http.post()
                .uri("/admin/dead-letters/{topic}/replay?from=5&to=2", WARNING_DEAD_LETTERS)
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isBadRequest();
    }
}
