package org.zhengce.intake.rejections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.zhengce.intake.reporting.ReportingFixtures.HEAD_IDENTITY_NUMBER;
import static org.zhengce.intake.reporting.ReportingFixtures.HEAD_IDENTITY_NUMBER_MASKED;
import static org.zhengce.intake.reporting.ReportingFixtures.WRONG_CHECK_DIGIT;
import static org.zhengce.intake.reporting.ReportingFixtures.WRONG_CHECK_DIGIT_MASKED;
import static org.zhengce.intake.reporting.ReportingFixtures.answer;
import static org.zhengce.intake.reporting.ReportingFixtures.example;
import static org.zhengce.intake.reporting.ReportingFixtures.exampleOfNoDepartment;
import static org.zhengce.intake.reporting.ReportingFixtures.fact;
import static org.zhengce.intake.reporting.ReportingFixtures.header;
import static org.zhengce.intake.reporting.ReportingFixtures.kept;
import static org.zhengce.intake.reporting.ReportingFixtures.withCloudEventId;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.zhengce.events.EmploymentEnded;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.intake.IntakeStackTest;
import org.zhengce.intake.reporting.ReportingFixtures;
import org.zhengce.intake.reporting.ReportingFixtures.Answer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What intake keeps of what it rejects: the admin lists rejections by department and time and reads each masked, a
 * department sees only its own, each is on the dead-letter topic masked, and a rejection replayed after a fix is
 * published once; the meters count accepted and rejected events and every rule broken.
 */
