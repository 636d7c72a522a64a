package org.zhengce.intake.departments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.zhengce.events.Department;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.intake.IntakeStackTest;
import org.zhengce.intake.reading.EventExamples;
import org.zhengce.intake.reading.EventJson;
import org.zhengce.intake.reporting.EventResult;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.schemas.registry.HttpSchemaRegistryClient;
import org.zhengce.schemas.serde.ConfluentAvroDeserializer;
import tools.jackson.databind.node.ObjectNode;

/**
 * The documented path for a department the data standard has just been given (README, "Adding a department"), on
 * the embedded stack: public security (公安) is a Department symbol and has its topic in the catalogue, but no
 * migration seeds it; the admin registers it, issues its key, and its first event is accepted and published.
 */
class AddingADepartmentTests extends IntakeStackTest {

    private static final String CODE = "PUBLIC_SECURITY";

    @Test
    void aDepartmentAddedToTheDataStandardIsRegisteredGivenAKeyAndItsFirstEventIsPublished() {
        assertThat(TopicCatalogue.load().find("dept.public-security.events")).isPresent();
        http.get()
                .uri("/admin/departments/{code}", CODE)
                .header("X-API-Key", ADMIN_KEY)
                .exchange()
                .expectStatus()
                .isNotFound();

        // register: household registration records, in the demo city's district
        http.post()
                .uri("/admin/departments")
                .header("X-API-Key", ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"code": "PUBLIC_SECURITY", "name": "Public security (公安)",
                         "allowedEventTypes": ["HouseholdRegistered", "HouseholdChanged", "MemberJoined", "MemberLeft"],
                         "jurisdictionScope": ["110105"], "rateLimitPerSecond": 50}
                        """)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(CODE)
                .jsonPath("$.enabled")
                .isEqualTo(true);
        String key = issueKey(CODE);

        // its first event: a household registration
        ObjectNode registration = new EventJson().write(EventExamples.all().get("HouseholdRegistered"));
        registration.put("eventId", "ps-2026-000001");
        registration.put("department", CODE);
        EventResult result = send(key, registration)
                .expectStatus()
                .isEqualTo(202)
                .expectBody(EventResult.class)
                .returnResult()
                .getResponseBody();
        assertThat(result).isNotNull();
        assertThat(result.status()).isEqualTo("accepted");
        assertThat(result.violations()).isNull();

        List<ConsumerRecord<String, byte[]>> published = readAll(HOUSEHOLD_EVENTS).stream()
                .filter(record -> new String(
                                record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)
                        .equals(String.valueOf(result.platformEventId())))
                .toList();
        assertThat(published).hasSize(1);
        assertThat(new String(published.get(0).headers().lastHeader("ce_source").value(), StandardCharsets.UTF_8))
                .isEqualTo("/departments/PUBLIC_SECURITY");
        HouseholdEvent event = ConfluentAvroDeserializer.forSpecific(
                        new HttpSchemaRegistryClient(HttpSchemaRegistryClient.parseUrls(registryUrl()), null),
                        HouseholdEvent.class)
                .deserialize(HOUSEHOLD_EVENTS, published.get(0).value());
        assertThat(event.getDepartment()).isEqualTo(Department.PUBLIC_SECURITY);
        assertThat(event.getEventId()).isEqualTo("ps-2026-000001");
        assertThat(event.getSubject()).isInstanceOf(HouseholdNumber.class);
        assertThat(event.getFact()).isInstanceOf(org.zhengce.events.HouseholdRegistered.class);
    }

    @Test
    void anEventOfTheNewDepartmentSentWithAnotherDepartmentsKeyIsStillRefused() {
        String civilAffairs = issueKey("CIVIL_AFFAIRS");
        ObjectNode registration = new EventJson().write(EventExamples.all().get("HouseholdRegistered"));
        registration.put("eventId", "ps-2026-000002");
        registration.put("department", CODE);

        send(civilAffairs, registration)
                .expectStatus()
                .is4xxClientError()
                .expectBody()
                .jsonPath("$.violations[0].rule")
                .isEqualTo("department.matches-sender");
    }

    private WebTestClient.ResponseSpec send(String apiKey, ObjectNode event) {
        return http.post()
                .uri("/events")
                .header("X-API-Key", apiKey)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(event.toString())
                .exchange();
    }
}
