package org.zhengce.referral.worklists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.zhengce.events.HouseholdWarningEvent;
import org.zhengce.events.WarningLevel;
import org.zhengce.referral.MutableClock;
import org.zhengce.referral.ReferralStackTest;
import org.zhengce.referral.Warnings;
import org.zhengce.referral.audit.AuditLog;
import org.zhengce.referral.deadlines.DeadlineWatch;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's worklists: an advisor's own cases by urgency then deadline, a supervisor's area with its filters,
 * the advisors to re-assign to; a page at a time, inside the caller's jurisdictions.
 *
 * <p>The fixture, made once for the class: in 建国里 (only advisor-wang-fang covers it) an urgent case A, two cases
 * in stages B and C (C's warning an hour later, so due later) and a long-term case D; in 光华里 (advisor-li-na's)
 * a case F whose plan waits for approval; in 雅宝里 (no advisor) a case E owned by the 朝外 supervisor.
 */
@TestPropertySource(properties = "referral.cases.deadline-sweep=1h")
class WorklistTests extends ReferralStackTest {

    private static final String JIANGUOLI = "110105001002";
    private static final String GUANGHUALI = "110105001003";
    private static final String YABAOLI = "110105002003";
    private static final Instant START = Warnings.AT.plusSeconds(3600);
    /** After A's visit deadline (24 hours) and before the others' (three working days). */
    private static final Instant THURSDAY = Instant.parse("2026-12-03T00:00:00Z");

