package org.zhengce.scoring.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.streams.RecoveringDeserializationExceptionHandler;
import org.zhengce.schemas.registry.SchemaRegistryException;

class UnreadableRecordsTest {

    private final List<ConsumerRecord<?, ?>> deadLettered = new ArrayList<>();
    private final UnreadableRecords handler = new UnreadableRecords((record, e) -> deadLettered.add(record));
    private final ConsumerRecord<byte[], byte[]> record =
            new ConsumerRecord<>("household.events", 3, 17L, new byte[] {1}, new byte[] {0, 0, 0, 0, 42});

    @Test
    void aRecordThatIsNotAvroIsDeadLetteredAndTheStreamGoesOn() {
        var response = handler.handle(
                mock(ErrorHandlerContext.class), record, new SerializationException("Unknown magic byte"));

        assertThat(response).isEqualTo(DeserializationHandlerResponse.CONTINUE);
        assertThat(deadLettered).containsExactly(record);
    }

    @Test
    void aRecordReadWhileTheRegistryDidNotAnswerIsReadAgainNotDeadLettered() {
        var registryDown = new SerializationException(
                "schema 42", new SchemaRegistryException(503, 50302, "registry unavailable"));

        var response = handler.handle(mock(ErrorHandlerContext.class), record, registryDown);

        assertThat(response).isEqualTo(DeserializationHandlerResponse.FAIL);
        assertThat(deadLettered).isEmpty();
    }

    @Test
    void aThreadDeadOfATransientFailureIsReplacedAnyOtherShutsTheClientDown() {
        assertThat(UnreadableRecords.replacingThreadsOnTransientFailures(
                        new StreamsException(new SerializationException("x", new ConnectException("refused")))))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(UnreadableRecords.replacingThreadsOnTransientFailures(new StreamsException("a bug")))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void configuredAsTheBinderConfiguresItTheBindersLaneTakesWhatItDeadLettersAndEachIsCounted() {
        List<String> counted = new ArrayList<>();
        ConsumerRecordRecoverer bindersLane = (unreadable, e) -> deadLettered.add(unreadable);
        UnreadableRecords configured = new UnreadableRecords();
        configured.configure(Map.of(
                RecoveringDeserializationExceptionHandler.KSTREAM_DESERIALIZATION_RECOVERER,
                bindersLane,
                UnreadableRecords.COUNTER,
                (ScoringTopology.DeadLetterCounter) counted::add));

        var notAvro = configured.handle(
                mock(ErrorHandlerContext.class), record, new SerializationException("Unknown magic byte"));
        var registryDown = configured.handle(
                mock(ErrorHandlerContext.class),
                record,
                new SerializationException("schema 42", new SchemaRegistryException(503, 50302, "unavailable")));

        assertThat(notAvro).isEqualTo(DeserializationHandlerResponse.CONTINUE);
        assertThat(registryDown).isEqualTo(DeserializationHandlerResponse.FAIL);
        assertThat(deadLettered).containsExactly(record);
        assertThat(counted).containsExactly("unreadable");
    }
}
