package org.zhengce.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.zhengce.events.CaseEvent;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;

class OutboxRecordsTests {

    private static final String CASE = "6f1c1f4e-2d7e-4c1b-9a51-0d6f3f1f2a10";

    private static OutboxRow row(String topic, String key) {
        return new OutboxRow(
                UUID.fromString("0b0f4b6c-8b53-4f59-8f0e-1b8d1b0c9a01"),
                7,
                topic,
                key,
                Instant.parse("2026-12-07T03:00:00Z"),
                new byte[0],
                false,
                null);
    }

    private static final OutboxRecords RECORDS = OutboxRecords.routedByColumns(Map.of(
            "case.events", new OutboxRecords.TopicCodec(6, new ConfluentAvroSerializer<>(), CaseEvent.getDecoder())));

    @Test
    void rowGoesToThePartitionKafkasPartitionerGivesItsKey() {
        assertThat(RECORDS.partitionOf(row("case.events", CASE)).partition())
                .isEqualTo(Utils.toPositive(Utils.murmur2(CASE.getBytes(StandardCharsets.UTF_8))) % 6);
        assertThat(RECORDS.partitionOf(row("case.events", CASE)).topic()).isEqualTo("case.events");
    }

    @Test
    void rowOfATopicTheOutboxDoesNotPublishToIsRefused() {
        assertThatThrownBy(() -> RECORDS.partitionOf(row("decisions.shared", CASE)))
                .hasMessage("the outbox has a row for decisions.shared, which it does not publish to");
    }
}
