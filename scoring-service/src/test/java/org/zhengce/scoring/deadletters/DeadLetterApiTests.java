package org.zhengce.scoring.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.zhengce.scoring.ScoringStackTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /admin/dead-letters} in the running application: platform admins alone, problems for what is not there. */
class DeadLetterApiTests extends ScoringStackTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void anAdvisorMayNeitherListNorReplayTheDeadLetters() {
        String advisor = advisorOf("420106001001");

        http.get()
                .uri("/admin/dead-letters")
                .headers(h -> h.setBearerAuth(advisor))
                .exchange()
                .expectStatus()
                .isForbidden();
        http.post()
                .uri("/admin/dead-letters/0/0/replay")
                .headers(h -> h.setBearerAuth(advisor))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void anAdminListsTheProcessingLane() {
        String body = http.get()
                .uri("/admin/dead-letters?limit=5")
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        JsonNode listed = JSON.readTree(body);
        assertThat(listed.path("topic").asString()).isEqualTo("household.events.processing.dlq");
        assertThat(listed.path("deadLetters").isArray()).isTrue();
    }

    @Test
    void replayingADeadLetterThatIsNotThereIsNotFoundAndABadLimitIsRefused() {
        http.post()
                .uri("/admin/dead-letters/0/999999/replay")
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("No such dead letter");
        http.get()
                .uri("/admin/dead-letters?limit=0")
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isBadRequest();
    }
}
