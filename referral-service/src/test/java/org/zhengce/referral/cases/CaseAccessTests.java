package org.zhengce.referral.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.zhengce.events.CaseAssigned;
import org.zhengce.events.CaseEvent;
import org.zhengce.events.WarningLevel;
import org.zhengce.referral.ReferralStackTest;
import org.zhengce.referral.Warnings;
import org.zhengce.referral.audit.AuditAction;
import org.zhengce.referral.audit.AuditEntry;
import org.zhengce.referral.audit.AuditLog;
import reactor.test.StepVerifier;

/** Who may see and change a case, what they see, and the audit trail every attempt leaves. */
class CaseAccessTests extends ReferralStackTest {

    private static final String HOUSEHOLD = "H-ACCESS-1";
    private static final String COMMUNITY = "110105001001";
    private static final String OWN_ADVISOR = advisor("advisor-wang-fang", "110105001001", "110105001002");
    private static final String OTHER_ADVISOR = advisor("advisor-zhang-wei", "110105002001", "110105002002");
    private static final String STREET_SUPERVISOR = supervisor("supervisor-jianwai", "110105001");

    @Autowired
    AuditLog audit;

    @Autowired
    DatabaseClient db;

    private static UUID caseId;

    /** Once per class (the database is the class's): a registered household with an open case. */
    @BeforeEach
    void openACase() {
        if (caseId != null) {
            return;
        }
        publish(HOUSEHOLD_EVENTS, HOUSEHOLD, Warnings.registered(HOUSEHOLD, COMMUNITY, "王建国", "13800000001"));
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> db.sql("select count(*) from household_contacts where household_number = :h")
                                .bind("h", HOUSEHOLD)
                                .map(row -> row.get(0, Long.class))
                                .one()
                                .block(),
                        count -> count == 1);
        publish(WARNINGS, HOUSEHOLD, Warnings.raised("w-access-1", HOUSEHOLD, COMMUNITY, WarningLevel.YELLOW));
        caseId = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> db.sql("select id from cases where household_number = :h")
                                .bind("h", HOUSEHOLD)
                                .map(row -> row.get(0, UUID.class))
                                .one()
                                .blockOptional(),
                        Optional::isPresent)
                .orElseThrow();
    }

    private List<AuditEntry> auditOf(UUID id) {
        return audit.entriesFor(id).collectList().block();
    }

    @Test
    void advisorOfTheCommunitySeesTheCaseWithContactDetailsAndTheReadIsAudited() {
        int before = auditOf(caseId).size();
        http.get()
                .uri("/cases/{id}", caseId)
                .headers(h -> h.setBearerAuth(OWN_ADVISOR))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.contact.headName")
                .isEqualTo("王建国")
                .jsonPath("$.contact.phone")
                .isEqualTo("13800000001")
                .jsonPath("$.ownerId")
                .exists();
        List<AuditEntry> entries = auditOf(caseId);
        assertThat(entries).hasSize(before + 1);
        AuditEntry read = entries.get(entries.size() - 1);
        assertThat(read.actor()).isEqualTo("advisor-wang-fang");
        assertThat(read.action()).isEqualTo(AuditAction.READ);
        assertThat(read.allowed()).isTrue();
        assertThat(read.communityCode()).isEqualTo(COMMUNITY);
        assertThat(read.actorJurisdictions()).containsExactly("110105001001", "110105001002");
    }

    @Test
    void advisorOfAnotherCommunityIsRefusedAndTheAttemptIsAudited() {
        http.get()
                .uri("/cases/{id}", caseId)
                .headers(h -> h.setBearerAuth(OTHER_ADVISOR))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.contact")
                .doesNotExist();
        assertThat(auditOf(caseId)).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("advisor-zhang-wei");
            assertThat(entry.allowed()).isFalse();
            assertThat(entry.detail()).isEqualTo("outside jurisdiction");
        });
        http.get()
                .uri("/cases?community={c}", COMMUNITY)
                .headers(h -> h.setBearerAuth(OTHER_ADVISOR))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void everyCaseOfACommunityListIsAuditedAsRead() {
        int before = auditOf(caseId).size();
        http.get()
                .uri("/cases?community={c}", COMMUNITY)
                .headers(h -> h.setBearerAuth(STREET_SUPERVISOR))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.householdNumber == 'H-ACCESS-1')].contact.headName")
                .isEqualTo("王建国");
        assertThat(auditOf(caseId)).hasSize(before + 1).last().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("supervisor-jianwai");
            assertThat(entry.detail()).isEqualTo("list");
        });
    }

    @Test
    void contactDetailsAreShownOnlyToUsersOfTheHouseholdsCommunity() {
        String household = "H-MOVED-1";
        publish(HOUSEHOLD_EVENTS, household, Warnings.moved(household, "110105002001", "李秀英", "13900000002"));
        // the warning still names the old community: the case is there, the household now lives elsewhere
        publish(WARNINGS, household, Warnings.raised("w-moved-1", household, COMMUNITY, WarningLevel.BLUE));
        String list = "/cases?community=" + COMMUNITY;
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http.get()
                        .uri(list)
                        .headers(h -> h.setBearerAuth(OWN_ADVISOR))
                        .exchange()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody()
                        .contains(household));
        http.get()
                .uri(list)
                .headers(h -> h.setBearerAuth(OWN_ADVISOR))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.householdNumber == 'H-MOVED-1')].contact")
                .isEqualTo(java.util.Collections.singletonList(null));
    }

    @Test
    void supervisorReassignsTheCaseToAnotherAdvisorOfTheCommunity() {
        String before = http.get()
                .uri("/cases/{id}", caseId)
                .headers(h -> h.setBearerAuth(STREET_SUPERVISOR))
                .exchange()
                .expectBody(CaseView.class)
                .returnResult()
                .getResponseBody()
                .ownerId();
        String target = before.equals("advisor-li-na") ? "advisor-wang-fang" : "advisor-li-na";
        http.post()
                .uri("/cases/{id}/assign", caseId)
                .headers(h -> h.setBearerAuth(STREET_SUPERVISOR))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("advisorId", target))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.ownerId")
                .isEqualTo(target);

        List<CaseEvent> events = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> caseEventsOf(caseId.toString()),
                        all -> all.stream()
                                .anyMatch(
                                        e -> e.getFact() instanceof CaseAssigned a && target.equals(a.getAdvisorId())));
        CaseEvent reassigned = events.get(events.size() - 1);
        assertThat(reassigned.getActor()).isEqualTo("supervisor-jianwai");
        assertThat(((CaseAssigned) reassigned.getFact()).getPreviousAdvisorId()).isEqualTo(before);
        assertThat(auditOf(caseId)).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo(AuditAction.CHANGE);
            assertThat(entry.actor()).isEqualTo("supervisor-jianwai");
        });
    }

    @Test
    void reassignmentToAnAdvisorOutsideTheCommunityIsABadRequestNamingTheField() {
        http.post()
                .uri("/cases/{id}/assign", caseId)
                .headers(h -> h.setBearerAuth(STREET_SUPERVISOR))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("advisorId", "advisor-zhang-wei"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("advisorId");
    }

    @Test
    void advisorMayNotReassignAndNoTokenIsUnauthenticated() {
        http.post()
                .uri("/cases/{id}/assign", caseId)
                .headers(h -> h.setBearerAuth(OWN_ADVISOR))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("advisorId", "advisor-li-na"))
                .exchange()
                .expectStatus()
                .isForbidden();
        http.get().uri("/cases/{id}", caseId).exchange().expectStatus().isUnauthorized();
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    void adminVerifiesTheAuditTrailAndTheVerificationIsAudited() {
        http.get()
                .uri("/admin/audit-trail/verification")
                .headers(h -> h.setBearerAuth(advisor("advisor-li-na", "110105001001")))
                .exchange()
                .expectStatus()
                .isForbidden();
        http.get()
                .uri("/admin/audit-trail/verification")
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.breach")
                .doesNotExist()
                .jsonPath("$.firstBrokenRow")
                .doesNotExist()
                .jsonPath("$.rowsChecked")
                .value(rows -> assertThat(((Number) rows).longValue()).isPositive());

        assertThat(db.sql("select actor || ' ' || outcome from audit_trail where subject = 'admin' order by seq")
                        .map(row -> row.get(0, String.class))
                        .all()
                        .collectList()
                        .block())
                .containsSubsequence("advisor-li-na REFUSED", "admin-1 ALLOWED");
    }

    @Test
    void runtimeRoleCannotRewriteTheAuditTrail() {
        db.sql("update audit_trail set actor = 'someone else'")
                .then()
                .as(StepVerifier::create)
                .expectErrorMatches(e -> e.getMessage().contains("permission denied"))
                .verify(Duration.ofSeconds(10));
        db.sql("delete from audit_trail")
                .then()
                .as(StepVerifier::create)
                .expectErrorMatches(e -> e.getMessage().contains("permission denied"))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void auditLogRefusesUpdateAndDelete() {
        db.sql("update audit_log set actor = 'someone else'")
                .then()
                .as(StepVerifier::create)
                .expectErrorMatches(e -> e.getMessage().contains("append-only"))
                .verify(Duration.ofSeconds(10));
        db.sql("delete from audit_log")
                .then()
                .as(StepVerifier::create)
                .expectErrorMatches(e -> e.getMessage().contains("append-only"))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void adminManagesJurisdictionsAndPeople() {
        String admin = admin();
        http.post()
                .uri("/admin/jurisdictions")
                .headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", "110105002901", "name", "新社区"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.level")
                .isEqualTo("COMMUNITY")
                .jsonPath("$.parentCode")
                .isEqualTo("110105002");
        http.post()
                .uri("/admin/jurisdictions")
                .headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", "110199001001", "name", "无上级"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("code");
        http.post()
                .uri("/admin/advisors")
                .headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "id",
                        "advisor-new",
                        "name",
                        "新顾问",
                        "kind",
                        "SOCIAL_WORKER",
                        "communities",
                        List.of("110105002901")))
                .exchange()
                .expectStatus()
                .isCreated();
        http.put()
                .uri("/admin/advisors/advisor-new")
                .headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "name",
                        "新顾问",
                        "kind",
                        "COMMUNITY_OFFICE_STAFF",
                        "communities",
                        List.of("110105002901", "110105002003")))
                .exchange()
                .expectStatus()
                .isOk();
        http.post()
                .uri("/admin/advisors")
                .headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "id",
                        "advisor-new",
                        "name",
                        "重复",
                        "kind",
                        "SOCIAL_WORKER",
                        "communities",
                        List.of("110105002901")))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        http.post()
                .uri("/admin/supervisors")
                .headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", "supervisor-new", "name", "新督导", "jurisdictionCode", "110105002"))
                .exchange()
                .expectStatus()
                .isCreated();
        http.post()
                .uri("/admin/organisations")
                .headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "id",
                        "org-new",
                        "name",
                        "新组织",
                        "services",
                        List.of("medical.escort"),
                        "capacity",
                        5,
                        "communities",
                        List.of("110105002901")))
                .exchange()
                .expectStatus()
                .isCreated();
        http.get()
                .uri("/admin/advisors")
                .headers(h -> h.setBearerAuth(admin))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.id == 'advisor-new')].kind")
                .isEqualTo(List.of("COMMUNITY_OFFICE_STAFF"));
        http.get()
                .uri("/admin/advisors")
                .headers(h -> h.setBearerAuth(OWN_ADVISOR))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void demoCityIsLoadedOnceByVersion() {
        assertThat(db.sql("select count(*) from seed_versions")
                        .map(row -> row.get(0, Long.class))
                        .one()
                        .block())
                .isEqualTo(1L);
        assertThat(db.sql("select count(*) from jurisdictions where level = 'COMMUNITY' and code like '1101050%'")
                        .map(row -> row.get(0, Long.class))
                        .one()
                        .block())
                .isGreaterThanOrEqualTo(6L);
        assertThatThrownBy(() -> db.sql("insert into jurisdictions (code, name, level, parent_code)"
                                + " values ('110105003001', 'x', 'COMMUNITY', '110105001')")
                        .then()
                        .block())
                .as("a community's code starts with its street's")
                .isNotNull();
    }
}
