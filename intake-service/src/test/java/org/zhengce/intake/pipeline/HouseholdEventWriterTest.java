package org.zhengce.intake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.TestKeys;
import org.zhengce.intake.identity.Pseudonymiser;
import org.zhengce.intake.reading.EventExamples;
import org.zhengce.intake.validation.EventPseudonymisation;

/**
 * The writer's pre-encoded CloudEvents headers are what the {@code io.cloudevents} Kafka binding writes (binary mode),
 * name for name, byte for byte, in the same order, for every type of event; and the ledger's copy gives them back.
 */
class HouseholdEventWriterTest {

    private static final String TOPIC = "household.events";

    private final EventPseudonymisation pseudonymisation = new EventPseudonymisation(
            Pseudonymiser.fromBase64Secrets(Map.of("k1", TestKeys.PSEUDONYM_KEY), "k1"), Clock.systemUTC());

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, byte[]> kafka = mock(KafkaTemplate.class);

    private final HouseholdEventWriter writer = writer();

    private HouseholdEventWriter writer() {
        when(kafka.partitionsFor(TOPIC))
                .thenReturn(IntStream.range(0, 12)
                        .mapToObj(p -> new PartitionInfo(TOPIC, p, null, null, null))
                        .toList());
        return new HouseholdEventWriter(kafka, (topic, event) -> new byte[] {0, 0, 0, 0, 1, 42}, TOPIC, Duration.ZERO);
    }

    /** The record as the CloudEvents SDK builds it, as intake did before the headers were pre-encoded. */
    private ProducerRecord<String, byte[]> bySdk(HouseholdEvent event, String eventType, Instant acceptedAt) {
        String key = HouseholdEventWriter.keyOf(event);
        CloudEvent cloudEvent = CloudEventBuilder.v1()
                .withId(event.getPlatformEventId())
                .withSource(URI.create("/departments/" + event.getDepartment().name()))
                .withType("org.zhengce.events." + eventType)
                .withSubject(key)
                .withTime(event.getOccurredAt().atOffset(ZoneOffset.UTC))
                .withDataContentType(HouseholdEventWriter.CONTENT_TYPE)
                .withData(new byte[] {0, 0, 0, 0, 1, 42})
                .build();
        return KafkaMessageFactory.<String>createWriter(TOPIC, writer.partitionOf(key), acceptedAt.toEpochMilli(), key)
                .writeBinary(cloudEvent);
    }

    private static List<String> headers(ProducerRecord<String, byte[]> record) {
        return java.util.Arrays.stream(record.headers().toArray())
                .map(HouseholdEventWriterTest::text)
                .toList();
    }

    private static String text(Header header) {
        return header.key() + "=" + new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void everyTypeOfEventGetsTheHeadersTheCloudEventsBindingWrites() {
        Instant acceptedAt = Instant.parse("2026-12-07T10:15:30.123Z");
        for (Map.Entry<String, DepartmentEvent> example : EventExamples.all().entrySet()) {
            DepartmentEvent event = example.getValue();
            HouseholdEvent published = pseudonymisation.toHouseholdEvent(
                    event,
                    IntakePipeline.platformEventId(event.getDepartment().name(), event.getEventId())
                            .toString());

            ProducerRecord<String, byte[]> ours = writer.record(published, example.getKey(), acceptedAt);
            ProducerRecord<String, byte[]> sdk = bySdk(published, example.getKey(), acceptedAt);

            assertThat(headers(ours)).as(example.getKey()).isNotEmpty().isEqualTo(headers(sdk));
            assertThat(ours.key()).isEqualTo(sdk.key());
            assertThat(ours.partition()).isEqualTo(sdk.partition());
            assertThat(ours.timestamp()).isEqualTo(sdk.timestamp());
            assertThat(ours.value()).isEqualTo(sdk.value());
            assertThat(headers(OutgoingRecord.of(ours).toProducerRecord(TOPIC, acceptedAt.toEpochMilli())))
                    .as("the ledger's copy")
                    .isEqualTo(headers(sdk));
        }
    }

    @Test
    void theTimeKeepsTheDigitsTheBindingWrites() {
        DepartmentEvent example = EventExamples.all().values().iterator().next();
        for (String occurred :
                List.of("2026-01-02T03:04:05Z", "2026-01-02T03:04:05.100Z", "2026-01-02T03:04:05.123456Z")) {
            HouseholdEvent published = pseudonymisation.toHouseholdEvent(example, "id-1");
            published.setOccurredAt(Instant.parse(occurred));
            assertThat(headers(writer.record(published, "X", Instant.EPOCH)))
                    .isEqualTo(headers(bySdk(published, "X", Instant.EPOCH)));
        }
    }

    @Test
    void theTraceTheEventArrivedInIsItsLastHeaderAndTheLedgerKeepsIt() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        DepartmentEvent example = EventExamples.all().values().iterator().next();
        HouseholdEvent published = pseudonymisation.toHouseholdEvent(example, "id-1");
        Instant acceptedAt = Instant.parse("2026-12-07T10:15:30.123Z");

        ProducerRecord<String, byte[]> traced = writer.record(published, "X", acceptedAt, traceparent);

        List<String> cloudEvents = headers(bySdk(published, "X", acceptedAt));
        assertThat(headers(traced))
                .containsExactlyElementsOf(Stream.concat(cloudEvents.stream(), Stream.of("traceparent=" + traceparent))
                        .toList());
        assertThat(headers(OutgoingRecord.of(traced).toProducerRecord(TOPIC, acceptedAt.toEpochMilli())))
                .as("the relay's record, from the ledger's copy")
                .isEqualTo(headers(traced));
        // none, or a malformed one, adds nothing
        assertThat(headers(writer.record(published, "X", acceptedAt, null))).isEqualTo(cloudEvents);
        assertThat(headers(writer.record(published, "X", acceptedAt, "00-not-a-trace")))
                .isEqualTo(cloudEvents);
    }
}
