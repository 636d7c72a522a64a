package org.zhengce.referral.tips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.zhengce.events.CaseAssigned;
import org.zhengce.events.CaseEvent;
import org.zhengce.events.CaseOpened;
import org.zhengce.events.CaseSource;
import org.zhengce.events.Department;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.ReporterRole;
import org.zhengce.events.TipReported;
import org.zhengce.events.Urgency;
import org.zhengce.referral.ReferralStackTest;
import org.zhengce.referral.Warnings;
import tools.jackson.databind.json.JsonMapper;

/**
 * A reporter's tip on household.events: urgent, it opens a case with source TIP, assigned to the community's advisor
 * (so alerted); not urgent, it opens none; a second tip joins the open case. Its reporter alone learns its status.
 */
class TipCasesTests extends ReferralStackTest {

    private static final String COMMUNITY = "110105001002";
    private static final String VOLUNTEER = "volunteer-zhou-min";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String reporter(String id) {
        return token(id, List.of("REPORTER"), List.of(COMMUNITY));
    }

    private static HouseholdEvent tip(String platformEventId, String household, Urgency urgency) {
        return HouseholdEvent.newBuilder()
                .setEventId("TIP-" + platformEventId)
                .setDepartment(Department.COMMUNITY)
                .setOccurredAt(Warnings.AT)
                .setReportedAt(Warnings.AT)
                .setSubject(new HouseholdNumber(household))
                .setPlatformEventId(platformEventId)
                .setCommunityCode(COMMUNITY)
                .setFact(TipReported.newBuilder()
                        .setReporterRole(ReporterRole.VOLUNTEER)
                        .setReporterId(VOLUNTEER)
                        .setNeeds(List.of("medical.escort"))
                        .setUrgency(urgency)
                        .setNote("独居老人摔伤")
                        .build())
                .build();
    }

    /** The tip's status as {@code token} reads it, once referral has it (404 until then). */
    private String awaitStatus(String platformEventId, String token) {
        EntityExchangeResult<String> read = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> status(platformEventId, token),
                        result -> result.getStatus().value() == 200);
        return JSON.readTree(read.getResponseBody()).get("status").asString();
    }

    private EntityExchangeResult<String> status(String platformEventId, String token) {
        return http.get()
                .uri("/tips/{id}", platformEventId)
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectBody(String.class)
                .returnResult();
    }

    @Test
    void anUrgentTipOpensATipCaseAssignedToTheCommunitysAdvisorAndItsReporterSeesCaseOpened() throws SQLException {
        String household = "H-TIP-URGENT-1";
        String tipId = UUID.randomUUID().toString();
        publish(HOUSEHOLD_EVENTS, household, tip(tipId, household, Urgency.SOLVE_NOW));

        assertThat(awaitStatus(tipId, reporter(VOLUNTEER))).isEqualTo("CASE_OPENED");
        assertThat(casesOf(household)).isEqualTo(1);
        UUID caseId = UUID.nameUUIDFromBytes(("case:tip:" + tipId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<CaseEvent> events = await().atMost(Duration.ofSeconds(30))
                .until(() -> caseEventsOf(caseId.toString()), found -> found.size() >= 2);
        assertThat(events)
                .filteredOn(e -> e.getFact() instanceof CaseOpened)
                .singleElement()
                .satisfies(e -> {
                    assertThat(((CaseOpened) e.getFact()).getSource()).isEqualTo(CaseSource.TIP);
                    assertThat(((CaseOpened) e.getFact()).getWarningId()).isNull();
                });
        assertThat(events)
                .filteredOn(e -> e.getFact() instanceof CaseAssigned)
                .singleElement()
                .satisfies(e ->
                        assertThat(((CaseAssigned) e.getFact()).getAdvisorId()).isEqualTo("advisor-wang-fang"));
    }

    @Test
    void aNonUrgentTipOpensNoCaseAndStaysReceived() throws SQLException {
        String household = "H-TIP-LATER-1";
        String tipId = UUID.randomUUID().toString();
        publish(HOUSEHOLD_EVENTS, household, tip(tipId, household, Urgency.IN_STAGES));

        assertThat(awaitStatus(tipId, reporter(VOLUNTEER))).isEqualTo("RECEIVED");
        assertThat(casesOf(household)).isZero();
    }

    @Test
    void aSecondTipAboutTheHouseholdJoinsItsOpenCase() throws SQLException {
        String household = "H-TIP-TWICE-1";
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        publish(
                HOUSEHOLD_EVENTS,
                household,
                tip(first, household, Urgency.SOLVE_NOW),
                tip(second, household, Urgency.SOLVE_NOW));

        assertThat(awaitStatus(second, reporter(VOLUNTEER))).isEqualTo("CASE_OPENED");
        assertThat(awaitStatus(first, reporter(VOLUNTEER))).isEqualTo("CASE_OPENED");
        assertThat(casesOf(household)).isEqualTo(1);
    }

    @Test
    void onlyTheTipsReporterMayReadWhatBecameOfIt() {
        String household = "H-TIP-PRIVATE-1";
        String tipId = UUID.randomUUID().toString();
        publish(HOUSEHOLD_EVENTS, household, tip(tipId, household, Urgency.IN_STAGES));
        awaitStatus(tipId, reporter(VOLUNTEER));

        http.get()
                .uri("/tips/{id}", tipId)
                .headers(h -> h.setBearerAuth(reporter("grid-worker-wu-lei")))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.rule")
                .isEqualTo("tip.not-yours");
        http.get()
                .uri("/tips/{id}", tipId)
                .headers(h -> h.setBearerAuth(advisor("advisor-wang-fang", COMMUNITY)))
                .exchange()
                .expectStatus()
                .isForbidden();
    }
}
