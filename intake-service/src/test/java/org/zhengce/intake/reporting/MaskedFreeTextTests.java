package org.zhengce.intake.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.zhengce.intake.reporting.ReportingFixtures.answer;
import static org.zhengce.intake.reporting.ReportingFixtures.example;
import static org.zhengce.intake.reporting.ReportingFixtures.fact;
import static org.zhengce.intake.reporting.ReportingFixtures.withCloudEventId;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.zhengce.intake.IntakeStackTest;
import org.zhengce.intake.identity.IdentityNumbers;
import org.zhengce.intake.reporting.ReportingFixtures.Answer;
import tools.jackson.databind.node.ObjectNode;

/**
 * An identity number a department typed into free text, in an NDJSON line or a CSV row, is accepted masked: the answer
 * names the field (never the value) for that line or row alone, nothing published holds the number, and
 * {@code intake.identity.numbers.masked} counts the field (issue 15).
 */
class MaskedFreeTextTests extends IntakeStackTest {

    private static final String NUMBER = IdentityNumbers.STANDARD_EXAMPLE;
    private static final String NOTE = "邻居反映户主（身份证 " + NUMBER + "）近两个月未交房租";

    private final ReportingFixtures.Senders senders = new ReportingFixtures.Senders(() -> http, this::issueKey);

    private double masked() {
        return ReportingFixtures.count(http, ADMIN_KEY, "intake.identity.numbers.masked", "department:COMMUNITY");
    }

    /** Nothing on household.events of {@code platformEventId} holds the number, and it is there once. */
    private static void assertPublishedMasked(UUID platformEventId) {
        assertThat(withCloudEventId(readAll(HOUSEHOLD_EVENTS), platformEventId))
                .singleElement()
                .satisfies(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8))
                        .doesNotContain(NUMBER, "19491231002"));
    }

    @Test
    void anNdjsonLineHoldingAnIdentityNumberInItsNoteIsAcceptedNamingThatFieldOnThatLineAndCounted() {
        double before = masked();
        ObjectNode tip = example("TipReported", "masked-ndjson-1");
        fact(tip).put("note", NOTE);

        List<EventResult> results =
                senders.stream("COMMUNITY", List.of(tip, example("TipReported", "masked-ndjson-2")));

        assertThat(results)
                .extracting(EventResult::line, EventResult::status, EventResult::maskedFields)
                .containsExactly(tuple(1L, "accepted", List.of("fact.note")), tuple(2L, "accepted", null));
        assertPublishedMasked(results.get(0).platformEventId());
        assertThat(masked()).isEqualTo(before + 1);
    }

    @Test
    void aCsvRowHoldingAnIdentityNumberInItsNoteIsAcceptedNamingThatFieldOnThatRowAndCounted() {
        double before = masked();
        String csv = "eventId,occurredAt,reportedAt,householdNumber,communityCode,reporterRole,reporterId,needs[0],"
                + "urgency,note\r\n"
                + "masked-csv-1,2026-11-20T02:00:00Z,2026-11-20T03:00:00Z,110105000123,110105001001,GRID_WORKER,"
                + "GRID-0012,临时救助,IN_STAGES," + NOTE + "\r\n"
                + "masked-csv-2,2026-11-20T02:00:00Z,2026-11-20T03:00:00Z,110105000123,110105001001,GRID_WORKER,"
                + "GRID-0012,临时救助,IN_STAGES,独居老人冬季取暖困难\r\n";

        Answer answer = answer(http.post()
                .uri(uri -> uri.path("/submissions")
                        .queryParam("type", "TipReported")
                        .queryParam("fileName", "tips.csv")
                        .build())
                .header("X-API-Key", senders.key("COMMUNITY"))
                .contentType(new MediaType("text", "csv"))
                .bodyValue(csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().get("accepted").asInt()).isEqualTo(2);
        List<EventResult> rows = senders.results(
                "COMMUNITY", "/submissions/{id}/rows", answer.json().get("id").asString());
        assertThat(rows)
                .extracting(EventResult::line, EventResult::status, EventResult::maskedFields)
                .containsExactly(tuple(1L, "accepted", List.of("fact.note")), tuple(2L, "accepted", null));
        assertThat(answer.body()).doesNotContain(NUMBER);
        assertPublishedMasked(rows.get(0).platformEventId());
        assertThat(masked()).isEqualTo(before + 1);
    }
}
