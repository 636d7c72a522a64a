package org.zhengce.scoring.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.zhengce.scoring.HouseholdEventSupport.COMMUNITY;
import static org.zhengce.scoring.HouseholdEventSupport.OTHER_COMMUNITY;
import static org.zhengce.scoring.HouseholdEventSupport.family;
import static org.zhengce.scoring.HouseholdEventSupport.medicalExpense;
import static org.zhengce.scoring.HouseholdEventSupport.member;
import static org.zhengce.scoring.HouseholdEventSupport.pseudonym;
import static org.zhengce.scoring.HouseholdEventSupport.registered;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.zhengce.events.RelationToHead;
import org.zhengce.events.Sex;
import org.zhengce.scoring.ScoringStackTest;
import org.zhengce.scoring.model.ScoringModel;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A household's portrait and score through the API, as an advisor, a street supervisor and the platform admin see
 * them; the persons waiting for their household; and the shadow report of a candidate model.
 */
class HouseholdQueriesTests extends ScoringStackTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void advisorOfTheCommunitySeesWhichDepartmentsFactMovedWhichDimension() {
        String household = COMMUNITY + "-0101";
        String grandmother = pseudonym(household + "/grandmother");
        publish(registered(household, COMMUNITY, family(household)), medicalExpense(grandmother, "mi-0101-1", 600_000));
        String advisor = advisorOf(COMMUNITY);

        // the registration alone already scores (age structure): wait for the bill's points too
        JsonNode score =
                awaitJson("/households/" + household + "/score", advisor, s -> hasContribution(s, "health.large-bill"));

        assertThat(score.path("household").asString()).isEqualTo(household);
        assertThat(score.path("communityCode").asString()).isEqualTo(COMMUNITY);
        assertThat(score.path("total").asInt()).isEqualTo(26);
        assertThat(score.path("dimensions").path("HEALTH").asInt()).isEqualTo(14);
        assertThat(score.path("dimensions").path("AGE_STRUCTURE").asInt()).isEqualTo(12);
        assertThat(score.path("category").isNull()).isTrue();
        JsonNode explanation = score.path("explanation");
        assertThat(explanation.path("total").asInt()).isEqualTo(26);
        assertThat(explanation.path("threshold").asInt()).isEqualTo(30);
        JsonNode largeBill = contribution(explanation, "health.large-bill");
        assertThat(largeBill.path("department").asString()).isEqualTo("MEDICAL_INSURANCE");
        assertThat(largeBill.path("eventType").asString()).isEqualTo("MedicalExpenseSettled");
        assertThat(largeBill.path("eventId").asString()).isEqualTo("platform-medical_insurance-mi-0101-1");
        assertThat(largeBill.path("dimension").asString()).isEqualTo("HEALTH");
        assertThat(largeBill.path("points").asInt()).isEqualTo(8);
        assertThat(largeBill.path("occurredAt").asString()).isNotBlank();
        assertThat(contribution(explanation, "health.out-of-pocket")
                        .path("points")
                        .asInt())
                .isEqualTo(6);
        JsonNode elderly = contribution(explanation, "age.elderly-80");
        assertThat(elderly.path("department").asString()).isEqualTo("CIVIL_AFFAIRS");
        assertThat(elderly.path("eventType").asString()).isEqualTo("HouseholdRegistered");

