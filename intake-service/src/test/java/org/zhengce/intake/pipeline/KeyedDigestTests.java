package org.zhengce.intake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
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
 * The idempotency digest is keyed under its own secret, stored with its key id, never shown; rows written before
 * (a bare SHA-256) keep re-sends idempotent and are re-keyed once.
 */
class KeyedDigestTests extends IntakeStackTest {

    private static final HexFormat HEX = HexFormat.of();

    @Autowired
    EventLedger ledger;

    @Autowired
    IntakePipeline pipeline;

    @Autowired
    DatabaseClient db;

    @Autowired
    @Qualifier("rekeyUnkeyedDigests")
    ApplicationRunner rekeying;

    private final EventJson json = new EventJson();
    private final EventPseudonymisation pseudonymisation = new EventPseudonymisation(
            Pseudonymiser.fromBase64Secrets(Map.of("k1", TestKeys.PSEUDONYM_KEY), "k1"), java.time.Clock.systemUTC());
    private String healthKey = "";

    @BeforeEach
    void key() {
        if (healthKey.isEmpty()) {
            healthKey = issueKey("HEALTH");
        }
    }

    private static DepartmentEvent event(String eventId) {
        return DepartmentEvent.newBuilder(EventExamples.all().get("HospitalDischarged"))
                .setEventId(eventId)
                .build();
    }

    private int post(ObjectNode body) {
        return http.post()
                .uri("/events")
                .header("X-API-Key", healthKey)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body.toString())
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }

    private Map<String, Object> row(String eventId) {
        return db.sql("select payload_digest, digest_key_id from event_ledger where department = 'HEALTH'"
                        + " and event_id = :id")
                .bind("id", eventId)
                .fetch()
                .one()
                .block();
    }

    private static byte[] bytes(Object value) {
        if (value instanceof java.nio.ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }
        return (byte[]) value;
    }

    /** A ledger row as intake wrote it before digests were keyed: the bare SHA-256, no key id, published. */
    private void legacyRow(String eventId) {
        DepartmentEvent event = event(eventId);
        UUID id = IntakePipeline.platformEventId("HEALTH", eventId);
        Instant at = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        var record = pipeline.writer()
                .record(pseudonymisation.toHouseholdEvent(event, id.toString()), "HospitalDischarged", at);
        EventLedger.Entry legacy = new EventLedger.Entry(
                eventId, id, IntakePipeline.digest(event), "HospitalDischarged", OutgoingRecord.of(record));
        ledger.claim("HEALTH", at, List.of(legacy))
                .as(StepVerifier::create)
                .expectNext(List.of(eventId))
                .verifyComplete();
        ledger.markPublished(List.of(id), at)
                .as(StepVerifier::create)
                .expectNext(1L)
                .verifyComplete();
    }

    @Test
    void aNewRowHoldsAKeyedDigestUnderTheDigestKeyNotTheBareSha256() {
        assertThat(post(json.write(event("keyed-new-1")))).isEqualTo(202);

        Map<String, Object> row = row("keyed-new-1");
        assertThat(row.get("digest_key_id")).isEqualTo("d1");
        byte[] stored = bytes(row.get("payload_digest"));
        assertThat(stored).hasSize(32).isNotEqualTo(IntakePipeline.digest(event("keyed-new-1")));
    }

    @Test
    void resendAfterTheUpgradeOfARowWithABareDigestStaysIdempotentBeforeAndAfterReKeying() throws Exception {
        legacyRow("keyed-legacy-1");
        ObjectNode changed = json.write(event("keyed-legacy-1"));
        ((ObjectNode) changed.get("fact")).put("lengthOfStayDays", 99);

        assertThat(post(json.write(event("keyed-legacy-1")))).isEqualTo(202);
        assertThat(post(changed)).isEqualTo(409);

        rekeying.run(null);

        Map<String, Object> row = row("keyed-legacy-1");
        assertThat(row.get("digest_key_id")).isEqualTo("d1");
        assertThat(HEX.formatHex(bytes(row.get("payload_digest"))))
                .isNotEqualTo(HEX.formatHex(IntakePipeline.digest(event("keyed-legacy-1"))));
        assertThat(post(json.write(event("keyed-legacy-1")))).isEqualTo(202);
        assertThat(post(changed)).isEqualTo(409);
        Long unkeyed = db.sql("select count(*) from event_ledger where digest_key_id is null")
                .map(r -> r.get(0, Long.class))
                .one()
                .block();
        assertThat(unkeyed).isZero();
    }

    @Test
    void theConflictKeptAsARejectionNamesTheAcceptedEventAndNoDigest() {
        assertThat(post(json.write(event("keyed-conflict-1")))).isEqualTo(202);
        ObjectNode changed = json.write(event("keyed-conflict-1"));
        ((ObjectNode) changed.get("fact")).put("lengthOfStayDays", 98);
        assertThat(post(changed)).isEqualTo(409);

        List<String> reasons = db.sql(
                        "select violations::text from rejected_events where event_id = 'keyed-conflict-1'")
                .map(r -> r.get(0, String.class))
                .all()
                .collectList()
                .block();
        assertThat(reasons)
                .singleElement()
                .satisfies(text -> assertThat(text)
                        .contains("accepted before with another payload as platform event "
                                + IntakePipeline.platformEventId("HEALTH", "keyed-conflict-1"))
                        .doesNotContainPattern("[0-9a-f]{64}"));
    }
}