class RejectedEventTests extends IntakeStackTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, String> keys = new HashMap<>();

    private String key(String department) {
        return keys.computeIfAbsent(department, this::issueKey);
    }

    private Answer post(String department, ObjectNode event) {
        return answer(http.post()
                .uri("/events")
                .header("X-API-Key", key(department))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(event.toString()));
    }

    /** Sends {@code event}, which intake rejects, and returns the rejection id. */
    private UUID rejected(String department, ObjectNode event) {
        Answer answer = post(department, event);
        assertThat(answer.status()).as(answer.body()).isIn(400, 403);
        return answer.rejectionId();
    }

    /** HospitalDischarged of a person whose number has a wrong check digit, the head's number in the hospital. */
    private static ObjectNode wrongCheckDigit(String eventId) {
        ObjectNode event = example("HospitalDischarged", eventId);
        ((ObjectNode) event.get("subject")).put("identityNumber", WRONG_CHECK_DIGIT);
        fact(event).put("hospital", "北京朝阳医院（陪护人身份证 " + HEAD_IDENTITY_NUMBER + "）");
        return event;
    }

    private Answer admin(String path, Object... variables) {
        return answer(http.get().uri(path, variables).header("X-API-Key", ADMIN_KEY));
    }

    private static List<UUID> ids(JsonNode list) {
        List<UUID> ids = new ArrayList<>();
        list.forEach(r -> ids.add(UUID.fromString(r.get("id").asString())));
        return ids;
    }

    /** Changes {@code department}'s terms as {@code change} says, through the admin API; returns the old terms. */
    private ObjectNode changeTerms(String department, Consumer<ObjectNode> change) {
        return ReportingFixtures.changeTerms(http, ADMIN_KEY, department, change);
    }

    private void putTerms(String department, ObjectNode terms) {
        ReportingFixtures.putTerms(http, ADMIN_KEY, department, terms);
    }

    // ---- reading rejections ----

    @Test
    void adminListsADepartmentsRejectionsByTimeOldestFirstWithNoIdentityNumberInClear() {
        UUID first = rejected("HEALTH", wrongCheckDigit("rejections-list-1"));
        UUID second = rejected("HEALTH", exampleOfNoDepartment("EmploymentEnded", "rejections-list-2"));
        UUID community = rejected(
                "COMMUNITY", example("TipReported", "rejections-list-3").put("communityCode", "110105009999"));
        UUID third = rejected("HEALTH", wrongCheckDigit("rejections-list-4"));
        String from = kept(http, ADMIN_KEY, first).get("rejectedAt").asString();
        String thirdAt = kept(http, ADMIN_KEY, third).get("rejectedAt").asString();

        Answer health = answer(http.get()
                .uri(uri -> uri.path("/admin/rejected-events")
                        .queryParam("department", "HEALTH")
                        .queryParam("from", from)
                        .build())
                .header("X-API-Key", ADMIN_KEY));
        Answer beforeThird = answer(http.get()
                .uri(uri -> uri.path("/admin/rejected-events")
                        .queryParam("department", "HEALTH")
                        .queryParam("from", from)
                        .queryParam("to", thirdAt)
                        .build())
                .header("X-API-Key", ADMIN_KEY));
        Answer everyone = answer(http.get()
                .uri(uri -> uri.path("/admin/rejected-events")
                        .queryParam("from", from)
                        .build())
                .header("X-API-Key", ADMIN_KEY));

        assertThat(health.status()).as(health.body()).isEqualTo(200);
        // rejections of other ways in (a department topic read meanwhile) may be listed too: look at this test's
        List<UUID> mine = List.of(first, second, community, third);
        assertThat(ids(health.json()).stream().filter(mine::contains)).containsExactly(first, second, third);
        assertThat(ids(beforeThird.json()).stream().filter(mine::contains)).containsExactly(first, second);
        assertThat(ids(everyone.json()).stream().filter(mine::contains))
                .containsExactly(first, second, community, third);
        health.json().forEach(r -> assertThat(r.get("department").asString()).isEqualTo("HEALTH"));
        List<Instant> times = health.json().findValuesAsString("rejectedAt").stream()
                .map(Instant::parse)
                .toList();
        assertThat(times).isSorted().allMatch(at -> !at.isBefore(Instant.parse(from)));
        JsonNode one = health.json().get(ids(health.json()).indexOf(first));
        assertThat(one.get("department").asString()).isEqualTo("HEALTH");
        assertThat(one.get("eventId").asString()).isEqualTo("rejections-list-1");
        assertThat(one.get("eventType").asString()).isEqualTo("HospitalDischarged");
        assertThat(one.get("channel").asString()).isEqualTo("HTTP");
        assertThat(ReportingFixtures.violationsOf(one))
                .containsExactly(tuple("subject.identityNumber", "identity-number.check-digit"));
        assertThat(one.get("maskedPayload").asString()).contains(WRONG_CHECK_DIGIT_MASKED, HEAD_IDENTITY_NUMBER_MASKED);
        assertThat(health.body() + everyone.body()).doesNotContain(WRONG_CHECK_DIGIT, HEAD_IDENTITY_NUMBER);
    }

    @Test
    void identityNumbersHiddenInFreeTextAreMaskedInWhatIsKeptAndServed() {
        // the head's number three ways: a JSON escape of its last digit, full-width digits, spaces inside it
        String escaped = "99010119800101123\\u0036";
        String fullWidth = "９９０１０１１９８００１０１１２３６";
        String spaced = "990101 19800101 1236";
        ObjectNode event = wrongCheckDigit("rejections-hidden-1");
        fact(event).put("hospital", "PLACEHOLDER");
        String text = event.toString().replace("PLACEHOLDER", "陪护 " + escaped + "，" + fullWidth + "，" + spaced);

        Answer answer = answer(http.post()
                .uri("/events")
                .header("X-API-Key", key("HEALTH"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(text));

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        JsonNode kept = kept(http, ADMIN_KEY, answer.rejectionId());
        String three =
                HEAD_IDENTITY_NUMBER_MASKED + "，" + HEAD_IDENTITY_NUMBER_MASKED + "，" + HEAD_IDENTITY_NUMBER_MASKED;
        assertThat(kept.get("maskedPayload").asString()).contains("陪护 " + three);
        String served = answer.body()
                + kept
                + admin("/admin/rejected-events?department=HEALTH").body()
                + answer(http.get().uri("/rejected-events").header("X-API-Key", key("HEALTH")))
                        .body();
        assertThat(served).doesNotContain(escaped, fullWidth, spaced, HEAD_IDENTITY_NUMBER);
    }

    @Test
    void departmentSeesOnlyItsOwnRejections() {
        UUID health = rejected("HEALTH", wrongCheckDigit("rejections-own-1"));
        UUID community =
                rejected("COMMUNITY", example("TipReported", "rejections-own-2").put("communityCode", "110105009999"));

        Answer seenByHealth = answer(http.get().uri("/rejected-events").header("X-API-Key", key("HEALTH")));
        Answer seenByCommunity = answer(http.get().uri("/rejected-events").header("X-API-Key", key("COMMUNITY")));

        assertThat(seenByHealth.status()).as(seenByHealth.body()).isEqualTo(200);
        assertThat(ids(seenByHealth.json())).contains(health).doesNotContain(community);
        seenByHealth
                .json()
                .forEach(r -> assertThat(r.get("department").asString()).isEqualTo("HEALTH"));
        assertThat(seenByHealth.body()).doesNotContain(WRONG_CHECK_DIGIT, HEAD_IDENTITY_NUMBER);
        assertThat(ids(seenByCommunity.json())).contains(community).doesNotContain(health);
        seenByCommunity
                .json()
                .forEach(r -> assertThat(r.get("department").asString()).isEqualTo("COMMUNITY"));
    }

    @Test
    void departmentMayNotUseTheAdminRejectionApi() {
        UUID id = rejected("HEALTH", wrongCheckDigit("rejections-admin-only-1"));

        List<Answer> refused = List.of(
                answer(http.get().uri("/admin/rejected-events").header("X-API-Key", key("HEALTH"))),
                answer(http.get().uri("/admin/rejected-events/{id}", id).header("X-API-Key", key("HEALTH"))),
                answer(http.post().uri("/admin/rejected-events/{id}/replay", id).header("X-API-Key", key("HEALTH"))));

        for (Answer answer : refused) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(403);
            assertThat(answer.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(answer.body()).doesNotContain(WRONG_CHECK_DIGIT_MASKED);
        }
        assertThat(kept(http, ADMIN_KEY, id).get("replayedAt").isNull()).isTrue();
    }

    @Test
    void unknownRejectionIsNotFound() {
        Answer answer = admin("/admin/rejected-events/{id}", UUID.fromString("00000000-0000-0000-0000-000000000001"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
    }

    @Test
    void rejectionIsOnTheDeadLetterTopicMaskedWithItsReasons() {
        UUID id = rejected("HEALTH", wrongCheckDigit("rejections-dlq-1"));

        List<ConsumerRecord<String, byte[]>> letters = readAll(DEAD_LETTERS).stream()
                .filter(r -> header(r, "zhengce-rejection-id").equals(id.toString()))
                .toList();

        assertThat(letters).hasSize(1);
        ConsumerRecord<String, byte[]> letter = letters.get(0);
        assertThat(letter.key()).isEqualTo("HEALTH:rejections-dlq-1");
        assertThat(header(letter, "zhengce-department")).isEqualTo("HEALTH");
        assertThat(header(letter, "zhengce-channel")).isEqualTo("HTTP");
        assertThat(header(letter, "zhengce-source")).isEqualTo("request");
        assertThat(ReportingFixtures.violationsOf(
                        ReportingFixtures.json("{\"violations\":" + header(letter, "zhengce-reasons") + "}")))
                .containsExactly(tuple("subject.identityNumber", "identity-number.check-digit"));
        String value = new String(letter.value(), StandardCharsets.UTF_8);
        assertThat(value)
                .isEqualTo(kept(http, ADMIN_KEY, id).get("maskedPayload").asString());
        assertThat(value).contains(WRONG_CHECK_DIGIT_MASKED).doesNotContain(WRONG_CHECK_DIGIT, HEAD_IDENTITY_NUMBER);
        letter.headers()
                .forEach(h -> assertThat(new String(h.value(), StandardCharsets.UTF_8))
                        .doesNotContain(WRONG_CHECK_DIGIT));
    }

    // ---- replay ----

    @Test
    void rejectionReplayedAfterThePermissionIsGrantedIsPublishedOnceAndAgainIsADuplicate() {
        Answer refused = post("HEALTH", exampleOfNoDepartment("EmploymentEnded", "rejections-replay-1"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        UUID id = refused.rejectionId();
        ObjectNode old =
                changeTerms("HEALTH", terms -> ((ArrayNode) terms.get("allowedEventTypes")).add("EmploymentEnded"));
        try {
            Answer replayed = answer(
                    http.post().uri("/admin/rejected-events/{id}/replay", id).header("X-API-Key", ADMIN_KEY));

            assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
            assertThat(replayed.json().get("rejectionId").asString()).isEqualTo(id.toString());
            JsonNode result = replayed.json().get("result");
            assertThat(result.get("status").asString()).isEqualTo("accepted");
            assertThat(result.get("eventId").asString()).isEqualTo("rejections-replay-1");
            UUID platformEventId = UUID.fromString(result.get("platformEventId").asString());
            List<ConsumerRecord<String, byte[]>> published =
                    withCloudEventId(readAll(HOUSEHOLD_EVENTS), platformEventId);
            assertThat(published).hasSize(1);
            HouseholdEvent event = ReportingFixtures.householdEvents(registryUrl())
                    .deserialize(HOUSEHOLD_EVENTS, published.get(0).value());
            assertThat(event.getEventId()).isEqualTo("rejections-replay-1");
            assertThat(event.getDepartment().name()).isEqualTo("HEALTH");
            assertThat(event.getFact()).isInstanceOf(EmploymentEnded.class);

            Answer again = answer(
                    http.post().uri("/admin/rejected-events/{id}/replay", id).header("X-API-Key", ADMIN_KEY));

            assertThat(again.json().at("/result/status").asString()).isEqualTo("duplicate");
            assertThat(again.json().at("/result/platformEventId").asString()).isEqualTo(platformEventId.toString());
            assertThat(withCloudEventId(readAll(HOUSEHOLD_EVENTS), platformEventId))
                    .hasSize(1);
            JsonNode kept = kept(http, ADMIN_KEY, id);
            assertThat(kept.get("replayedAt").isNull()).isFalse();
            assertThat(kept.get("replayOutcome").asString()).isEqualTo("duplicate");
        } finally {
            putTerms("HEALTH", old);
        }
    }

    @Test
    void batchReplayAnswersInOrderAndKeepsWhatIsStillWrongUnderANewRejection() {
        ObjectNode old = changeTerms(
                "COMMUNITY",
                terms -> terms.set("jurisdictionScope", terms.arrayNode().add("110106")));
        UUID outOfScope;
        UUID stillWrong;
        try {
            Answer answer = post("COMMUNITY", example("VisitRecorded", "rejections-batch-1"));
            assertThat(answer.violations()).containsExactly(tuple("communityCode", "department.jurisdiction-scope"));
            outOfScope = answer.rejectionId();
        } finally {
            putTerms("COMMUNITY", old);
        }
        stillWrong = rejected(
                "COMMUNITY", example("TipReported", "rejections-batch-2").put("communityCode", "110105009999"));

        List<JsonNode> results = http.post()
                .uri("/admin/rejected-events/replay")
                .header("X-API-Key", ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"ids\": [\"" + outOfScope + "\", \"" + stillWrong + "\"]}")
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseBody()
                .map(ReportingFixtures::json)
                .collectList()
                .block(TIMEOUT);

        assertThat(results)
                .extracting(
                        r -> r.get("rejectionId").asString(),
                        r -> r.at("/result/status").asString())
                .containsExactly(tuple(outOfScope.toString(), "accepted"), tuple(stillWrong.toString(), "rejected"));
        UUID again = UUID.fromString(results.get(1).at("/result/rejectionId").asString());
        assertThat(again).isNotEqualTo(stillWrong);
        assertThat(kept(http, ADMIN_KEY, stillWrong).get("replayRejectionId").asString())
                .isEqualTo(again.toString());
        assertThat(ReportingFixtures.violationsOf(kept(http, ADMIN_KEY, again)))
                .containsExactly(tuple("communityCode", "community-code.known"));
        assertThat(kept(http, ADMIN_KEY, again).get("channel").asString()).isEqualTo("REPLAY");
    }

    // ---- meters ----

    private double count(String meter, String... tags) {
        return ReportingFixtures.count(http, ADMIN_KEY, meter, tags);
    }

    @Test
    void metersCountAcceptedAndRejectedEventsAndEveryRuleBroken() {
        // over HTTP only: a department topic read meanwhile counts under channel topic
        String[] rejectedTags = {"department:HEALTH", "channel:http", "outcome:rejected"};
        String[] byReason = {
            "department:HEALTH", "channel:http", "outcome:rejected", "reason:identity-number.check-digit"
        };
        String[] acceptedTags = {"department:HEALTH", "channel:http", "outcome:accepted"};
        double rejectedBefore = count("intake.events", rejectedTags);
        double byReasonBefore = count("intake.events", byReason);
        double acceptedBefore = count("intake.events", acceptedTags);
        double checkDigitBefore =
                count("intake.events.rejections", "department:HEALTH", "rule:identity-number.check-digit");
        double communityBefore = count("intake.events.rejections", "department:HEALTH", "rule:community-code.known");

        rejected("HEALTH", wrongCheckDigit("rejections-meters-1"));
        rejected("HEALTH", wrongCheckDigit("rejections-meters-2").put("communityCode", "110105009999"));
        assertThat(post("HEALTH", example("HospitalAdmitted", "rejections-meters-3"))
                        .status())
                .isEqualTo(202);

        assertThat(count("intake.events", rejectedTags)).isEqualTo(rejectedBefore + 2);
        assertThat(count("intake.events", byReason)).isEqualTo(byReasonBefore + 2);
        assertThat(count("intake.events", acceptedTags)).isEqualTo(acceptedBefore + 1);
        assertThat(count("intake.events.rejections", "department:HEALTH", "rule:identity-number.check-digit"))
                .isEqualTo(checkDigitBefore + 2);
        assertThat(count("intake.events.rejections", "department:HEALTH", "rule:community-code.known"))
                .isEqualTo(communityBefore + 1);
        Answer rules = admin("/actuator/metrics/intake.events.rejections");
        assertThat(rules.json().get("availableTags").findValuesAsString("tag")).contains("rule", "department");
        assertThat(answer(http.get().uri("/actuator/metrics/intake.events").header("X-API-Key", key("HEALTH")))
                        .status())
                .isEqualTo(403);
    }
}
