package org.zhengce.intake.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.zhengce.events.AssistanceDecisionShared;
import org.zhengce.events.DecisionKind;
import org.zhengce.events.Department;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.PersonPseudonym;
import org.zhengce.events.Programme;
import org.zhengce.intake.IntakeStackTest;
import org.zhengce.schemas.registry.HttpSchemaRegistryClient;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decisions from referral's {@code decisions.<code>} topics reach departments over HTTP: polled with a cursor, or
 * pushed to a registered endpoint, signed, retried and logged. The retry schedule is compressed (200 ms, 400 ms,
 * 400 ms: four attempts); the endpoint is a local HTTP server, whose signatures are checked here from the
 * specification's text, not with intake's signer. Each test uses departments of its own.
 */
@TestPropertySource(
        properties = {
            "intake.decisions.retry-schedule=200ms,400ms,400ms",
            "intake.decisions.delivery-interval=100ms",
            "intake.decisions.request-timeout=2s",
            "intake.decisions.allow-plain-http=true"
        })
class DecisionsOverHttpTests extends IntakeStackTest {

    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final List<String> TOPICS = List.of(
            "decisions.medical-insurance",
            "decisions.health",
            "decisions.education",
            "decisions.civil-affairs",
            "decisions.justice",
            "decisions.housing");

    private static DepartmentEndpoint endpoint;

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    private MeterRegistry meters;

    @BeforeAll
    static void topicsAndEndpoint() throws Exception {
        for (String topic : TOPICS) {
            createTopicOnce(topic, 3);
        }
        endpoint = new DepartmentEndpoint();
    }

    @AfterAll
    static void closeEndpoint() {
        endpoint.close();
    }

    @Test
    void aDecisionIsPostedSignedToTheDepartmentsEndpoint() throws Exception {
        String key = issueKey("MEDICAL_INSURANCE");
        String secret =
                register(key, endpoint.answering("/medical-insurance", 204).toString());
        AssistanceDecisionShared decision = decision("mi-1");

        produce("decisions.medical-insurance", decision);

        await().atMost(WITHIN)
                .until(() -> !endpoint.received("/medical-insurance").isEmpty());
        DepartmentEndpoint.Received received =
                endpoint.received("/medical-insurance").get(0);
        assertThat(received.header("webhook-id")).isEqualTo("mi-1");
        assertThat(received.header("content-type")).startsWith("application/json");
        long timestamp = Long.parseLong(received.header("webhook-timestamp"));
        assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(300);
        assertThat(verifies(secret, received))
                .as("the signature verifies under the secret")
                .isTrue();
        assertThat(verifies(WebhookSecret.generate().serialised(), received))
                .as("not under another")
                .isFalse();
        JsonNode body = json.readTree(received.body());
        assertThat(body.get("type").asString()).isEqualTo("assistance_decision.shared");
        assertThat(body.get("cursor").asLong()).isEqualTo(1);
        JsonNode data = body.get("data");
        assertThat(data.get("eventId").asString()).isEqualTo("mi-1");
        assertThat(data.get("householdNumber").asString()).isEqualTo("110105000123");
        assertThat(data.get("programme").asString()).isEqualTo("DIBAO");
        assertThat(data.get("decision").asString()).isEqualTo("GRANTED");
        assertThat(data.get("monthlyAmountFen").asLong()).isEqualTo(98_000);
        assertThat(data.get("validFrom").asString()).isEqualTo("2027-01-01");
        assertThat(data.get("decidedAt").asString()).isEqualTo("2026-12-07T02:15:00Z");
        assertThat(data.get("persons").get(0).get("pseudonym").asString()).hasSize(64);

        await().atMost(WITHIN)
                .untilAsserted(() -> assertThat(deliveries(key)).singleElement().satisfies(delivery -> {
                    assertThat(delivery.get("webhookId").asString()).isEqualTo("mi-1");
                    assertThat(delivery.get("status").asString()).isEqualTo("delivered");
                    assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
                    assertThat(delivery.get("lastStatus").asInt()).isEqualTo(204);
                    assertThat(delivery.get("nextAttempt").isNull()).isTrue();
                }));
        // the registration shows the endpoint, never the secret
        String shown = http.get()
                .uri("/departments/me/webhook")
                .header("X-API-Key", key)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(shown).contains("/medical-insurance").doesNotContain(secret.substring(6));
    }

