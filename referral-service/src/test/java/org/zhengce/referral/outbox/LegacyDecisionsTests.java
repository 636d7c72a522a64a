package org.zhengce.referral.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.zhengce.events.AssistanceDecisionShared;
import org.zhengce.events.Department;
import org.zhengce.kit.outbox.OutboxRecords;
import org.zhengce.kit.tracing.TraceParent;
import org.zhengce.referral.ReferralStackTest;

/** A decision written for decisions.shared before the upgrade and not sent yet reaches its departments' topics. */
class LegacyDecisionsTests extends ReferralStackTest {

    @Autowired
    LegacyDecisions legacy;

    @Autowired
    DatabaseClient db;

    @Autowired
    TransactionalOperator transactions;

    @Test
    void anUnsentDecisionForTheOldSharedTopicGoesToTheTopicsOfItsDepartmentsOnly() {
        UUID eventId = UUID.randomUUID();
        UUID caseId = UUID.nameUUIDFromBytes("legacy-case".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        AssistanceDecisionShared decision =
                OutboxRelayTests.dibaoGranted(eventId, caseId, "H-LEGACY", List.of(Department.MEDICAL_INSURANCE));

        // written as the previous version did, and split in the same transaction (the relay never sees it)
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        Long split = db.sql("insert into case_outbox (event_id, case_id, topic, record_key, created_at, event,"
                        + " traceparent) values (:id, :case, 'decisions.shared', 'H-LEGACY', now(), :event, :trace)")
                .bind("id", eventId)
                .bind("trace", traceparent)
                .bind("case", caseId)
                .bind("event", OutboxRecords.encode(decision))
                .then()
                .then(legacy.split())
                .as(transactions::transactional)
                .block();

        assertThat(split).isEqualTo(1L);
        for (String topic : List.of("decisions.civil-affairs", "decisions.medical-insurance")) {
            List<ConsumerRecord<String, byte[]>> records =
                    await().atMost(Duration.ofSeconds(30)).until(() -> ofHousehold(topic), list -> !list.isEmpty());
            assertThat(records).as(topic).hasSize(1);
            // in the trace the old row was written in
            assertThat(TraceParent.of(records.get(0).headers())).as(topic).isEqualTo(traceparent);
        }
        assertThat(ofHousehold("decisions.education")).isEmpty();
        assertThat(db.sql("select count(*) from case_outbox where topic = 'decisions.shared'")
                        .map(row -> row.get(0, Long.class))
                        .one()
                        .block())
                .isZero();
        assertThat(db.sql("select count(*) from case_outbox where case_id = :case")
                        .bind("case", caseId)
                        .map(row -> row.get(0, Long.class))
                        .one()
                        .block())
                .isEqualTo(2L);
    }

    private static List<ConsumerRecord<String, byte[]>> ofHousehold(String topic) {
        return readAll(topic).stream()
                .filter(record -> "H-LEGACY".equals(record.key()))
                .toList();
    }
}
