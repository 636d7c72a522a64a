package org.zhengce.referral.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.zhengce.events.WarningLevel;
import org.zhengce.referral.ReferralStackTest;
import org.zhengce.referral.Warnings;
import org.zhengce.referral.audit.AuditLog;

/**
 * A household's evaluation of the services delivered to it: recorded by the organisation that gave a service or by
 * the case's advisor, once the service was delivered and once only; audited, on the case's timeline, read on the
 * case, averaged in the statistics; refused (with its rule) for another organisation, an advisor of another
 * community, a service not delivered yet, a satisfaction out of 1 to 5.
 */
class FeedbackTests extends ReferralStackTest {

    private static final String COMMUNITY = "110105001001";
    private static final String ADVISOR = advisor("advisor-wang-fang", "110105001001", "110105001002");
    private static final String ADVISOR_ELSEWHERE = advisor("advisor-li-na", "110105002001");
    private static final String ORGANISATION = organisation("staff-yangguang", "org-yangguang-social-work");
    private static final String OTHER_ORGANISATION = organisation("staff-legal", "org-chaoyang-legal-aid");

    /** A household the dibao rules match, with a need for an escort to hospital. */
    private static final String DIBAO_VISIT = """
            {"findings": "the father was in hospital for a month",
             "needs": [{"item": "medical.escort", "urgency": "SOLVE_NOW"}],
             "facts": {"members": 3, "monthlyIncomePerCapitaFen": 90000, "financialAssetsPerCapitaFen": 500000,
                       "medicalOutOfPocketFen12Months": 4800000, "elderlyMembers": 0, "childMembers": 1,
                       "disabledMembers": 0, "severelyDisabledMembers": 0, "seriouslyIllMembers": 1,
                       "studentMembers": 1, "unemployedWorkingAgeMembers": 1, "withoutCapacityOrSupport": false,
                       "dangerousHousing": false, "disasterAffected": false,
                       "orphanOrDeFactoUnsupportedChild": false, "activeProgrammes": []}}
            """;

    private static final String DIBAO_AND_ESCORT = """
            {"tier": "COMPREHENSIVE_SERVICE", "programmes": ["DIBAO"],
             "resources": [{"serviceItem": "medical.escort", "organisationId": "org-yangguang-social-work"}],
             "oneOffAssistanceFen": 0, "note": "dibao and an escort"}
            """;

    @Autowired
    DatabaseClient db;

    @Autowired
    AuditLog audit;

