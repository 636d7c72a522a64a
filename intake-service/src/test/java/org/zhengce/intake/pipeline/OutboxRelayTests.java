package org.zhengce.intake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.IntakeStackTest;
import org.zhengce.intake.TestKeys;
import org.zhengce.intake.identity.Pseudonymiser;
import org.zhengce.intake.reading.EventExamples;
import org.zhengce.intake.reading.EventJson;
import org.zhengce.intake.validation.EventPseudonymisation;
import reactor.test.StepVerifier;
import tools.jackson.databind.node.ObjectNode;

/**
 * A crash between claiming events in the ledger and marking them published: one event made it to Kafka before the
 * crash, one did not. The relay sends only the missing one, so each is on household.events exactly once, and a
 * re-send of either is a duplicate.
 */
class OutboxRelayTests extends IntakeStackTest {

    @Autowired
    EventLedger ledger;

    @Autowired
    IntakePipeline pipeline;

    @Autowired
    OutboxRelay relay;

    private final EventPseudonymisation pseudonymisation = new EventPseudonymisation(
            Pseudonymiser.fromBase64Secrets(Map.of("k1", TestKeys.PSEUDONYM_KEY), "k1"), java.time.Clock.systemUTC());

    private EventLedger.Entry entry(String eventId, Instant claimedAt) {
        DepartmentEvent event = DepartmentEvent.newBuilder(EventExamples.all().get("HospitalDischarged"))
                .setEventId(eventId)
                .build();
        UUID id = IntakePipeline.platformEventId("HEALTH", eventId);
        HouseholdEvent published = pseudonymisation.toHouseholdEvent(event, id.toString());
        var record = pipeline.writer().record(published, "HospitalDischarged", claimedAt);
        return new EventLedger.Entry(
                eventId, id, IntakePipeline.digest(event), "HospitalDischarged", OutgoingRecord.of(record));
    }

    @Test
    void relayPublishesWhatACrashLeftUnpublishedExactlyOnce() {
        Instant claimedAt = Instant.now().minus(Duration.ofMinutes(10));
        EventLedger.Entry sentBeforeCrash = entry("relay-sent-1", claimedAt);
        EventLedger.Entry neverSent = entry("relay-lost-1", claimedAt);
        ledger.claim("HEALTH", claimedAt, List.of(sentBeforeCrash, neverSent))
                .as(StepVerifier::create)
                .expectNext(List.of("relay-sent-1", "relay-lost-1"))
                .verifyComplete();
        pipeline.writer()
                .send(List.of(sentBeforeCrash.record().toProducerRecord(HOUSEHOLD_EVENTS, claimedAt.toEpochMilli())))
                .as(StepVerifier::create)
                .verifyComplete();

        relay.relay().as(StepVerifier::create).expectNext(1).verifyComplete();

        List<ConsumerRecord<String, byte[]>> records = readAll(HOUSEHOLD_EVENTS);
        assertThat(count(records, sentBeforeCrash.platformEventId())).isEqualTo(1);
        assertThat(count(records, neverSent.platformEventId())).isEqualTo(1);
        ledger.countUnpublished().as(StepVerifier::create).expectNext(0L).verifyComplete();
        relay.relay().as(StepVerifier::create).expectNext(0).verifyComplete();

        String key = issueKey("HEALTH");
        ObjectNode resend = new EventJson()
                .write(DepartmentEvent.newBuilder(EventExamples.all().get("HospitalDischarged"))
                        .setEventId("relay-lost-1")
                        .build());
        http.post()
                .uri("/events")
                .header("X-API-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(resend.toString())
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("duplicate")
                .jsonPath("$.platformEventId")
                .isEqualTo(neverSent.platformEventId().toString());
        assertThat(count(readAll(HOUSEHOLD_EVENTS), neverSent.platformEventId()))
                .isEqualTo(1);
    }

    private static long count(List<ConsumerRecord<String, byte[]>> records, UUID platformEventId) {
        return records.stream()
                .filter(r -> r.headers().lastHeader("ce_id") != null)
                .filter(r -> new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)
                        .equals(platformEventId.toString()))
                .count();
    }
}
