package org.zhengce.intake.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhengce.intake.reporting.ReportingFixtures.answer;
import static org.zhengce.intake.reporting.ReportingFixtures.departmentOf;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.zhengce.intake.IntakeStackTest;
import org.zhengce.intake.reading.EventTypes;
import org.zhengce.intake.reporting.ReportingFixtures.Answer;
import tools.jackson.databind.JsonNode;

/**
 * Every event type of the data standard has a page ({@code GET /event-types/{type}}, public as the OpenAPI document
 * is) listing its fields with the rules intake checks, and the example on it passes a dry run (issue 20, item 6).
 */
class EventTypePagesTests extends IntakeStackTest {

    private final ReportingFixtures.Senders senders = new ReportingFixtures.Senders(() -> http, this::issueKey);

    private Answer get(String uri) {
        return answer(http.get().uri(uri));
    }

    @Test
    void everyEventTypeHasAPageWithEachFieldOfItsSchemaAndAnExampleThatPassesADryRun() {
        Answer list = get("/event-types");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        List<String> listed = new ArrayList<>();
        list.json().forEach(entry -> listed.add(entry.get("type").asString()));
        assertThat(listed).containsExactlyElementsOf(EventTypes.names());

        for (JsonNode entry : list.json()) {
            String type = entry.get("type").asString();
            Answer page = get(entry.get("page").asString());
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            List<String> paths = new ArrayList<>();
            page.json()
                    .get("fields")
                    .forEach(field -> paths.add(field.get("path").asString()));
            Schema schema = EventTypes.schemaOf(type).orElseThrow();
            assertThat(paths)
                    .as(type)
                    .contains("eventId", "occurredAt", "reportedAt", "communityCode")
                    .containsAll(schema.getFields().stream()
                            .map(field -> "fact." + field.name())
                            .toList());
            assertThat(page.json().get("crossFieldRules").get("occurredAt").toString())
                    .contains("time.occurred-not-after-reported");

            JsonNode example = page.json().get("example");
            Answer tried = answer(http.post()
                    .uri("/events/dry-run")
                    .header("X-API-Key", senders.key(departmentOf(type)))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(example.toString()));
            assertThat(tried.status()).as("%s: %s", type, tried.body()).isEqualTo(200);
            assertThat(tried.json().get("status").asString()).isEqualTo("valid");
        }
    }

    @Test
    void aHouseholdsPageNamesTheIdentityNumberRulesOfItsMembersAndTheOneHeadRule() {
        Answer page = get("/event-types/HouseholdRegistered");

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        JsonNode number = null;
        for (JsonNode field : page.json().get("fields")) {
            if (field.get("path").asString().equals("fact.members[].identity.identityNumber")) {
                number = field;
            }
        }
        assertThat(number).as(page.body()).isNotNull();
        assertThat(number.get("required").asBoolean()).isTrue();
        assertThat(number.get("rules").toString()).contains("identity-number.check-digit", "required");
        assertThat(page.json().get("crossFieldRules").get("fact.members").toString())
                .contains("household.one-head");
    }

    @Test
    void anUnknownTypeIsNotFoundNamingTheRule() {
        Answer page = get("/event-types/NoSuchEvent");

        assertThat(page.status()).as(page.body()).isEqualTo(404);
        assertThat(page.json().get("rule").asString()).isEqualTo("event-type.known");
    }

    @Test
    void theOpenApiDocumentLinksThePages() {
        Answer docs = get("/v3/api-docs");

        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        assertThat(docs.json().get("info").get("description").asString()).contains("/event-types");
        assertThat(docs.json().get("paths").has("/event-types/{type}")).isTrue();
        assertThat(docs.json().get("paths").has("/events/dry-run")).isTrue();
    }
}