    @Test
    void aFailingEndpointIsTriedAgainWithTheSameIdUntilItAnswers() throws Exception {
        String key = issueKey("HEALTH");
        String secret =
                register(key, endpoint.answering("/health", 500, 503, 200).toString());

        produce("decisions.health", decision("health-1"));

        await().atMost(WITHIN)
                .untilAsserted(() -> assertThat(deliveries(key)).singleElement().satisfies(delivery -> {
                    assertThat(delivery.get("status").asString()).isEqualTo("delivered");
                    assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
                    assertThat(delivery.get("lastStatus").asInt()).isEqualTo(200);
                }));
        List<DepartmentEndpoint.Received> attempts = endpoint.received("/health");
        assertThat(attempts).hasSize(3);
        assertThat(attempts).allSatisfy(attempt -> {
            assertThat(attempt.header("webhook-id")).isEqualTo("health-1");
            assertThat(verifies(secret, attempt)).isTrue();
        });
        assertThat(counter("retried", "HEALTH")).isEqualTo(2);
        assertThat(counter("delivered", "HEALTH")).isEqualTo(1);
    }

    @Test
    void aDeliveryIsGivenUpAfterTheLastAttemptAndTheDecisionCanStillBePolled() throws Exception {
        String key = issueKey("EDUCATION");
        register(key, endpoint.answering("/education", 503).toString());

        produce("decisions.education", decision("education-1"));

        await().atMost(WITHIN)
                .untilAsserted(() -> assertThat(deliveries(key)).singleElement().satisfies(delivery -> {
                    assertThat(delivery.get("status").asString()).isEqualTo("failed");
                    assertThat(delivery.get("attempts").asInt()).isEqualTo(4);
                    assertThat(delivery.get("lastStatus").asInt()).isEqualTo(503);
                    assertThat(delivery.get("lastError").asString()).isEqualTo("HTTP 503");
                    assertThat(delivery.get("nextAttempt").isNull()).isTrue();
                }));
        assertThat(endpoint.received("/education")).hasSize(4);
        assertThat(counter("failed", "EDUCATION")).isEqualTo(1);
        assertThat(counter("retried", "EDUCATION")).isEqualTo(3);
        assertThat(poll(key, 0, 10).get("decisions"))
                .singleElement()
                .satisfies(item ->
                        assertThat(item.get("data").get("eventId").asString()).isEqualTo("education-1"));
    }

    @Test
    void aDepartmentPollsOnlyItsOwnDecisionsAfterItsCursor() throws Exception {
        String civilAffairs = issueKey("CIVIL_AFFAIRS");
        String justice = issueKey("JUSTICE");
        produce("decisions.civil-affairs", decision("ca-1"), decision("ca-2"), decision("ca-3"));
        produce("decisions.justice", decision("justice-1"));

        await().atMost(WITHIN)
                .until(() -> poll(civilAffairs, 0, 10).get("decisions").size() == 3);
        JsonNode first = poll(civilAffairs, 0, 2);
        assertThat(ids(first)).containsExactly("ca-1", "ca-2");
        assertThat(first.get("next").asLong()).isEqualTo(2);
        JsonNode second = poll(civilAffairs, first.get("next").asLong(), 2);
        assertThat(ids(second)).containsExactly("ca-3");
        assertThat(second.get("next").asLong()).isEqualTo(3);
        JsonNode none = poll(civilAffairs, 3, 2);
        assertThat(ids(none)).isEmpty();
        assertThat(none.get("next").asLong()).isEqualTo(3);

        await().atMost(WITHIN).until(() -> poll(justice, 0, 10).get("decisions").size() == 1);
        assertThat(ids(poll(justice, 0, 10))).containsExactly("justice-1");
        // no webhook: nothing to deliver, nothing in the log
        assertThat(deliveries(civilAffairs)).isEmpty();
        // the platform admin is not a department
        http.get()
                .uri("/decisions")
                .header("X-API-Key", ADMIN_KEY)
                .exchange()
                .expectStatus()
                .isForbidden();
        http.get().uri("/decisions").exchange().expectStatus().isUnauthorized();
        http.get()
                .uri("/decisions?after=-1")
                .header("X-API-Key", justice)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.rule")
                .isEqualTo("decisions.cursor");
        http.get()
                .uri("/decisions?limit=1001")
                .header("X-API-Key", justice)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.rule")
                .isEqualTo("decisions.limit");
    }

