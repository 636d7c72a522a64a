package org.zhengce.referral.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.zhengce.events.AssistanceDecisionShared;
import org.zhengce.events.CaseEvent;
import org.zhengce.events.CaseOpened;
import org.zhengce.events.CaseSource;
import org.zhengce.events.DecisionKind;
import org.zhengce.events.Department;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.Programme;
import org.zhengce.events.Urgency;
import org.zhengce.events.WarningCategory;
import org.zhengce.kit.outbox.OutboxRecords;
import org.zhengce.kit.outbox.OutboxRow;
import org.zhengce.kit.tracing.TraceParent;
import org.zhengce.referral.ReferralStackTest;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;
import org.zhengce.schemas.serde.SerdeConfig;

/** The outbox publishes each case event exactly once, also when the relay crashed between sending and marking. */
class OutboxRelayTests extends ReferralStackTest {

    @Autowired
    CaseEventOutbox outbox;

    @Autowired
    DatabaseClient db;

    static CaseEvent event(UUID caseId, int version) {
        return CaseEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(("test:" + caseId + ":" + version).getBytes(StandardCharsets.UTF_8))
                        .toString())
                .setCaseId(caseId.toString())
                .setHousehold(new HouseholdNumber("H-OUTBOX"))
                .setCommunityCode("110105001001")
                .setOccurredAt(Instant.parse("2026-12-01T02:00:00Z"))
                .setUrgency(Urgency.IN_STAGES)
                .setFact(CaseOpened.newBuilder()
                        .setSource(CaseSource.WARNING)
                        .setCategory(WarningCategory.ASSISTANCE_MISSING)
                        .build())
                .build();
    }

    /** A row as a relay left it when it crashed: claimed long ago, never marked sent. */
    private void insertClaimedRow(CaseEvent event, Instant createdAt) {
        db.sql("insert into case_outbox (event_id, case_id, record_key, created_at, event, claimed_at)"
                        + " values (:id, :case, :case::text, :created, :event, :claimed)")
                .bind("id", UUID.fromString(event.getEventId()))
                .bind("case", UUID.fromString(event.getCaseId()))
                .bind("created", createdAt)
                .bind("event", OutboxRecords.encode(event))
                .bind("claimed", createdAt.minus(Duration.ofHours(1)))
                .then()
                .block();
    }

    private void awaitSent(String eventId) {
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> db.sql("select sent_at is not null from case_outbox where event_id = :id")
                                .bind("id", UUID.fromString(eventId))
                                .map(row -> row.get(0, Boolean.class))
                                .one()
                                .block(),
                        Boolean.TRUE::equals);
    }

    static long copiesOnTopic(String eventId) {
        return onTopic(eventId).count();
    }

    /** The records of {@code eventId} on case.events. */
    private static java.util.stream.Stream<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> onTopic(
            String eventId) {
        return readAll(CASE_EVENTS).stream()
                .filter(record -> record.headers().lastHeader(OutboxRecords.EVENT_ID) != null
                        && eventId.equals(new String(
                                record.headers()
                                        .lastHeader(OutboxRecords.EVENT_ID)
                                        .value(),
                                StandardCharsets.UTF_8)));
    }

    private String quarantineReason(String eventId) {
        return db.sql("select quarantine_reason from case_outbox where event_id = :id and quarantined_at is not null")
                .bind("id", UUID.fromString(eventId))
                .map(row -> String.valueOf(row.get(0, String.class)))
                .one()
                .blockOptional()
                .orElse("");
    }

    private boolean sent(String eventId) {
        return Boolean.TRUE.equals(db.sql("select sent_at is not null from case_outbox where event_id = :id")
                .bind("id", UUID.fromString(eventId))
                .map(row -> row.get(0, Boolean.class))
                .one()
                .block());
    }

    @Test
    void eventTooLargeForKafkaIsQuarantinedHoldingBackOnlyItsOwnCaseUntilReleased() {
        UUID blockedCase = UUID.randomUUID();
        UUID otherCase = UUID.randomUUID();
        // over the producer's max.request.size (1 MB): Kafka will never take it as it is
        CaseEvent tooLarge = CaseEvent.newBuilder(event(blockedCase, 1))
                .setActor("x".repeat(1_100_000))
                .build();
        CaseEvent behindIt = event(blockedCase, 2);
        CaseEvent ofOtherCase = event(otherCase, 1);
        outbox.append(List.of(tooLarge, behindIt, ofOtherCase)).block();

        awaitSent(ofOtherCase.getEventId());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> quarantineReason(tooLarge.getEventId()), reason -> reason.contains("RecordTooLarge"));
        assertThat(sent(behindIt.getEventId()))
                .as("a case's later event waits behind its quarantined one")
                .isFalse();
        assertThat(caseEventsOf(blockedCase.toString())).isEmpty();

        http.get()
                .uri("/admin/outbox/quarantine")
                .headers(h -> h.setBearerAuth(advisor("advisor-1", "110105001001")))
                .exchange()
                .expectStatus()
                .isForbidden();
        http.get()
                .uri("/admin/outbox/quarantine")
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.id == '" + tooLarge.getEventId() + "')].heldBack")
                .isEqualTo(1)
                .jsonPath("$[?(@.id == '" + tooLarge.getEventId() + "')].outbox")
                .isEqualTo("case.events");

        // the fix: the operator replaces the oversized actor, then releases the record
        CaseEvent fixed = CaseEvent.newBuilder(tooLarge).setActor("advisor-1").build();
        db.sql("update case_outbox set event = :event where event_id = :id")
                .bind("event", OutboxRecords.encode(fixed))
                .bind("id", UUID.fromString(tooLarge.getEventId()))
                .then()
                .block();
        http.post()
                .uri("/admin/outbox/quarantine/{id}/release", tooLarge.getEventId())
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.released")
                .isEqualTo(true);
        http.post()
                .uri("/admin/outbox/quarantine/{id}/release", tooLarge.getEventId())
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isNotFound();

        awaitSent(behindIt.getEventId());
        assertThat(caseEventsOf(blockedCase.toString()))
                .extracting(CaseEvent::getEventId)
                .containsExactly(tooLarge.getEventId(), behindIt.getEventId());
    }

    @Test
    void eventSentBeforeACrashIsOnlyMarkedNotSentAgain() {
        CaseEvent event = event(UUID.randomUUID(), 1);
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // the crashed relay's send reached Kafka ...
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sharedBroker().bootstrapServers());
        config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl());
        ConfluentAvroSerializer<org.apache.avro.specific.SpecificRecordBase> serializer =
                new ConfluentAvroSerializer<>();
        serializer.configure(config, false);
        OutboxRecords records = OutboxRecords.routedByColumns(
                Map.of(CASE_EVENTS, new OutboxRecords.TopicCodec(6, serializer, CaseEvent.getDecoder())));
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(records.record(new OutboxRow(
                    UUID.fromString(event.getEventId()),
                    0,
                    CASE_EVENTS,
                    event.getCaseId(),
                    createdAt,
                    OutboxRecords.encode(event),
                    true,
                    null)));
            producer.flush();
        }
        // ... but the row was never marked sent
        insertClaimedRow(event, createdAt);

        awaitSent(event.getEventId());
        assertThat(copiesOnTopic(event.getEventId())).isEqualTo(1);
    }

    @Test
    void eventClaimedButNeverSentIsSentOnce() {
        CaseEvent event = event(UUID.randomUUID(), 1);
        insertClaimedRow(event, Instant.now().truncatedTo(ChronoUnit.MILLIS));

        awaitSent(event.getEventId());
        assertThat(copiesOnTopic(event.getEventId())).isEqualTo(1);
    }

    @Test
    void appendedEventsArePublishedOnceInOrderKeyedByCase() {
        UUID caseId = UUID.randomUUID();
        List<CaseEvent> events = List.of(event(caseId, 1), event(caseId, 2), event(caseId, 3));
        outbox.append(events).block();
        outbox.append(List.of(events.get(0))).block(); // appended again: kept once

        events.forEach(e -> awaitSent(e.getEventId()));
        assertThat(caseEventsOf(caseId.toString()))
                .extracting(CaseEvent::getEventId)
                .containsExactlyElementsOf(
                        events.stream().map(CaseEvent::getEventId).toList());
    }

    @Test
    void caseEventWrittenInATraceIsPublishedWithItsTraceparent() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        UUID traced = UUID.randomUUID();
        UUID untraced = UUID.randomUUID();
        appendInTrace(event(traced, 1), traceparent);
        outbox.append(List.of(event(untraced, 1))).block();

        awaitSent(event(traced, 1).getEventId());
        awaitSent(event(untraced, 1).getEventId());
        assertThat(traceparentsOnTopic(event(traced, 1).getEventId())).containsExactly(traceparent);
        assertThat(traceparentsOnTopic(event(untraced, 1).getEventId())).containsExactly("");
    }

    private static List<String> traceparentsOnTopic(String eventId) {
        return onTopic(eventId)
                .map(record -> java.util.Objects.requireNonNullElse(TraceParent.of(record.headers()), ""))
                .toList();
    }

    /** Appends {@code event} as written in the trace {@code traceparent}. */
    private void appendInTrace(CaseEvent event, String traceparent) {
        outbox.append(List.of(event))
                .contextWrite(context -> TraceParent.in(context, traceparent))
                .block();
    }

    /**
     * A dibao grant by civil affairs of household {@code household}, case {@code caseId}, shared with
     * {@code recipients}.
     */
    static AssistanceDecisionShared dibaoGranted(
            UUID eventId, UUID caseId, String household, List<Department> recipients) {
        return AssistanceDecisionShared.newBuilder()
                .setEventId(eventId.toString())
                .setHousehold(new HouseholdNumber(household))
                .setCommunityCode("110105001001")
                .setProgramme(Programme.DIBAO)
                .setDecision(DecisionKind.GRANTED)
                .setDecidedBy(Department.CIVIL_AFFAIRS)
                .setDecidedAt(Instant.parse("2026-12-01T02:00:00Z"))
                .setMonthlyAmountFen(165000L)
                .setRecipients(recipients)
                .setCaseId(caseId.toString())
                .build();
    }

    private static AssistanceDecisionShared decision(UUID caseId, String household) {
        return dibaoGranted(
                UUID.nameUUIDFromBytes(("decision:" + caseId).getBytes(StandardCharsets.UTF_8)),
                caseId,
                household,
                List.of());
    }

    /** The traceparent headers of the records of {@code household} on {@code topic}, once one is there. */
    private static List<String> traceparentsOf(String topic, String household) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> readAll(topic).stream()
                                .filter(record -> household.equals(record.key()))
                                .map(record ->
                                        java.util.Objects.requireNonNullElse(TraceParent.of(record.headers()), ""))
                                .toList(),
                        traces -> !traces.isEmpty());
    }

    @Test
    void decisionSharedInATraceReachesTheDepartmentInThatTrace() {
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        UUID caseId = UUID.randomUUID();
        outbox.appendDecision(decision(caseId, "H-TRACED-DECISION"), caseId, "decisions.civil-affairs")
                .contextWrite(context -> TraceParent.in(context, traceparent))
                .block();

        assertThat(traceparentsOf("decisions.civil-affairs", "H-TRACED-DECISION"))
                .containsExactly(traceparent);
    }

    @Test
    void decisionSharedOutsideATraceCarriesTheTraceOfItsCase() {
        String caseTrace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        UUID caseId = UUID.randomUUID();
        UUID untracedCase = UUID.randomUUID();
        appendInTrace(event(caseId, 1), caseTrace);
        outbox.append(List.of(event(caseId, 2))).block();
        outbox.appendDecision(decision(caseId, "H-CASE-TRACE"), caseId, "decisions.civil-affairs")
                .block();
        outbox.appendDecision(decision(untracedCase, "H-NO-TRACE"), untracedCase, "decisions.civil-affairs")
                .block();

        assertThat(traceparentsOf("decisions.civil-affairs", "H-CASE-TRACE")).containsExactly(caseTrace);
        assertThat(traceparentsOf("decisions.civil-affairs", "H-NO-TRACE")).containsExactly("");
    }
}
