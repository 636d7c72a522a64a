package org.zhengce.intake.communities;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.StatusAssertions;
import org.zhengce.intake.IntakeStackTest;
import org.zhengce.intake.reading.EventExamples;
import org.zhengce.intake.reading.EventJson;
import org.zhengce.kit.jurisdictions.JurisdictionFeed;
import tools.jackson.databind.node.ObjectNode;

/**
 * The communities intake accepts are referral's directory as published on {@code jurisdictions} (ADR 0035), followed
 * while intake runs: a community added there is accepted without a restart, and one removed there is refused again
 * with today's rule ({@code community-code.known}).
 */
class CommunitiesFromTheDirectoryTests extends IntakeStackTest {

    /** A community of a street the demo city does not have. */
    private static final String NEW_COMMUNITY = "110105009001";

    @Autowired
    JurisdictionFeed directory;

    private final EventJson json = new EventJson();
    private String healthKey = "";

    @BeforeEach
    void key() {
        if (healthKey.isEmpty()) {
            healthKey = issueKey("HEALTH");
        }
    }

    @Test
    void theDemoCitysCommunitiesAreReadBeforeIntakeIsReady() {
        post("directory-demo-1", "110105002003").isAccepted();
    }

    @Test
    void aCommunityAddedInTheDirectoryIsAcceptedAndOneRemovedIsRefusedWithoutRestart() {
        post("directory-new-1", NEW_COMMUNITY)
                .isBadRequest()
                .expectBody()
                .jsonPath("$.violations[0].rule")
                .isEqualTo("community-code.known");

        publishJurisdiction("110105009", "新街道");
        publishJurisdiction(NEW_COMMUNITY, "新社区");
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.hasCommunity(NEW_COMMUNITY));
        post("directory-new-2", NEW_COMMUNITY).isAccepted();

        removeJurisdiction(NEW_COMMUNITY);
        await().atMost(Duration.ofSeconds(30)).until(() -> !directory.hasCommunity(NEW_COMMUNITY));
        post("directory-new-3", NEW_COMMUNITY)
                .isBadRequest()
                .expectBody()
                .jsonPath("$.violations[0].rule")
                .isEqualTo("community-code.known");
    }

    private StatusAssertions post(String eventId, String communityCode) {
        ObjectNode event = json.write(EventExamples.all().get("HospitalDischarged"));
        event.put("eventId", eventId);
        event.put("communityCode", communityCode);
        return http.post()
                .uri("/events")
                .header("X-API-Key", healthKey)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(event.toString())
                .exchange()
                .expectStatus();
    }
}