    @Test
    void servicesDeliveredAreEvaluatedOnceByTheOrganisationOrTheAdvisor() {
        UUID caseId = referredCase("H-FEEDBACK-1");
        String escort = referralOf(caseId, "REFERRAL");
        String dibao = referralOf(caseId, "COMPREHENSIVE_SERVICE");
        send(ORGANISATION, "/referrals/" + escort + "/accept", "{}")
                .expectStatus()
                .isOk();

        // accepted, not delivered yet: nothing to evaluate
        refused(send(ORGANISATION, "/referrals/" + escort + "/feedback", evaluation(4, true, null)), 409)
                .jsonPath("$.rule")
                .isEqualTo("feedback.service.not-delivered");

        send(
                        ORGANISATION,
                        "/referrals/" + escort + "/report",
                        "{\"feedback\": \"escorted to three visits\", \"completed\": true}")
                .expectStatus()
                .isOk();
        // another organisation may not evaluate Yangguang's service
        refused(send(OTHER_ORGANISATION, "/referrals/" + escort + "/feedback", evaluation(1, false, null)), 403)
                .jsonPath("$.rule")
                .isEqualTo("feedback.organisation.not-its-service");
        // the note's identity number is masked before anything keeps it
        send(ORGANISATION, "/referrals/" + escort + "/feedback", evaluation(4, true, "很满意，母亲11010519491231002X说陪诊及时"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.satisfaction")
                .isEqualTo(4)
                .jsonPath("$.recorderRole")
                .isEqualTo("ORGANISATION")
                .jsonPath("$.note")
                .isEqualTo("很满意，母亲110105***********X说陪诊及时");
        // the household is asked once
        refused(
                        send(
                                ADVISOR,
                                "/cases/" + caseId + "/referrals/" + escort + "/feedback",
                                evaluation(2, true, null)),
                        409)
                .jsonPath("$.rule")
                .isEqualTo("feedback.service.already-evaluated");

        // civil affairs granted dibao (the decision's path is PlanAndReferralTests'): the advisor records what the
        // household said of it; an advisor of another community may not, nor a satisfaction of 6
        db.sql("update case_referrals set status = 'GRANTED' where id = :id")
                .bind("id", UUID.fromString(dibao))
                .then()
                .block(Duration.ofSeconds(10));
        send(ADVISOR_ELSEWHERE, "/cases/" + caseId + "/referrals/" + dibao + "/feedback", evaluation(5, true, null))
                .expectStatus()
                .isForbidden();
        refused(send(ADVISOR, "/cases/" + caseId + "/referrals/" + dibao + "/feedback", evaluation(6, true, null)), 400)
                .jsonPath("$.field")
                .isEqualTo("satisfaction");
        refused(
                        send(
                                ADVISOR,
                                "/cases/" + caseId + "/referrals/" + UUID.randomUUID() + "/feedback",
                                evaluation(3, true, null)),
                        404)
                .jsonPath("$.rule")
                .isEqualTo("feedback.service.unknown");
        send(
                        ADVISOR,
                        "/cases/" + caseId + "/referrals/" + dibao + "/feedback",
                        evaluation(2, false, "the allowance has not been paid yet"))
                .expectStatus()
                .isOk();

        // on the case, in order; on its timeline; in the audit trail, refusals too
        http.get()
                .uri("/cases/" + caseId + "/feedback")
                .headers(h -> h.setBearerAuth(ADVISOR))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[*].referralId")
                .isEqualTo(List.of(escort, dibao))
                .jsonPath("$[*].organisationId")
                .isEqualTo(java.util.Arrays.asList("org-yangguang-social-work", null))
                .jsonPath("$[1].programme")
                .isEqualTo("DIBAO")
                .jsonPath("$[1].delivered")
                .isEqualTo(false)
                .jsonPath("$[1].recordedBy")
                .isEqualTo("advisor-wang-fang");
        http.get()
                .uri("/cases/" + caseId + "/timeline")
                .headers(h -> h.setBearerAuth(ADVISOR))
                .exchange()
                .expectBody()
                .jsonPath("$[?(@.type == 'SERVICE_EVALUATED')].text")
                .isEqualTo(List.of(
                        "evaluated org-yangguang-social-work (medical.escort): satisfaction 4/5, delivered:"
                                + " 很满意，母亲110105***********X说陪诊及时",
                        "evaluated DIBAO: satisfaction 2/5, not delivered by the household's account: the"
                                + " allowance has not been paid yet"));
        assertThat(audit.entriesFor(caseId).collectList().block())
                .anySatisfy(entry -> {
                    assertThat(entry.actor()).isEqualTo("staff-yangguang");
                    assertThat(entry.allowed()).isTrue();
                    assertThat(entry.detail()).startsWith("service " + escort + " evaluated: satisfaction 4");
                })
                .anySatisfy(entry -> {
                    assertThat(entry.actor()).isEqualTo("staff-legal");
                    assertThat(entry.allowed()).isFalse();
                })
                .anySatisfy(entry -> {
                    assertThat(entry.actor()).isEqualTo("advisor-wang-fang");
                    assertThat(entry.allowed()).isFalse();
                    assertThat(entry.detail()).contains("evaluated already");
                })
                .anySatisfy(entry -> {
                    assertThat(entry.actor()).isEqualTo("advisor-wang-fang");
                    assertThat(entry.allowed()).isTrue();
                    assertThat(entry.detail()).startsWith("service " + dibao + " evaluated: satisfaction 2");
                });

        // averaged in the community's statistics, the organisation's too
        http.get()
                .uri("/statistics?area=" + COMMUNITY)
                .headers(h -> h.setBearerAuth(ADVISOR))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total.feedback.evaluations")
                .isEqualTo(2)
                .jsonPath("$.total.feedback.averageSatisfaction")
                .isEqualTo(3.0)
                .jsonPath("$.total.feedback.saidNotDelivered")
                .isEqualTo(1)
                .jsonPath("$.total.delivery.delivered")
                .isEqualTo(2)
                .jsonPath("$.total.delivery.deliveryRate")
                .isEqualTo(1.0)
                .jsonPath("$.total.referralsByOrganisation[0].averageSatisfaction")
                .isEqualTo(4.0);
    }

    // --- helpers

    private static String organisation(String userId, String organisationId) {
        return tokenWith(userId, List.of("ORGANISATION"), List.of(), Map.of("organisation", organisationId));
    }

    private static String evaluation(int satisfaction, boolean delivered, @Nullable String note) {
        return "{\"satisfaction\": " + satisfaction + ", \"delivered\": " + delivered
                + (note == null ? "" : ", \"note\": \"" + note + "\"") + "}";
    }

    /** A case verified and referred by its confirmed plan: dibao applied for, an escort proposed to Yangguang. */
    private UUID referredCase(String household) {
        publish(WARNINGS, household, Warnings.raised("w-" + household, household, COMMUNITY, WarningLevel.RED));
        UUID caseId = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> db.sql("select id from cases where household_number = :h")
                                .bind("h", household)
                                .map(row -> row.get(0, UUID.class))
                                .one()
                                .blockOptional(),
                        Optional::isPresent)
                .orElseThrow();
        send(ADVISOR, "/cases/" + caseId + "/visits", DIBAO_VISIT)
                .expectStatus()
                .isOk();
        send(ADVISOR, "/cases/" + caseId + "/verify", "{}").expectStatus().isOk();
        http.put()
                .uri("/cases/" + caseId + "/plan")
                .headers(h -> h.setBearerAuth(ADVISOR))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(DIBAO_AND_ESCORT)
                .exchange()
                .expectStatus()
                .isOk();
        send(ADVISOR, "/cases/" + caseId + "/plan/confirm", "{}").expectStatus().isOk();
        return caseId;
    }

    private String referralOf(UUID caseId, String tier) {
        return Objects.requireNonNull(db.sql("select id from case_referrals where case_id = :c and tier = :t")
                .bind("c", caseId)
                .bind("t", tier)
                .map(row -> Objects.requireNonNull(row.get(0, UUID.class)).toString())
                .one()
                .block());
    }

    private WebTestClient.ResponseSpec send(String token, String uri, String body) {
        return http.method(HttpMethod.POST)
                .uri(uri)
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private static WebTestClient.BodyContentSpec refused(WebTestClient.ResponseSpec response, int status) {
        return response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
    }
}
