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

    @Autowired
    org.springframework.r2dbc.core.DatabaseClient db;

    /** The same event for another household: the first example whose record key differs from {@code key}. */
    private EventLedger.Entry entryOfAnotherHousehold(String eventId, Instant claimedAt, String key) {
        for (String type : EventExamples.all().keySet()) {
            DepartmentEvent event = DepartmentEvent.newBuilder(
                            EventExamples.all().get(type))
                    .setEventId(eventId)
                    .build();
            UUID id = IntakePipeline.platformEventId(event.getDepartment().name(), eventId);
            HouseholdEvent published = pseudonymisation.toHouseholdEvent(event, id.toString());
            var record = pipeline.writer().record(published, type, claimedAt);
            if (!record.key().equals(key)) {
                return new EventLedger.Entry(
                        eventId, id, IntakePipeline.digest(event), type, OutgoingRecord.of(record));
            }
        }
        throw new IllegalStateException("every example is of one household");
    }

    @Test
    void recordTooLargeForKafkaIsQuarantinedHoldingBackOnlyItsHouseholdUntilReleased() {
        Instant claimedAt = Instant.now().minus(Duration.ofMinutes(10));
        EventLedger.Entry valid = entry("relay-large-1", claimedAt);
        // over the producer's max.request.size (1 MB): Kafka will never take it as it is
        EventLedger.Entry tooLarge = new EventLedger.Entry(
                valid.eventId(),
                valid.platformEventId(),
                valid.digest(),
                valid.eventType(),
                new OutgoingRecord(
                        valid.record().key(),
                        valid.record().partition(),
                        new byte[1_100_000],
                        valid.record().headers()));
        EventLedger.Entry behindIt = entry("relay-large-2", claimedAt.plusSeconds(1));
        EventLedger.Entry otherHousehold = entryOfAnotherHousehold(
                "relay-large-3", claimedAt.plusSeconds(1), valid.record().key());
        ledger.claim("HEALTH", claimedAt, List.of(tooLarge)).block();
        ledger.claim("HEALTH", claimedAt.plusSeconds(1), List.of(behindIt)).block();
        ledger.claim("HEALTH", claimedAt.plusSeconds(1), List.of(otherHousehold))
                .block();

        relay.relay().as(StepVerifier::create).expectNext(3).verifyComplete();

        List<ConsumerRecord<String, byte[]>> records = readAll(HOUSEHOLD_EVENTS);
        assertThat(count(records, otherHousehold.platformEventId())).isEqualTo(1);
        assertThat(count(records, tooLarge.platformEventId())).isZero();
        assertThat(count(records, behindIt.platformEventId())).isZero();
        // the next pass does not try the quarantined record, nor the one behind it
        relay.relay().as(StepVerifier::create).expectNext(0).verifyComplete();
        http.get()
                .uri("/admin/outbox/quarantine")
                .header("X-API-Key", ADMIN_KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].id")
                .isEqualTo(tooLarge.platformEventId().toString())
                .jsonPath("$[0].outbox")
                .isEqualTo(HOUSEHOLD_EVENTS)
                .jsonPath("$[0].heldBack")
                .isEqualTo(1)
                .jsonPath("$[0].reason")
                .value(reason -> assertThat(reason.toString()).contains("RecordTooLarge"));
        http.get()
                .uri("/admin/outbox/quarantine")
                .header("X-API-Key", issueKey("HEALTH"))
                .exchange()
                .expectStatus()
                .isForbidden();

        // the fix (here: the record as it should have been), then the release
        db.sql("update event_ledger set record_value = :value where platform_event_id = :id")
                .bind("value", valid.record().value())
                .bind("id", tooLarge.platformEventId())
                .then()
                .block();
        http.post()
                .uri("/admin/outbox/quarantine/{id}/release", tooLarge.platformEventId())
                .header("X-API-Key", ADMIN_KEY)
                .exchange()
                .expectStatus()
                .isOk();
        relay.relay().as(StepVerifier::create).expectNext(2).verifyComplete();

        List<ConsumerRecord<String, byte[]>> after = readAll(HOUSEHOLD_EVENTS).stream()
                .filter(r -> r.key().equals(valid.record().key()))
                .toList();
        assertThat(count(after, tooLarge.platformEventId())).isEqualTo(1);
        assertThat(count(after, behindIt.platformEventId())).isEqualTo(1);
        assertThat(indexOf(after, tooLarge.platformEventId()))
                .as("the household's events stay in order")
                .isLessThan(indexOf(after, behindIt.platformEventId()));
    }

    private static int indexOf(List<ConsumerRecord<String, byte[]>> records, UUID platformEventId) {
        for (int i = 0; i < records.size(); i++) {
            if (count(List.of(records.get(i)), platformEventId) == 1) {
                return i;
            }
        }
        return -1;
    }

    private static long count(List<ConsumerRecord<String, byte[]>> records, UUID platformEventId) {
        return records.stream()
                .filter(r -> r.headers().lastHeader("ce_id") != null)
                .filter(r -> new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)
                        .equals(platformEventId.toString()))
                .count();
    }
}