    @Test
    void aDecisionReadTwiceIsKeptOnce() throws Exception {
        String key = issueKey("HOUSING");
        produce("decisions.housing", decision("housing-1"), decision("housing-1"), decision("housing-2"));

        await().atMost(WITHIN).until(() -> ids(poll(key, 0, 10)).contains("housing-2"));
        JsonNode page = poll(key, 0, 10);
        assertThat(ids(page)).containsExactly("housing-1", "housing-2");
        assertThat(page.get("decisions").get(1).get("cursor").asLong()).isEqualTo(2);
    }

    @Test
    void anEndpointThatIsNotAUrlOrNotHttpIsRefused() {
        String key = issueKey("UTILITIES");
        for (var refused : Map.of("ftp://example.org/x", "webhook.https", "", "webhook.url")
                .entrySet()) {
            http.put()
                    .uri("/departments/me/webhook")
                    .header("X-API-Key", key)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("url", refused.getKey()))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.rule")
                    .isEqualTo(refused.getValue());
        }
        http.get()
                .uri("/departments/me/webhook")
                .header("X-API-Key", key)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.rule")
                .isEqualTo("webhook.registered");
    }

    /** Registers the endpoint; returns the secret the answer shows once. */
    private String register(String key, String url) {
        JsonNode answer = json.readTree(http.put()
                .uri("/departments/me/webhook")
                .header("X-API-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", url))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
        assertThat(answer.get("url").asString()).isEqualTo(url);
        return answer.get("secret").asString();
    }

    private JsonNode poll(String key, long after, int limit) {
        return json.readTree(http.get()
                .uri("/decisions?after={after}&limit={limit}", after, limit)
                .header("X-API-Key", key)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    }

    private List<JsonNode> deliveries(String key) {
        JsonNode log = json.readTree(http.get()
                .uri("/decisions/deliveries")
                .header("X-API-Key", key)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
        return log.valueStream().toList();
    }

    private static List<String> ids(JsonNode page) {
        return page.get("decisions")
                .valueStream()
                .map(item -> item.get("data").get("eventId").asString())
                .toList();
    }

    private double counter(String outcome, String department) {
        Counter counter = meters.find(DecisionDelivery.METRIC)
                .tag("outcome", outcome)
                .tag("department", department)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /**
     * The Standard Webhooks check, written from the specification: HMAC-SHA256 under the Base64-decoded secret (after
     * {@code whsec_}) of {@code id.timestamp.body}, Base64, compared with each {@code v1,} signature of the header.
     */
    private static boolean verifies(String secret, DepartmentEndpoint.Received received) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] signed = (received.header("webhook-id") + "." + received.header("webhook-timestamp") + "."
                        + new String(received.body(), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        byte[] expected =
                ("v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed))).getBytes(StandardCharsets.UTF_8);
        return Arrays.stream(received.header("webhook-signature").split(" "))
                .anyMatch(signature -> MessageDigest.isEqual(signature.getBytes(StandardCharsets.UTF_8), expected));
    }

    static AssistanceDecisionShared decision(String eventId) {
        return AssistanceDecisionShared.newBuilder()
                .setEventId(eventId)
                .setHousehold(
                        HouseholdNumber.newBuilder().setValue("110105000123").build())
                .setCommunityCode("110105001001")
                .setPersons(List.of(PersonPseudonym.newBuilder()
                        .setKeyId("k1")
                        .setValue("9b0f3c3c4f1f2d0e8a5b6c7d8e9f00112233445566778899aabbccddeeff0011")
                        .build()))
                .setProgramme(Programme.DIBAO)
                .setDecision(DecisionKind.GRANTED)
                .setDecidedBy(Department.CIVIL_AFFAIRS)
                .setDecidedAt(Instant.parse("2026-12-07T02:15:00Z"))
                .setMonthlyAmountFen(98_000L)
                .setValidFrom(LocalDate.parse("2027-01-01"))
                .setRecipients(List.of(Department.MEDICAL_INSURANCE))
                .setCaseId("c-2026-000042")
                .build();
    }

    static void produce(String topic, AssistanceDecisionShared... decisions) throws Exception {
        try (ConfluentAvroSerializer<AssistanceDecisionShared> serializer = new ConfluentAvroSerializer<>(
                        new HttpSchemaRegistryClient(HttpSchemaRegistryClient.parseUrls(registryUrl()), null));
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                sharedBroker().bootstrapServers()),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            for (AssistanceDecisionShared decision : decisions) {
                // keyed by household, as referral writes them: one partition, in order
                producer.send(new ProducerRecord<>(
                                topic, decision.getHousehold().getValue(), serializer.serialize(topic, decision)))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }
}
