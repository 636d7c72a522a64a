package org.zhengce.referral.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.zhengce.events.AssistanceApplicationRejected;
import org.zhengce.events.AssistanceDecisionShared;
import org.zhengce.events.AssistanceGranted;
import org.zhengce.events.CaseClosed;
import org.zhengce.events.CaseEvent;
import org.zhengce.events.CaseOutcome;
import org.zhengce.events.CaseReferred;
import org.zhengce.events.DecisionKind;
import org.zhengce.events.Department;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.Programme;
import org.zhengce.events.ReferralTier;
import org.zhengce.events.RejectionReason;
import org.zhengce.events.WarningLevel;
import org.zhengce.referral.ReferralStackTest;
import org.zhengce.referral.Warnings;
import org.zhengce.referral.audit.AuditLog;
import org.zhengce.schemas.serde.ConfluentAvroDeserializer;
import org.zhengce.schemas.serde.SerdeConfig;

/** 一户一策 from verification to the department's decision: draft, edit, maker-checker, referrals, feedback. */
class PlanAndReferralTests extends ReferralStackTest {

    private static final String COMMUNITY = "110105001001";
    private static final String ADVISOR = advisor("advisor-wang-fang", "110105001001", "110105001002");
    private static final String SUPERVISOR = supervisor("supervisor-jianwai", "110105001");
    private static final String ORGANISATION = organisation("staff-yangguang", "org-yangguang-social-work");
    private static final String OTHER_ORGANISATION = organisation("staff-legal", "org-chaoyang-legal-aid");

    /** A household the dibao rules match: 900 yuan a month per head against Beijing's 1,450, little savings. */
    private static final String DIBAO_VISIT = """
            {"findings": "the father was in hospital for a month; the family lives on the mother's part-time pay",
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
             "oneOffAssistanceFen": 0, "note": "dibao and an escort to the follow-up visits"}
            """;

    @Autowired
    DatabaseClient db;

    @Autowired
    AuditLog audit;

    @Autowired
    MeterRegistry meters;

    private static String organisation(String userId, String organisationId) {
        return tokenWith(userId, List.of("ORGANISATION"), List.of(), Map.of("organisation", organisationId));
    }

    private UUID verifiedCase(String household) {
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
        send(ADVISOR, "POST", "/cases/" + caseId + "/visits", DIBAO_VISIT)
                .expectStatus()
                .isOk();
        send(ADVISOR, "POST", "/cases/" + caseId + "/verify", "{}")
                .expectStatus()
                .isOk();
        return caseId;
    }

    private WebTestClient.ResponseSpec send(String token, String method, String uri, String body) {
        return http.method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(uri)
                .headers(h -> h.setBearerAuth(token))
                .header("Content-Type", "application/json")
                .bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec get(String token, String uri) {
        return http.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange();
    }

    private static HouseholdEvent decision(String household, Object fact, String id) {
        return decision(Department.CIVIL_AFFAIRS, household, fact, id);
    }

    private static HouseholdEvent decision(Department department, String household, Object fact, String id) {
        return HouseholdEvent.newBuilder()
                .setEventId(id)
                .setDepartment(department)
                .setOccurredAt(Warnings.AT.plusSeconds(86_400))
                .setReportedAt(Warnings.AT.plusSeconds(86_500))
                .setSubject(new HouseholdNumber(household))
                .setPlatformEventId("platform-" + id)
                .setCommunityCode(COMMUNITY)
                .setFact(fact)
                .build();
    }

    /** The decisions medical insurance received about {@code household} (dibao's are shared with it). */
    private List<AssistanceDecisionShared> decisionsFor(String household) {
        return decisionsFor("medical-insurance", household);
    }

    /** The decisions on {@code decisions.<department>} about {@code household}. */
    private List<AssistanceDecisionShared> decisionsFor(String department, String household) {
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl());
        config.put(SerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, AssistanceDecisionShared.class.getName());
        ConfluentAvroDeserializer<AssistanceDecisionShared> deserializer = new ConfluentAvroDeserializer<>();
        deserializer.configure(config, false);
        String topic = "decisions." + department;
        return readAll(topic).stream()
                .filter(record -> household.equals(record.key()))
                .map(record -> Objects.requireNonNull(deserializer.deserialize(topic, record.value())))
                .toList();
    }

    private String referralOf(UUID caseId, String tier) {
        return db.sql("select id from case_referrals where case_id = :c and tier = :t")
                .bind("c", caseId)
                .bind("t", tier)
                .map(row -> Objects.requireNonNull(row.get(0, UUID.class)).toString())
                .one()
                .block();
    }

