package org.zhengce.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;

class UnreadableRecordsTests {

    private static final java.util.function.Function<String, Optional<String>> CHECK =
            value -> value.isBlank() ? Optional.of("an empty case id") : Optional.empty();

    private static ConsumerRecord<String, String> record(long offset, String value) {
        return new ConsumerRecord<>("case.events", 2, offset, "case-1", value);
    }

    @Test
    void malformedRecordIsHandedOverWithItsReasonAndPlace() {
        List<ConsumerRecord<String, String>> records = List.of(record(10, "a"), record(11, " "), record(12, "b"));

        int bad = UnreadableRecords.firstBad(records, CHECK);
        BatchListenerFailedException failure = UnreadableRecords.failure(records, bad, CHECK);

        assertThat(bad).isEqualTo(1);
        assertThat(failure.getIndex()).isEqualTo(1);
        assertThat(failure.getMessage()).contains("record case.events-2@11 is malformed: an empty case id");
        assertThat(failure.getCause()).isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void tombstoneIsReadableButBadWhereValuesAreChecked() {
        List<ConsumerRecord<String, String>> records = List.of(record(10, "a"), record(11, null));

        assertThat(UnreadableRecords.firstUnreadable(records)).isEqualTo(-1);
        assertThat(UnreadableRecords.firstBad(records, CHECK)).isEqualTo(1);
        assertThat(UnreadableRecords.failure(records, 1, CHECK).getMessage()).contains("no value (a tombstone)");
    }
}