        JsonNode portrait = json("/households/" + household + "/portrait", advisor);
        assertThat(portrait.path("householdNumber").asString()).isEqualTo(household);
        assertThat(portrait.path("communityCode").asString()).isEqualTo(COMMUNITY);
        assertThat(portrait.path("members").size()).isEqualTo(3);
    }

    @Test
    void advisorOfAnotherCommunityIsRefused() {
        String household = COMMUNITY + "-0102";
        publish(registered(household, COMMUNITY, family(household)));
        awaitJson("/households/" + household + "/score", admin(), s -> true);

        for (String view : List.of("portrait", "score")) {
            http.get()
                    .uri("/households/{household}/{view}", household, view)
                    .headers(h -> h.setBearerAuth(advisorOf(OTHER_COMMUNITY)))
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo("household " + household + " is outside the caller's jurisdictions");
        }
    }

    @Test
    void streetSupervisorSeesTheHouseholdsOfItsStreet() {
        String household = COMMUNITY + "-0103";
        publish(registered(household, COMMUNITY, family(household)));
        String street = COMMUNITY.substring(0, 9);
        String supervisor = token("supervisor-" + street, List.of("SUPERVISOR"), List.of(street));

        JsonNode score = awaitJson("/households/" + household + "/score", supervisor, s -> true);

        assertThat(score.path("communityCode").asString()).isEqualTo(COMMUNITY);
    }

    @Test
    void unknownHouseholdIsNotFound() {
        await().atMost(PATIENCE)
                .untilAsserted(() -> http.get()
                        .uri("/households/{household}/portrait", COMMUNITY + "-9999")
                        .headers(h -> h.setBearerAuth(admin()))
                        .exchange()
                        .expectStatus()
                        .isNotFound()
                        .expectHeader()
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody()
                        .jsonPath("$.title")
                        .isEqualTo("Unknown household"));
    }

    @Test
    void personEventIsHeldUntilTheRegistrationNamingThePersonArrives() {
        String household = COMMUNITY + "-0104";
        String father = pseudonym(household + "/father");
        publish(medicalExpense(father, "mi-0104-1", 700_000));

        JsonNode waiting = awaitJson("/unresolved-persons", admin(), r -> person(r, father) != null);
        JsonNode held = person(waiting, father);
        assertThat(held.path("events").asInt()).isEqualTo(1);
        assertThat(held.path("since").asString()).isNotBlank();

        publish(registered(household, COMMUNITY, List.of(member(father, RelationToHead.HEAD, "1979-05-06", Sex.MALE))));

        awaitJson("/unresolved-persons", admin(), r -> person(r, father) == null);
        // the registration is scored first; the held bill follows it, so wait for the bill's points
        JsonNode score = awaitJson(
                "/households/" + household + "/score",
                advisorOf(COMMUNITY),
                s -> hasContribution(s, "health.large-bill"));
        assertThat(contribution(score.path("explanation"), "health.large-bill")
                        .path("eventId")
                        .asString())
                .isEqualTo("platform-medical_insurance-mi-0104-1");
    }

    @Test
    void shadowVersionReportsTheHouseholdsItWouldNewlyWarn() {
        String household = COMMUNITY + "-0105";
        publish(
                registered(household, COMMUNITY, family(household)),
                medicalExpense(pseudonym(household + "/grandmother"), "mi-0105-1", 600_000));
        awaitJson(
                "/households/" + household + "/score",
                admin(),
                s -> s.path("total").asInt() == 26);
        String shadow = "wuchang-2026.1-lower-line";
        String candidate = ScoringModel.defaultModel()
                .yaml()
                .replace("version: wuchang-2026.1", "version: " + shadow)
                .replace("BLUE: 30", "BLUE: 20");

        http.post()
                .uri("/models?role=SHADOW&note=lower the watch line")
                .headers(h -> h.setBearerAuth(admin()))
                .contentType(MediaType.valueOf("application/yaml"))
                .bodyValue(candidate)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(shadow)
                .jsonPath("$.role")
                .isEqualTo("SHADOW");
        try {
            String advisor = advisorOf(COMMUNITY);
            JsonNode report =
                    awaitJson("/shadow-report?jurisdiction=" + COMMUNITY, advisor, r -> shadowed(r, household) != null);

            assertThat(report.path("shadowVersion").asString()).isEqualTo(shadow);
            assertThat(report.path("jurisdiction").asString()).isEqualTo(COMMUNITY);
            JsonNode entry = shadowed(report, household);
            assertThat(entry.path("change").asString()).isEqualTo("newly-warned");
            assertThat(entry.path("activeTotal").asInt()).isEqualTo(26);
            assertThat(entry.path("activeCategory").isNull()).isTrue();
            assertThat(entry.path("shadowTotal").asInt()).isEqualTo(26);
            assertThat(entry.path("shadowCategory").asString()).isEqualTo("ASSISTANCE_MISSING");
            assertThat(entry.path("shadowLevel").asString()).isEqualTo("BLUE");
            JsonNode community = StreamSupport.stream(report.path("communities").spliterator(), false)
                    .filter(c -> c.path("communityCode").asString().equals(COMMUNITY))
                    .findFirst()
                    .orElseThrow();
            assertThat(community.path("newlyWarned").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(community.path("compared").asInt()).isGreaterThanOrEqualTo(1);

            JsonNode elsewhere = json("/shadow-report", advisorOf(OTHER_COMMUNITY));
            assertThat(shadowed(elsewhere, household)).isNull();
        } finally {
            http.post()
                    .uri("/models/{version}/retire", shadow)
                    .headers(h -> h.setBearerAuth(admin()))
                    .exchange()
                    .expectStatus()
                    .isAccepted();
        }
        awaitJson(
                "/shadow-report",
                admin(),
                r -> r.path("shadowVersion").isNull() && r.path("households").isEmpty());
    }

    private JsonNode awaitJson(String uri, String token, Predicate<JsonNode> until) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode answer = json(uri, token);
            assertThat(until.test(answer)).as("%s answers %s", uri, answer).isTrue();
            last[0] = answer;
        });
        return last[0];
    }

    private JsonNode json(String uri, String token) {
        String body = http.get()
                .uri(uri)
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return JSON.readTree(body);
    }

    private static boolean hasContribution(JsonNode score, String rule) {
        return StreamSupport.stream(
                        score.path("explanation").path("contributions").spliterator(), false)
                .anyMatch(c -> c.path("rule").asString().equals(rule));
    }

    private static JsonNode contribution(JsonNode explanation, String rule) {
        return StreamSupport.stream(explanation.path("contributions").spliterator(), false)
                .filter(c -> c.path("rule").asString().equals(rule))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no contribution of rule " + rule + " in " + explanation));
    }

    private static @Nullable JsonNode person(JsonNode unresolved, String person) {
        return StreamSupport.stream(unresolved.path("persons").spliterator(), false)
                .filter(p -> p.path("person").asString().equals(person))
                .findFirst()
                .orElse(null);
    }

    private static @Nullable JsonNode shadowed(JsonNode report, String household) {
        return StreamSupport.stream(report.path("households").spliterator(), false)
                .filter(h -> h.path("household").asString().equals(household))
                .findFirst()
                .orElse(null);
    }
}
