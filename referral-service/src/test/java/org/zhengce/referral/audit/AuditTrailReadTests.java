package org.zhengce.referral.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.zhengce.events.HouseholdWarningEvent;
import org.zhengce.events.WarningLevel;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.MutableClock;
import org.zhengce.referral.ReferralStackTest;
import org.zhengce.referral.Warnings;
import org.zhengce.referral.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail read through {@code GET /audit}: the auditor reads all of it, a supervisor the entries about his
 * area's cases, an advisor nothing; every read (refused ones too) lands in the trail.
 *
 * <p>The fixture, made once for the class: case A in 建国里 (street 建外), case E in 雅宝里 (street 朝外), both opened by
 * a warning; advisor-both (covering both communities) reads A at {@link #FIRST_READ} and E at {@link #SECOND_READ};
 * a complaint about A is read by the 建外 supervisor, and a note naming an identity number is kept on A.
 */
class AuditTrailReadTests extends ReferralStackTest {

    private static final String JIANGUOLI = "110105001002";
    private static final String YABAOLI = "110105002003";
    private static final Instant START = Warnings.AT.plusSeconds(3600);
    private static final Instant FIRST_READ = START.plusSeconds(3600);
    private static final Instant SECOND_READ = START.plusSeconds(7200);
    private static final Instant LATER = START.plusSeconds(10800);
    private static final String IDENTITY_NUMBER = "11010519491231002X";

    private static final String BOTH = advisor("advisor-both", JIANGUOLI, YABAOLI);
    private static final String JIANWAI = supervisor("supervisor-jianwai", "110105001");
    private static final String CHAOWAI = supervisor("supervisor-chaowai", "110105002");
    private static final String AUDITOR = token("auditor-1", List.of("AUDITOR"), List.of());
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, UUID> CASES = new HashMap<>();

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

    @BeforeEach
    void fixture() {
        if (!CASES.isEmpty()) {
            clock.set(LATER);
            return;
        }
        clock.set(START);
        UUID a = open("H-AU-A", JIANGUOLI);
        UUID e = open("H-AU-E", YABAOLI);
        clock.set(FIRST_READ);
        get(BOTH, "/cases/" + a).expectStatus().isOk();
        clock.set(SECOND_READ);
        get(BOTH, "/cases/" + e).expectStatus().isOk();
        Caller<Role> jianwai =
                new Caller<>("supervisor-jianwai", java.util.Set.of(Role.SUPERVISOR), List.of("110105001"));
        audit.recordComplaint(jianwai, AuditAction.READ, UUID.randomUUID(), JIANGUOLI, true, "complaint read")
                .block();
        audit.record(jianwai, AuditAction.CHANGE, a, JIANGUOLI, true, "note naming " + IDENTITY_NUMBER)
                .block();
        clock.set(LATER);
    }

    private UUID open(String household, String community) {
        HouseholdWarningEvent warning = Warnings.raised("w-" + household, household, community, WarningLevel.YELLOW);
        publish(WARNINGS, household, warning);
        UUID id = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> db.sql("select id from cases where household_number = :h")
                                .bind("h", household)
                                .map(row -> row.get(0, UUID.class))
                                .one()
                                .blockOptional(),
                        Optional::isPresent)
                .orElseThrow();
        CASES.put(household, id);
        return id;
    }

    /** GET {@code uri}, its variables encoded (the {@code +} of an offset stays a plus). */
    private WebTestClient.ResponseSpec get(String token, String uri, Object... variables) {
        return http.get()
                .uri(uri, variables)
                .headers(h -> h.setBearerAuth(token))
                .exchange();
    }

    private List<JsonNode> entries(String token, String uri, Object... variables) {
        List<JsonNode> items = new ArrayList<>();
        JSON.readTree(get(token, uri, variables)
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .returnResult()
                        .getResponseBody())
                .forEach(items::add);
        return items;
    }

    private static List<String> texts(List<JsonNode> items, String field) {
        return items.stream().map(item -> text(item, field)).toList();
    }

    private static String text(JsonNode item, String field) {
        JsonNode value = item.get(field);
        return value == null || value.isNull() ? "null" : value.asString();
    }

    private JsonNode problem(String token, String uri, int status) {
        return JSON.readTree(get(token, uri)
                .expectStatus()
                .isEqualTo(status)
                .expectBody()
                .returnResult()
                .getResponseBody());
    }

    @Test
    void supervisorReadsEverythingAboutACaseOfHisArea() {
        UUID a = CASES.get("H-AU-A");
        List<JsonNode> about = entries(JIANWAI, "/audit?caseId=" + a);
        assertThat(texts(about, "subjectId")).isNotEmpty().allMatch(a.toString()::equals);
        assertThat(texts(about, "subject")).allMatch("case"::equals);
        assertThat(texts(about, "actor")).contains("advisor-both", "system:warnings", "supervisor-jianwai");
        assertThat(about)
                .anySatisfy(entry -> assertThat(entry.get("action").asString()).isEqualTo("SYSTEM_CHANGE"))
                .anySatisfy(entry -> {
                    assertThat(entry.get("actor").asString()).isEqualTo("advisor-both");
                    assertThat(entry.get("action").asString()).isEqualTo("READ");
                    assertThat(entry.get("at").asString()).isEqualTo(FIRST_READ.toString());
                    assertThat(entry.get("jurisdiction").asString()).isEqualTo(JIANGUOLI);
                });
        List<Long> seqs = about.stream().map(entry -> entry.get("seq").asLong()).toList();
        assertThat(seqs).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void supervisorOfAnotherAreaIsRefusedTheCaseAndTheRefusalIsAudited() {
        UUID a = CASES.get("H-AU-A");
        JsonNode refused = problem(CHAOWAI, "/audit?caseId=" + a, 403);
        assertThat(refused.get("rule").asString()).isEqualTo("audit.case.outside-jurisdiction");

        assertThat(entries(AUDITOR, "/audit?user=supervisor-chaowai")).anySatisfy(entry -> {
            assertThat(entry.get("subject").asString()).isEqualTo("audit-trail");
            assertThat(entry.get("outcome").asString()).isEqualTo("REFUSED");
            assertThat(entry.get("detail").asString())
                    .contains("caseId=" + a)
                    .contains("audit.case.outside-jurisdiction");
        });
    }

    @Test
    void aUserFilterShowsASupervisorOnlyWhatTheUserDidInHisArea() {
        List<JsonNode> chaowai = entries(CHAOWAI, "/audit?user=advisor-both");
        assertThat(texts(chaowai, "subjectId"))
                .containsExactly(CASES.get("H-AU-E").toString());
        assertThat(texts(chaowai, "jurisdiction")).containsExactly(YABAOLI);

        List<JsonNode> jianwai = entries(JIANWAI, "/audit?user=advisor-both");
        assertThat(texts(jianwai, "subjectId"))
                .containsExactly(CASES.get("H-AU-A").toString());

        assertThat(texts(entries(AUDITOR, "/audit?user=advisor-both"), "subjectId"))
                .containsExactly(
                        CASES.get("H-AU-E").toString(), CASES.get("H-AU-A").toString());
    }

    @Test
    void complaintsAndTheTrailsOwnReadsAreTheAuditorsOnly() {
        List<JsonNode> supervisors = entries(JIANWAI, "/audit?limit=200");
        assertThat(texts(supervisors, "subject")).isNotEmpty().allMatch("case"::equals);
        assertThat(texts(supervisors, "jurisdiction")).allMatch(code -> code.startsWith("110105001"));

        entries(JIANWAI, "/audit");
        List<JsonNode> auditors = entries(AUDITOR, "/audit?user=supervisor-jianwai&limit=200");
        assertThat(texts(auditors, "subject")).contains("complaint", "audit-trail", "case");
        assertThat(entries(AUDITOR, "/audit?limit=200"))
                .extracting(entry -> entry.get("jurisdiction").isNull()
                        ? ""
                        : entry.get("jurisdiction").asString())
                .contains(JIANGUOLI, YABAOLI);
    }

    @Test
    void anAdvisorIsRefusedWithTheRuleAndTheRefusalIsAudited() {
        JsonNode refused = problem(BOTH, "/audit?caseId=" + CASES.get("H-AU-A"), 403);
        assertThat(refused.get("rule").asString()).isEqualTo("audit.read.auditors-and-supervisors-only");
        problem(admin(), "/audit", 403);

        assertThat(entries(AUDITOR, "/audit?user=advisor-both")).anySatisfy(entry -> {
            assertThat(entry.get("subject").asString()).isEqualTo("audit-trail");
            assertThat(entry.get("outcome").asString()).isEqualTo("REFUSED");
            assertThat(entry.get("actorRoles").get(0).asString()).isEqualTo("ADVISOR");
            assertThat(entry.get("subjectId").asString())
                    .isEqualTo(CASES.get("H-AU-A").toString());
        });
    }

    @Test
    void everyReadOfTheTrailIsItselfInTheTrail() {
        UUID a = CASES.get("H-AU-A");
        int before =
                entries(AUDITOR, "/audit?user=supervisor-jianwai&limit=200").size();
        entries(JIANWAI, "/audit?caseId=" + a + "&user=advisor-both");

        List<JsonNode> reads = entries(AUDITOR, "/audit?user=supervisor-jianwai&limit=200");
        assertThat(reads).hasSize(before + 1);
        JsonNode read = reads.get(0);
        assertThat(read.get("subject").asString()).isEqualTo("audit-trail");
        assertThat(read.get("action").asString()).isEqualTo("READ");
        assertThat(read.get("outcome").asString()).isEqualTo("ALLOWED");
        assertThat(read.get("subjectId").asString()).isEqualTo(a.toString());
        assertThat(read.get("at").asString()).isEqualTo(LATER.toString());
        assertThat(read.get("detail").asString()).isEqualTo("caseId=" + a + ", user=advisor-both; 1 entries");
    }

    @Test
    void aPeriodNarrowsTheEntries() {
        List<JsonNode> first = entries(AUDITOR, "/audit?user=advisor-both&from=" + FIRST_READ + "&to=" + SECOND_READ);
        assertThat(texts(first, "subjectId"))
                .containsExactly(CASES.get("H-AU-A").toString());
        List<JsonNode> second = entries(
                AUDITOR,
                "/audit?user=advisor-both&from={from}&to={to}",
                SECOND_READ.atOffset(ZoneOffset.ofHours(8)).toString(),
                LATER.toString());
        assertThat(texts(second, "subjectId"))
                .containsExactly(CASES.get("H-AU-E").toString());
        assertThat(entries(AUDITOR, "/audit?from=" + LATER.plusSeconds(86400))).isEmpty();
    }

    @Test
    void entriesComeAPageAtATimeNewestFirstWithoutRepeats() {
        String uri = "/audit?caseId=" + CASES.get("H-AU-A");
        List<JsonNode> whole = entries(AUDITOR, uri + "&limit=200");
        assertThat(whole.size()).isGreaterThan(2);

        List<Long> paged = new ArrayList<>();
        int pages = 0;
        String next = uri + "&limit=2";
        while (next != null) {
            EntityExchangeResult<byte[]> page =
                    get(AUDITOR, next).expectStatus().isOk().expectBody().returnResult();
            JSON.readTree(page.getResponseBody())
                    .forEach(entry -> paged.add(entry.get("seq").asLong()));
            pages++;
            String link = page.getResponseHeaders().getFirst(HttpHeaders.LINK);
            next = link == null ? null : link.substring(1, link.indexOf('>'));
        }
        assertThat(paged)
                .containsExactlyElementsOf(
                        whole.stream().map(entry -> entry.get("seq").asLong()).toList());
        assertThat(pages).isEqualTo((whole.size() + 1) / 2);
    }

    @Test
    void identityNumbersNeverShow() {
        List<JsonNode> about = entries(AUDITOR, "/audit?caseId=" + CASES.get("H-AU-A") + "&user=supervisor-jianwai");
        assertThat(texts(about, "detail"))
                .anySatisfy(detail -> assertThat(detail).startsWith("note naming "));
        assertThat(texts(about, "detail")).noneMatch(detail -> detail.contains(IDENTITY_NUMBER));
    }

    @Test
    void badParametersAnswer400NamingTheParameter() {
        assertThat(problem(AUDITOR, "/audit?caseId=not-a-case", 400)
                        .get("field")
                        .asString())
                .isEqualTo("caseId");
        assertThat(problem(AUDITOR, "/audit?from=yesterday", 400).get("field").asString())
                .isEqualTo("from");
        assertThat(problem(AUDITOR, "/audit?to=2026-12-01", 400).get("field").asString())
                .isEqualTo("to");
        assertThat(problem(AUDITOR, "/audit?from=" + SECOND_READ + "&to=" + FIRST_READ, 400)
                        .get("field")
                        .asString())
                .isEqualTo("to");
        assertThat(problem(AUDITOR, "/audit?user=" + "x".repeat(200), 400)
                        .get("field")
                        .asString())
                .isEqualTo("user");
        assertThat(problem(AUDITOR, "/audit?limit=0", 400).get("field").asString())
                .isEqualTo("limit");
        assertThat(problem(AUDITOR, "/audit?cursor=nope", 400).get("field").asString())
                .isEqualTo("cursor");
        assertThat(problem(AUDITOR, "/audit?caseId=not-a-case", 400).get("rule").asString())
                .isEqualTo("audit.parameter");
    }
}
