package org.zhengce.scoring.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.zhengce.scoring.HouseholdEventSupport.COMMUNITY;
import static org.zhengce.scoring.HouseholdEventSupport.family;
import static org.zhengce.scoring.HouseholdEventSupport.registered;

import java.util.List;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.zhengce.scoring.ScoringStackTest;
import org.zhengce.scoring.model.ScoringModel;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Publishing model versions through the API, and the topology switching to an activated one. */
class ModelActivationTests extends ScoringStackTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DEFAULT_VERSION = ScoringModel.defaultModel().version();

    @Test
    void builtInDefaultIsPublishedOnFirstStart() {
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode builtIn = version(models(), DEFAULT_VERSION);
            assertThat(builtIn).isNotNull();
            assertThat(builtIn.path("role").asString()).isEqualTo("ACTIVE");
            assertThat(builtIn.path("note").asString()).isEqualTo("built-in default");
        });
    }

    @Test
    void invalidModelIsRefusedNamingEveryProblem() {
        String broken = ScoringModel.defaultModel()
                .yaml()
                .replace("version: wuchang-2026.1", "version: broken-1")
                .replace("zone: Asia/Shanghai", "zone: Mars/Olympus_Mons")
                .replace("BLUE: 30", "PURPLE: 30");

        String body = http.post()
                .uri("/models?role=ACTIVE")
                .headers(h -> h.setBearerAuth(admin()))
                .contentType(MediaType.valueOf("application/yaml"))
                .bodyValue(broken)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        JsonNode problem = JSON.readTree(body);
        assertThat(problem.path("title").asString()).isEqualTo("Invalid model");
        List<String> paths = StreamSupport.stream(problem.path("problems").spliterator(), false)
                .map(p -> p.path("path").asString())
                .toList();
        assertThat(paths).contains("zone").anyMatch(path -> path.startsWith("levels"));
        assertThat(problem.path("detail").asString())
                .contains("Mars/Olympus_Mons")
                .contains("PURPLE");
        assertThat(version(models(), "broken-1")).isNull();
    }

    @Test
    void activatedVersionRescoresTheHouseholds() {
        String household = COMMUNITY + "-0201";
        publish(registered(household, COMMUNITY, family(household)));
        String advisor = advisorOf(COMMUNITY);
        await().atMost(PATIENCE)
                .untilAsserted(() -> http.get()
                        .uri("/households/{household}/score", household)
                        .headers(h -> h.setBearerAuth(advisor))
                        .exchange()
                        .expectStatus()
                        .isOk());
        String retuned = "wuchang-2026.1-retuned";
        String model = ScoringModel.defaultModel()
                .yaml()
                .replace("version: wuchang-2026.1", "version: " + retuned)
                .replace("Starting weights, to be tuned.", "Starting weights, re-published.");

        http.post()
                .uri("/models?role=ACTIVE&note=re-published")
                .headers(h -> h.setBearerAuth(admin()))
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue(model)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(retuned)
                .jsonPath("$.role")
                .isEqualTo("ACTIVE");

        await().atMost(PATIENCE)
                .untilAsserted(() -> http.get()
                        .uri("/households/{household}/score", household)
                        .headers(h -> h.setBearerAuth(advisor))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.modelVersion")
                        .isEqualTo(retuned)
                        .jsonPath("$.explanation.modelVersion")
                        .isEqualTo(retuned));
        JsonNode models = models();
        assertThat(models.path("active").asString()).isEqualTo(retuned);
        JsonNode published = version(models, retuned);
        assertThat(published.path("active").asBoolean()).isTrue();
        assertThat(published.path("publishedBy").asString()).isEqualTo("platform-admin");
        assertThat(published.path("note").asString()).isEqualTo("re-published");
    }

    @Test
    void publishedVersionCannotChangeItsText() {
        String changed = ScoringModel.defaultModel().yaml().replace("BLUE: 30", "BLUE: 31");

        http.post()
                .uri("/models?role=SHADOW")
                .headers(h -> h.setBearerAuth(admin()))
                .contentType(MediaType.valueOf("application/yaml"))
                .bodyValue(changed)
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains(DEFAULT_VERSION));
    }

    @Test
    void versionThatScoresNowCannotBeRetired() {
        String active = models().path("active").asString();

        http.post()
                .uri("/models/{version}/retire", active)
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        http.post()
                .uri("/models/{version}/retire", "never-published")
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    private JsonNode models() {
        String body = http.get()
                .uri("/models")
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return JSON.readTree(body);
    }

    private static @Nullable JsonNode version(JsonNode models, String version) {
        return StreamSupport.stream(models.path("versions").spliterator(), false)
                .filter(v -> v.path("version").asString().equals(version))
                .findFirst()
                .orElse(null);
    }
}