    private static final String WANG_FANG = advisor("advisor-wang-fang", "110105001001", JIANGUOLI);
    private static final String LI_NA = advisor("advisor-li-na", "110105001001", GUANGHUALI);
    private static final String JIANWAI = supervisor("supervisor-jianwai", "110105001");
    private static final String CHAOWAI = supervisor("supervisor-chaowai", "110105002");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(START);
        }
    }

    @Autowired
    MutableClock clock;

    @Autowired
    DatabaseClient db;

    @Autowired
    AuditLog audit;

    @Autowired
    DeadlineWatch deadlines;

    private static final Map<String, UUID> CASES = new java.util.HashMap<>();

    @BeforeEach
    void fixture() {
        clock.set(START);
        if (!CASES.isEmpty()) {
            return;
        }
        open("H-WL-A", JIANGUOLI, WarningLevel.RED, Warnings.AT);
        open("H-WL-B", JIANGUOLI, WarningLevel.YELLOW, Warnings.AT);
        open("H-WL-C", JIANGUOLI, WarningLevel.YELLOW, Warnings.AT.plusSeconds(3600));
        open("H-WL-D", JIANGUOLI, WarningLevel.BLUE, Warnings.AT);
        open("H-WL-E", YABAOLI, WarningLevel.YELLOW, Warnings.AT);
        UUID f = open("H-WL-F", GUANGHUALI, WarningLevel.YELLOW, Warnings.AT);
        send(LI_NA, "/cases/" + f + "/visits", "POST", "{\"needs\": []}");
        send(LI_NA, "/cases/" + f + "/verify", "POST", "{}");
        send(
                LI_NA,
                "/cases/" + f + "/plan",
                "PUT",
                "{\"tier\": \"TRACKING\", \"programmes\": [], \"resources\": [], \"oneOffAssistanceFen\": 500000}");
        send(LI_NA, "/cases/" + f + "/plan/confirm", "POST", "{}");
    }

    private UUID open(String household, String community, WarningLevel level, Instant at) {
        HouseholdWarningEvent warning = Warnings.raised("w-" + household, household, community, level);
        warning.setOccurredAt(at);
        publish(WARNINGS, household, warning);
        UUID id = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> db.sql("select id from cases where household_number = :h")
                                .bind("h", household)
                                .map(row -> row.get(0, UUID.class))
                                .one()
                                .blockOptional(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        CASES.put(household, id);
        return id;
    }

    private void send(String token, String uri, String method, String body) {
        http.method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(uri)
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk();
    }

    private WebTestClient.ResponseSpec get(String token, String uri) {
        return http.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange();
    }

    private static JsonNode json(EntityExchangeResult<byte[]> result) {
        return JSON.readTree(result.getResponseBody());
    }

    /** Every item of the list at {@code uri}, following the Link from page to page; how many pages it took. */
    private List<JsonNode> all(String token, String uri, int[] pages) {
        List<JsonNode> items = new ArrayList<>();
        String next = uri;
        while (next != null) {
            EntityExchangeResult<byte[]> page =
                    get(token, next).expectStatus().isOk().expectBody().returnResult();
            json(page).forEach(items::add);
            pages[0]++;
            String link = page.getResponseHeaders().getFirst(HttpHeaders.LINK);
            next = link == null ? null : link.substring(1, link.indexOf('>'));
        }
        return items;
    }

    private static List<String> households(List<JsonNode> items) {
        return items.stream()
                .map(item -> item.get("householdNumber").asString())
                .toList();
    }

    @Test
    void mineIsSortedByUrgencyThenDueAndComesAPageAtATime() {
        int[] pages = {0};
        List<JsonNode> mine = all(WANG_FANG, "/cases/mine?limit=3", pages);
        assertThat(households(mine)).containsExactly("H-WL-A", "H-WL-B", "H-WL-C", "H-WL-D");
        assertThat(pages[0]).isEqualTo(2);
        assertThat(mine)
                .extracting(item -> item.get("urgency").asString())
                .containsExactly("SOLVE_NOW", "IN_STAGES", "IN_STAGES", "LONG_TERM");
        assertThat(audit.entriesFor(CASES.get("H-WL-A")).collectList().block())
                .anySatisfy(entry -> assertThat(entry.detail()).isEqualTo("mine"));

        assertThat(households(all(LI_NA, "/cases/mine", pages))).containsExactly("H-WL-F");
        assertThat(households(all(WANG_FANG, "/cases/mine?stage=assigned&community=" + JIANGUOLI, pages)))
                .containsExactly("H-WL-A", "H-WL-B", "H-WL-C", "H-WL-D");
        assertThat(households(all(WANG_FANG, "/cases/mine?stage=VERIFIED", pages)))
                .isEmpty();
        assertThat(households(all(WANG_FANG, "/cases/mine?overdue=true", pages)))
                .isEmpty();
        clock.set(THURSDAY);
        assertThat(households(all(WANG_FANG, "/cases/mine?overdue=true", pages)))
                .containsExactly("H-WL-A");
        assertThat(households(all(WANG_FANG, "/cases/mine?overdue=false", pages)))
                .containsExactly("H-WL-B", "H-WL-C", "H-WL-D");

        get(WANG_FANG, "/cases/mine?community=110105002001").expectStatus().isForbidden();
        get(WANG_FANG, "/cases/mine?stage=LOST")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("stage");
        get(WANG_FANG, "/cases/mine?overdue=maybe")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("overdue");
        get(JIANWAI, "/cases/mine").expectStatus().isForbidden();
    }

    @Test
    void worklistShowsTheAreasOpenCasesWithPlanStatusAndEscalation() {
        List<JsonNode> street = all(JIANWAI, "/worklist?area=110105001", new int[1]);
        assertThat(households(street)).containsExactly("H-WL-A", "H-WL-B", "H-WL-C", "H-WL-F", "H-WL-D");
        JsonNode f = street.get(3);
        assertThat(f.get("planStatus").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(f.get("escalated").asBoolean()).isFalse();
        assertThat(f.get("ownerId").asString()).isEqualTo("advisor-li-na");
        assertThat(f.get("version").asLong()).isPositive();
        assertThat(street.get(0).get("planStatus").isNull()).isTrue();

        assertThat(households(all(JIANWAI, "/worklist?area=110105001&community=" + GUANGHUALI, new int[1])))
                .containsExactly("H-WL-F");
        // without an area: every community the supervisor covers
        assertThat(households(all(JIANWAI, "/worklist", new int[1]))).hasSize(5);
        int[] pages = {0};
        assertThat(households(all(JIANWAI, "/worklist?area=110105001&limit=2", pages)))
                .containsExactly("H-WL-A", "H-WL-B", "H-WL-C", "H-WL-F", "H-WL-D");
        assertThat(pages[0]).isEqualTo(3);
    }

    @Test
    void worklistFiltersOverdueEscalatedAndApproval() {
        assertThat(households(all(JIANWAI, "/worklist?area=110105001&filter=approval", new int[1])))
                .containsExactly("H-WL-F");
        assertThat(households(all(JIANWAI, "/worklist?area=110105001&filter=overdue", new int[1])))
                .isEmpty();

        List<JsonNode> unowned = all(CHAOWAI, "/worklist?area=110105002&filter=escalated", new int[1]);
        assertThat(households(unowned)).containsExactly("H-WL-E");
        assertThat(unowned.get(0).get("escalated").asBoolean()).isTrue();
        assertThat(unowned.get(0).get("ownerRole").asString()).isEqualTo("SUPERVISOR");

        // Thursday: A's visit is overdue; once the deadline is escalated it is the supervisor's to act on
        clock.set(THURSDAY);
        assertThat(households(all(JIANWAI, "/worklist?area=110105001&filter=overdue", new int[1])))
                .containsExactly("H-WL-A");
        deadlines.sweep().block(Duration.ofSeconds(30));
        List<JsonNode> escalated = all(JIANWAI, "/worklist?area=110105001&filter=escalated", new int[1]);
        assertThat(households(escalated)).containsExactly("H-WL-A");
        assertThat(escalated.get(0).get("escalated").asBoolean()).isTrue();

        get(JIANWAI, "/worklist?filter=late")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("filter");
        get(JIANWAI, "/worklist?area=11010500")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("area");
        get(JIANWAI, "/worklist?area=110105001&community=110105002001")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("community");
    }

    @Test
    void anotherAreasWorklistIsRefusedAndAudited() {
        get(JIANWAI, "/worklist?area=110105002")
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        get(JIANWAI, "/worklist?area=110105").expectStatus().isForbidden();
        assertThat(db.sql("select count(*) from audit_log where actor = 'supervisor-jianwai' and outcome = 'REFUSED'"
                                + " and community_code = '110105002' and detail = 'worklist outside jurisdiction'")
                        .map(row -> row.get(0, Long.class))
                        .one()
                        .block())
                .isEqualTo(1L);
        get(WANG_FANG, "/worklist?area=110105001002").expectStatus().isForbidden();
    }

    @Test
    void advisorsOfACommunityWithTheirOpenCasesForReassignment() {
        int[] pages = {0};
        List<JsonNode> advisors = all(JIANWAI, "/advisors?community=110105001001&limit=1", pages);
        assertThat(pages[0]).isEqualTo(2);
        assertThat(advisors)
                .extracting(a -> a.get("id").asString())
                .containsExactly("advisor-li-na", "advisor-wang-fang");
        assertThat(advisors).extracting(a -> a.get("openCases").asInt()).containsExactly(1, 4);
        assertThat(advisors.get(0).get("name").asString()).isNotBlank();
        assertThat(advisors.get(0).get("kind").asString()).isNotBlank();

        get(JIANWAI, "/advisors?community=110105002001").expectStatus().isForbidden();
        get(JIANWAI, "/advisors")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("community");
        get(WANG_FANG, "/advisors?community=110105001001").expectStatus().isForbidden();
    }
}
