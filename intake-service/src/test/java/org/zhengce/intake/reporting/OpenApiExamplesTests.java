package org.zhengce.intake.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhengce.intake.reporting.ReportingFixtures.answer;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.zhengce.intake.IntakeStackTest;
import org.zhengce.intake.reading.EventTypes;
import org.zhengce.intake.reporting.ReportingFixtures.Answer;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document departments integrate from is public and has an example of every event type for
 * {@code POST /events}, and each example, sent as it stands by the department it names, is accepted.
 */
class OpenApiExamplesTests extends IntakeStackTest {

    private final Map<String, String> keys = new HashMap<>();

    private String key(String department) {
        return keys.computeIfAbsent(department, this::issueKey);
    }

    private Map<String, JsonNode> examples() {
        Answer document = answer(http.get().uri("/v3/api-docs"));
        assertThat(document.status()).as(document.body()).isEqualTo(200);
        JsonNode examples = document.json().at("/paths/~1events/post/requestBody/content/application~1json/examples");
        Map<String, JsonNode> byType = new TreeMap<>();
        examples.properties().forEach(entry -> byType.put(entry.getKey(), entry.getValue()));
        return byType;
    }

    @Test
    void documentHasAnExampleOfEveryEventTypeWithoutCredentials() {
        Map<String, JsonNode> examples = examples();

        assertThat(examples.keySet()).containsExactlyInAnyOrderElementsOf(EventTypes.names());
        assertThat(examples).hasSize(30);
        examples.forEach((type, example) -> {
            assertThat(example.get("summary").asString()).isEqualTo(type);
            assertThat(example.at("/value/type").asString()).isEqualTo(type);
        });
    }

    @Test
    void withoutAnIssuerTheDocumentHasNoSignInSchemeButTheApiKey() {
        Answer document = answer(http.get().uri("/v3/api-docs"));
        assertThat(document.status()).as(document.body()).isEqualTo(200);

        assertThat(document.json().at("/components/securitySchemes").has("oauth2AuthorizationCode"))
                .isFalse();
        assertThat(document.json().at("/components/securitySchemes/apiKey/name").asString())
                .isEqualTo("X-API-Key");
        assertThat(document.json().get("security").toString()).doesNotContain("oauth2AuthorizationCode");
    }

    @Test
    void everyExamplePostedByItsDepartmentIsAccepted() {
        Map<String, JsonNode> examples = examples();
        assertThat(examples).hasSize(30);

        examples.forEach((type, example) -> {
            JsonNode event = example.get("value");
            String department = event.get("department").asString();

            Answer answer = answer(http.post()
                    .uri("/events")
                    .header("X-API-Key", key(department))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(event.toString()));

            assertThat(answer.status())
                    .as("%s from %s: %s", type, department, answer.body())
                    .isEqualTo(202);
            assertThat(answer.json().get("status").asString()).as(type).isEqualTo("accepted");
            assertThat(answer.json().get("eventId").asString())
                    .isEqualTo(event.get("eventId").asString());
            assertThat(answer.json().get("platformEventId")).as(type).isNotNull();
        });
    }
}