    @Test
    void fromVerificationToTheDecisionSharedBack() {
        String household = "H-PLAN-1";
        UUID caseId = verifiedCase(household);

        // the first draft: dibao with the rule that matched, the escort from the organisation with most room
        get(ADVISOR, "/cases/" + caseId + "/plan")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(1)
                .jsonPath("$.status")
                .isEqualTo("DRAFT")
                .jsonPath("$.plan.tier")
                .isEqualTo("COMPREHENSIVE_SERVICE")
                .jsonPath("$.plan.programmes[?(@.code == 'DIBAO')].matchedRule[0]")
                .isEqualTo(List.of("家庭人均月收入低于低保标准 monthly income per head below the dibao line"))
                .jsonPath("$.plan.programmes[?(@.code == 'DIBAO')].estimatedMonthlyAmountFen")
                .isEqualTo(List.of(165000))
                .jsonPath("$.plan.resources[0].serviceItem")
                .isEqualTo("medical.escort");

        // the advisor keeps dibao and the escort: a new version, the first superseded
        send(ADVISOR, "PUT", "/cases/" + caseId + "/plan", DIBAO_AND_ESCORT)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(2)
                .jsonPath("$.committedAmountFen")
                .isEqualTo(165000)
                .jsonPath("$.needsApproval")
                .isEqualTo(false)
                .jsonPath("$.plan.programmes[0].matchedRule")
                .isNotEmpty();
        send(ADVISOR, "POST", "/cases/" + caseId + "/plan/confirm", "{}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CONFIRMED");
        get(ADVISOR, "/cases/" + caseId + "/plan/versions")
                .expectBody()
                .jsonPath("$[*].status")
                .isEqualTo(List.of("SUPERSEDED", "CONFIRMED"));
        get(ADVISOR, "/cases/" + caseId)
                .expectBody()
                .jsonPath("$.stage")
                .isEqualTo("REFERRED")
                .jsonPath("$.tier")
                .isEqualTo("COMPREHENSIVE_SERVICE");
        List<CaseEvent> events =
                await().atMost(Duration.ofSeconds(30)).until(() -> caseEventsOf(caseId.toString()), e -> e.size() >= 6);
        assertThat(events.subList(4, 6))
                .extracting(e -> ((CaseReferred) e.getFact()).getTier())
                .containsExactly(ReferralTier.REFERRAL, ReferralTier.COMPREHENSIVE_SERVICE);
        assertThat(((CaseReferred) events.get(4).getFact()).getOrganisationId()).isEqualTo("org-yangguang-social-work");
        assertThat(((CaseReferred) events.get(5).getFact()).getProgramme()).isEqualTo(Programme.DIBAO);

        // the organisation answers its referral; another organisation may not
        String escort = referralOf(caseId, "REFERRAL");
        send(OTHER_ORGANISATION, "POST", "/referrals/" + escort + "/accept", "{}")
                .expectStatus()
                .isForbidden();
        get(ORGANISATION, "/referrals")
                .expectBody()
                .jsonPath("$[?(@.id == '" + escort + "')].status")
                .isEqualTo(List.of("PROPOSED"));
        send(ORGANISATION, "POST", "/referrals/" + escort + "/accept", "{}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("ACCEPTED");
        send(ORGANISATION, "POST", "/referrals/" + escort + "/accept", "{}")
                .expectStatus()
                .isEqualTo(409);
        send(ADVISOR, "POST", "/cases/" + caseId + "/close", "{\"outcome\": \"NEEDS_MET\"}")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("2 referral(s) still open"));
        send(
                        ORGANISATION,
                        "POST",
                        "/referrals/" + escort + "/report",
                        "{\"feedback\": \"escorted to three follow-up visits\", \"completed\": true}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("COMPLETED");

        // civil affairs grants dibao: the application closes, the decision is shared back, the case closes
        HouseholdEvent granted = decision(
                household,
                AssistanceGranted.newBuilder()
                        .setProgramme(Programme.DIBAO)
                        .setMonthlyAmountFen(165000L)
                        .setStartDate(LocalDate.parse("2026-12-01"))
                        .build(),
                "CA-grant-" + household);
        publish(HOUSEHOLD_EVENTS, household, granted);
        publish(HOUSEHOLD_EVENTS, household, granted);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !decisionsFor(household).isEmpty());
        List<CaseEvent> all = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> caseEventsOf(caseId.toString()),
                        e -> e.get(e.size() - 1).getFact() instanceof CaseClosed);
        assertThat(((CaseClosed) all.get(all.size() - 1).getFact()).getOutcome())
                .isEqualTo(CaseOutcome.ASSISTED);
        AssistanceDecisionShared shared = decisionsFor(household).get(0);
        assertThat(shared.getDecision()).isEqualTo(DecisionKind.GRANTED);
        assertThat(shared.getProgramme()).isEqualTo(Programme.DIBAO);
        assertThat(shared.getRecipients()).contains(Department.MEDICAL_INSURANCE);
        assertThat(shared.getCaseId()).isEqualTo(caseId.toString());
        assertThat(shared.getMonthlyAmountFen()).isEqualTo(165000L);
        // the same decision delivered twice is shared once
        applied(
                household,
                decision(
                        household,
                        AssistanceGranted.newBuilder()
                                .setProgramme(Programme.DIBAO)
                                .setStartDate(LocalDate.parse("2026-12-01"))
                                .build(),
                        "CA-grant-again-" + household));
        assertThat(decisionsFor(household)).hasSize(1);
        assertThat(audit.entriesFor(caseId).collectList().block())
                .anySatisfy(entry -> {
                    assertThat(entry.actor()).isEqualTo("staff-legal");
                    assertThat(entry.allowed()).isFalse();
                })
                .anySatisfy(entry -> assertThat(entry.detail()).isEqualTo("plan confirmed"));
    }

    @Test
    void aPlanAboveTheAmountWaitsForASupervisorWhoDidNotWriteIt() {
        UUID caseId = verifiedCase("H-PLAN-2");
        String generous = """
                {"tier": "COMPREHENSIVE_SERVICE", "programmes": ["DIBAO"], "resources": [],
                 "oneOffAssistanceFen": 500000, "note": "temporary assistance for the hospital bill"}
                """;
        send(ADVISOR, "PUT", "/cases/" + caseId + "/plan", generous)
                .expectBody()
                .jsonPath("$.needsApproval")
                .isEqualTo(true);
        send(ADVISOR, "POST", "/cases/" + caseId + "/plan/confirm", "{}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("PENDING_APPROVAL");
        get(ADVISOR, "/cases/" + caseId).expectBody().jsonPath("$.stage").isEqualTo("VERIFIED");
        // an advisor cannot approve at all; a supervisor who wrote the plan cannot approve it
        send(ADVISOR, "POST", "/cases/" + caseId + "/plan/approve", "{}")
                .expectStatus()
                .isForbidden();
        send(SUPERVISOR, "PUT", "/cases/" + caseId + "/plan", generous)
                .expectStatus()
                .isOk();
        send(SUPERVISOR, "POST", "/cases/" + caseId + "/plan/confirm", "{}")
                .expectStatus()
                .isOk();
        send(SUPERVISOR, "POST", "/cases/" + caseId + "/plan/approve", "{}")
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("maker-checker"));
        String otherSupervisor = supervisor("supervisor-chaoyang", "110105");
        send(otherSupervisor, "POST", "/cases/" + caseId + "/plan/approve", "{\"note\": \"checked the bill\"}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CONFIRMED")
                .jsonPath("$.decidedBy")
                .isEqualTo("supervisor-chaoyang");
        get(ADVISOR, "/cases/" + caseId).expectBody().jsonPath("$.stage").isEqualTo("REFERRED");
    }

    @Test
    void aRefusedApplicationMakesThePlanDueAgain() {
        String household = "H-PLAN-3";
        UUID caseId = appliedForDibao(household);
        publish(
                HOUSEHOLD_EVENTS,
                household,
                decision(
                        household,
                        AssistanceApplicationRejected.newBuilder()
                                .setProgramme(Programme.DIBAO)
                                .setReason(RejectionReason.INCOME_ABOVE_LINE)
                                .build(),
                        "CA-reject-" + household));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "REJECTED"
                        .equals(db.sql("select status from case_referrals where case_id = :c")
                                .bind("c", caseId)
                                .map(row -> row.get(0, String.class))
                                .one()
                                .block()));
        get(ADVISOR, "/cases/" + caseId)
                .expectBody()
                .jsonPath("$.stage")
                .isEqualTo("REFERRED")
                .jsonPath("$.dueStep")
                .isEqualTo("PLAN")
                .jsonPath("$.notes[?(@.text =~ /.*refused.*/)]")
                .isNotEmpty();
        assertThat(decisionsFor(household)).isEmpty();
    }

    @Test
    void badPlansAreRefusedNamingTheField() {
        UUID caseId = verifiedCase("H-PLAN-4");
        send(
                        ADVISOR,
                        "PUT",
                        "/cases/" + caseId + "/plan",
                        "{\"tier\": \"COMPREHENSIVE_SERVICE\", \"programmes\": [\"NO_SUCH\"], \"resources\": []}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("programmes[0]");
        send(
                        ADVISOR,
                        "PUT",
                        "/cases/" + caseId + "/plan",
                        "{\"tier\": \"REFERRAL\", \"programmes\": [], \"resources\": [{\"serviceItem\":"
                                + " \"medical.escort\", \"organisationId\": \"org-chaoyang-volunteers\"}]}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("resources[0]");
        send(ADVISOR, "POST", "/cases/" + caseId + "/plan/approve", "{}")
                .expectStatus()
                .isForbidden();
        send(SUPERVISOR, "POST", "/cases/" + caseId + "/plan/approve", "{}")
                .expectStatus()
                .isEqualTo(409);
    }

    /** A confirmed plan applying for dibao alone: the case is referred, its one application waits. */
    private UUID appliedForDibao(String household) {
        UUID caseId = verifiedCase(household);
        send(
                        ADVISOR,
                        "PUT",
                        "/cases/" + caseId + "/plan",
                        "{\"tier\": \"COMPREHENSIVE_SERVICE\", \"programmes\": [\"DIBAO\"], \"resources\": [],"
                                + " \"oneOffAssistanceFen\": 0}")
                .expectStatus()
                .isOk();
        send(ADVISOR, "POST", "/cases/" + caseId + "/plan/confirm", "{}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CONFIRMED");
        return caseId;
    }

    /**
     * Publishes {@code events} for {@code household}, then a registration change behind them on the same partition,
     * and waits until it is kept: by then {@code events} were applied.
     */
    private void applied(String household, HouseholdEvent... events) {
        publish(HOUSEHOLD_EVENTS, household, events);
        publish(HOUSEHOLD_EVENTS, household, Warnings.moved(household, COMMUNITY, "王建国", "13800000009"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ("platform-moved-" + household)
                        .equals(db.sql("select source_event_id from household_contacts where household_number = :h")
                                .bind("h", household)
                                .map(row -> row.get(0, String.class))
                                .one()
                                .block()));
    }

    private String applicationStatus(UUID caseId) {
        return db.sql("select status from case_referrals where case_id = :c")
                .bind("c", caseId)
                .map(row -> row.get(0, String.class))
                .one()
                .block();
    }

    @Test
    void aDecisionFromADepartmentNotCompetentForTheProgrammeIsRefusedKeptAndCounted() {
        String household = "H-PLAN-5";
        UUID caseId = appliedForDibao(household);
        AssistanceGranted dibao = AssistanceGranted.newBuilder()
                .setProgramme(Programme.DIBAO)
                .setMonthlyAmountFen(165000L)
                .setStartDate(LocalDate.parse("2026-12-01"))
                .build();

        // health "grants" dibao, twice: dibao is civil affairs' programme
        HouseholdEvent fromHealth = decision(Department.HEALTH, household, dibao, "HE-grant-" + household);
        applied(household, fromHealth, fromHealth);

        assertThat(applicationStatus(caseId)).isEqualTo("APPLIED");
        get(ADVISOR, "/cases/" + caseId).expectBody().jsonPath("$.stage").isEqualTo("REFERRED");
        assertThat(decisionsFor(household)).isEmpty();
        assertThat(decisionsFor("health", household)).isEmpty();
        assertThat(decisionsFor("civil-affairs", household)).isEmpty();
        List<Map<String, Object>> refused = db.sql("select department, programme, programme_code, case_id, reason,"
                        + " platform_event_id from refused_decisions where household_number = :h")
                .bind("h", household)
                .fetch()
                .all()
                .collectList()
                .block();
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0))
                .containsEntry("department", "HEALTH")
                .containsEntry("programme", "DIBAO")
                .containsEntry("programme_code", "DIBAO")
                .containsEntry("case_id", caseId)
                .containsEntry("platform_event_id", "platform-HE-grant-" + household);
        assertThat((String) refused.get(0).get("reason"))
                .startsWith("NOT_COMPETENT")
                .contains("run by CIVIL_AFFAIRS, not HEALTH");
        assertThat(meters.counter("referral.decisions.refused", "department", "HEALTH", "reason", "NOT_COMPETENT")
                        .count())
                .isEqualTo(1.0);

        // civil affairs, which runs dibao, grants it: applied, the case closes
        publish(HOUSEHOLD_EVENTS, household, decision(household, dibao, "CA-grant-" + household));
        await().atMost(Duration.ofSeconds(30)).until(() -> "GRANTED".equals(applicationStatus(caseId)));
        List<CaseEvent> all = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> caseEventsOf(caseId.toString()),
                        e -> e.get(e.size() - 1).getFact() instanceof CaseClosed);
        assertThat(((CaseClosed) all.get(all.size() - 1).getFact()).getOutcome())
                .isEqualTo(CaseOutcome.ASSISTED);
    }

    @Test
    void aGrantGoesOnlyToTheDepartmentThatRunsTheProgrammeAndThoseItsSharingRuleNames() {
        String household = "H-PLAN-6";
        UUID caseId = appliedForDibao(household);

        publish(
                HOUSEHOLD_EVENTS,
                household,
                decision(
                        household,
                        AssistanceGranted.newBuilder()
                                .setProgramme(Programme.DIBAO)
                                .setMonthlyAmountFen(165000L)
                                .setStartDate(LocalDate.parse("2026-12-01"))
                                .build(),
                        "CA-grant-" + household));

        // dibao is run by civil affairs and shared with medical insurance, education and housing (the library)
        for (String department : List.of("civil-affairs", "medical-insurance", "education", "housing")) {
            List<AssistanceDecisionShared> received = await().atMost(Duration.ofSeconds(30))
                    .until(() -> decisionsFor(department, household), list -> !list.isEmpty());
            assertThat(received).as(department).hasSize(1);
            assertThat(received.get(0).getCaseId()).isEqualTo(caseId.toString());
            assertThat(received.get(0).getDecidedBy()).isEqualTo(Department.CIVIL_AFFAIRS);
        }
        // the four are distinct events, one per department
        assertThat(List.of("civil-affairs", "medical-insurance", "education", "housing").stream()
                        .map(department ->
                                decisionsFor(department, household).get(0).getEventId())
                        .distinct())
                .hasSize(4);
        // a registration change published after the grant is kept once the grant's batch is committed: by then
        // every decision is in the outbox; once the ones above are relayed, the others would be too
        applied(household);
        for (String department : List.of(
                "health",
                "human-resources-social-security",
                "disabled-persons-federation",
                "justice",
                "emergency-management",
                "utilities",
                "community")) {
            assertThat(decisionsFor(department, household)).as(department).isEmpty();
        }
        assertThat(db.sql("select count(*) from case_outbox where case_id = :c and topic like 'decisions.%'")
                        .bind("c", caseId)
                        .map(row -> row.get(0, Long.class))
                        .one()
                        .block())
                .isEqualTo(4L);
    }

    @Test
    void aProgrammeTheAdvisorAddedWithoutAnAmountWaitsForASupervisor() {
        UUID caseId = verifiedCase("H-PLAN-7");
        // dibao, proposed by the rules with its amount: no approval needed
        send(ADVISOR, "PUT", "/cases/" + caseId + "/plan", DIBAO_AND_ESCORT)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.needsApproval")
                .isEqualTo(false)
                .jsonPath("$.approvalReasons")
                .isEmpty();
        // housing aid added against the rules (the home is not dangerous): nothing estimated its amount
        String withHousingAid = """
                {"tier": "COMPREHENSIVE_SERVICE", "programmes": ["DIBAO", "HOUSING_AID"], "resources": [],
                 "oneOffAssistanceFen": 0, "note": "the roof leaks; housing aid asked for"}
                """;
        send(ADVISOR, "PUT", "/cases/" + caseId + "/plan", withHousingAid)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.committedAmountFen")
                .isEqualTo(165000)
                .jsonPath("$.needsApproval")
                .isEqualTo(true)
                .jsonPath("$.approvalReasons.length()")
                .isEqualTo(1)
                .jsonPath("$.approvalReasons[0].kind")
                .isEqualTo("AMOUNT_UNKNOWN")
                .jsonPath("$.approvalReasons[0].programme")
                .isEqualTo("HOUSING_AID")
                .jsonPath("$.approvalReasons[0].explanation")
                .value(text -> assertThat((String) text).contains("added by the advisor"));
        send(ADVISOR, "POST", "/cases/" + caseId + "/plan/confirm", "{}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("PENDING_APPROVAL")
                .jsonPath("$.decisionNote")
                .value(note -> assertThat((String) note).contains("HOUSING_AID"));
        get(ADVISOR, "/cases/" + caseId).expectBody().jsonPath("$.stage").isEqualTo("VERIFIED");
        send(SUPERVISOR, "POST", "/cases/" + caseId + "/plan/approve", "{\"note\": \"roof checked\"}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CONFIRMED");
        get(ADVISOR, "/cases/" + caseId).expectBody().jsonPath("$.stage").isEqualTo("REFERRED");
    }
}
