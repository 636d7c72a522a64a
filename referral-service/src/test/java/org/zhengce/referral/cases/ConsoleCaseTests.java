package org.zhengce.referral.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.zhengce.events.Department;
import org.zhengce.events.Dimension;
import org.zhengce.events.WarningLevel;
import org.zhengce.referral.MutableClock;
import org.zhengce.referral.ReferralStackTest;
import org.zhengce.referral.Warnings;
import org.zhengce.referral.audit.AuditAction;
import org.zhengce.referral.audit.AuditEntry;
import org.zhengce.referral.audit.AuditLog;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the web console reads and guards on a case: the warning behind it with its reasons, the case's and the
 * plan's versions ({@code ETag}, {@code If-Match}, 412), the timeline of every step, lists a page at a time.
 */
@TestPropertySource(properties = "referral.cases.deadline-sweep=1h")
class ConsoleCaseTests extends ReferralStackTest {

    /** Only advisor-wang-fang covers this community: its cases are hers. */
    private static final String COMMUNITY = "110105001002";

    private static final String ADVISOR = advisor("advisor-wang-fang", "110105001001", "110105001002");
    private static final String OTHER_ADVISOR = advisor("advisor-zhang-wei", "110105002001", "110105002002");
    private static final Instant START = Warnings.AT.plusSeconds(3600);
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

    @BeforeEach
    void resetClock() {
        clock.set(START);
    }

    private UUID caseOf(String household) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> db.sql("select id from cases where household_number = :h")
                                .bind("h", household)
                                .map(row -> row.get(0, UUID.class))
                                .one()
                                .blockOptional(),
                        Optional::isPresent)
                .orElseThrow();
    }

    private UUID openCase(String household) {
        publish(WARNINGS, household, Warnings.raised("w-" + household, household, COMMUNITY, WarningLevel.YELLOW));
        return caseOf(household);
    }

    private WebTestClient.ResponseSpec get(String token, String uri) {
        return http.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange();
    }

    private WebTestClient.ResponseSpec send(String method, String uri, String ifMatch, String body) {
        return http.method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(uri)
                .headers(h -> {
                    h.setBearerAuth(ADVISOR);
                    if (ifMatch != null) {
                        h.set(HttpHeaders.IF_MATCH, ifMatch);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private static JsonNode json(EntityExchangeResult<byte[]> result) {
        return JSON.readTree(result.getResponseBody());
    }

    @Test
    void caseKeepsTheWarningsReasonsAndModelVersion() {
        String household = "H-CONSOLE-WARN-1";
        publish(
                WARNINGS,
                household,
                Warnings.raised(
                        "w-console-warn-1",
                        household,
                        COMMUNITY,
                        WarningLevel.YELLOW,
                        Warnings.AT,
                        "wuchang-6d-v2",
                        List.of(
                                Warnings.reason(Department.HEALTH, "HE-7", "HospitalAdmitted", Dimension.HEALTH, 30),
                                Warnings.reason(
                                        Department.HUMAN_RESOURCES_SOCIAL_SECURITY,
                                        "HR-3",
                                        "EmploymentEnded",
                                        Dimension.EMPLOYMENT,
                                        25))));
        UUID caseId = caseOf(household);

        EntityExchangeResult<byte[]> read = get(ADVISOR, "/cases/" + caseId)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.warning.warningId")
                .isEqualTo("warning-" + household)
                .jsonPath("$.warning.category")
                .isEqualTo("ASSISTANCE_MISSING")
                .jsonPath("$.warning.level")
                .isEqualTo("YELLOW")
                .jsonPath("$.warning.total")
                .isEqualTo(72)
                .jsonPath("$.warning.threshold")
                .isEqualTo(60)
                .jsonPath("$.warning.modelVersion")
                .isEqualTo("wuchang-6d-v2")
                .jsonPath("$.warning.raisedAt")
                .isEqualTo(Warnings.AT.toString())
                .jsonPath("$.warning.reasons[*].eventType")
                .isEqualTo(List.of("HospitalAdmitted", "EmploymentEnded"))
                .jsonPath("$.warning.reasons[0].department")
                .isEqualTo("HEALTH")
                .jsonPath("$.warning.reasons[0].eventId")
                .isEqualTo("HE-7")
                .jsonPath("$.warning.reasons[0].dimension")
                .isEqualTo("HEALTH")
                .jsonPath("$.warning.reasons[0].points")
                .isEqualTo(30)
                .jsonPath("$.warning.reasons[0].occurredAt")
                .isEqualTo(Warnings.AT.minusSeconds(86_400).toString())
                .returnResult();
        long version = json(read).get("version").asLong();
        assertThat(version).as("opened and assigned").isEqualTo(2);
        assertThat(read.getResponseHeaders().getETag()).isEqualTo("\"" + version + "\"");
        // the community's list shows it too
        get(ADVISOR, "/cases?community=" + COMMUNITY)
                .expectBody()
                .jsonPath("$[?(@.householdNumber == '" + household + "')].warning.modelVersion")
                .isEqualTo(List.of("wuchang-6d-v2"));
    }

    @Test
    void escalationReplacesTheWarningAndKeepsItsThreshold() {
        String household = "H-CONSOLE-WARN-2";
        UUID caseId = openCase(household);
        publish(
                WARNINGS,
                household,
                Warnings.escalated(
                        "w-console-warn-2",
                        household,
                        COMMUNITY,
                        WarningLevel.YELLOW,
                        WarningLevel.ORANGE,
                        List.of(Warnings.reason(
                                Department.CIVIL_AFFAIRS,
                                "CA-9",
                                "AssistanceSuspended",
                                Dimension.ECONOMIC_SITUATION,
                                16))));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "ORANGE"
                        .equals(db.sql("select level from case_warnings where case_id = :c order by id desc limit 1")
                                .bind("c", caseId)
                                .map(row -> row.get(0, String.class))
                                .one()
                                .block()));
        get(ADVISOR, "/cases/" + caseId)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.warning.level")
                .isEqualTo("ORANGE")
                .jsonPath("$.warning.total")
                .isEqualTo(88)
                .jsonPath("$.warning.threshold")
                .isEqualTo(60)
                .jsonPath("$.warning.raisedAt")
                .isEqualTo(Warnings.AT.plusSeconds(3600).toString())
                .jsonPath("$.warning.reasons[*].eventType")
                .isEqualTo(List.of("AssistanceSuspended"))
                .jsonPath("$.urgency")
                .isEqualTo("SOLVE_NOW");
    }

    @Test
    void staleIfMatchIsRefusedWith412AndAFreshOnePasses() {
        UUID caseId = openCase("H-CONSOLE-MATCH-1");
        String seen = get(ADVISOR, "/cases/" + caseId)
                .expectStatus()
                .isOk()
                .expectHeader()
                .cacheControl(org.springframework.http.CacheControl.noStore())
                .returnResult(String.class)
                .getResponseHeaders()
                .getETag();
        assertThat(seen).isEqualTo("\"2\"");

        String visited = send("POST", "/cases/" + caseId + "/visits", seen, "{\"needs\": []}")
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"3\"")
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(3)
                .returnResult()
                .getResponseHeaders()
                .getETag();

        // a second user acting on what they saw before the visit is refused, naming the version now
        send("POST", "/cases/" + caseId + "/verify", seen, "{}")
                .expectStatus()
                .isEqualTo(412)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(412)
                .jsonPath("$.currentVersion")
                .isEqualTo(3);
        get(ADVISOR, "/cases/" + caseId).expectBody().jsonPath("$.stage").isEqualTo("VISITED");
        assertThat(audit.entriesFor(caseId).collectList().block())
                .filteredOn(entry -> entry.action() == AuditAction.CHANGE && !entry.allowed())
                .extracting(AuditEntry::detail)
                .singleElement()
                .satisfies(detail -> assertThat(detail).contains("version 3"));

        send("POST", "/cases/" + caseId + "/verify", visited, "{}")
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"4\"");
        // without If-Match a step is taken on whatever version the case is at
        send("POST", "/cases/" + caseId + "/visits", null, "{\"needs\": []}")
                .expectStatus()
                .isOk();
    }

    @Test
    void twoStepsTakenOnTheSameVersionCannotBothWin() {
        UUID caseId = openCase("H-CONSOLE-MATCH-2");
        List<java.util.concurrent.CompletableFuture<Integer>> racing = List.of("first", "second").stream()
                .map(findings -> java.util.concurrent.CompletableFuture.supplyAsync(() -> send(
                                "POST",
                                "/cases/" + caseId + "/visits",
                                "\"2\"",
                                "{\"findings\": \"" + findings + "\", \"needs\": []}")
                        .returnResult(String.class)
                        .getStatus()
                        .value()))
                .toList();
        assertThat(racing.stream().map(java.util.concurrent.CompletableFuture::join))
                .containsExactlyInAnyOrder(200, 412);
        assertThat(db.sql("select count(*) from case_visits where case_id = :c")
                        .bind("c", caseId)
                        .map(row -> row.get(0, Long.class))
                        .one()
                        .block())
                .isEqualTo(1L);
    }

    @Test
    void staleIfMatchOnAPlanEditIsRefusedWith412NamingWhoChangedIt() {
        UUID caseId = openCase("H-CONSOLE-PLAN-1");
        send("POST", "/cases/" + caseId + "/visits", null, "{\"needs\": []}")
                .expectStatus()
                .isOk();
        send("POST", "/cases/" + caseId + "/verify", null, "{}").expectStatus().isOk();
        get(ADVISOR, "/cases/" + caseId + "/plan")
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"1\"");
        String tracking = "{\"tier\": \"TRACKING\", \"programmes\": [], \"resources\": [], \"reviewIntervalDays\": 14}";
        clock.advance(Duration.ofMinutes(5));
        send("PUT", "/cases/" + caseId + "/plan", "\"1\"", tracking)
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"2\"");

        send("PUT", "/cases/" + caseId + "/plan", "\"1\"", tracking)
                .expectStatus()
                .isEqualTo(412)
                .expectBody()
                .jsonPath("$.currentVersion")
                .isEqualTo(2)
                .jsonPath("$.editedBy")
                .isEqualTo("advisor-wang-fang")
                .jsonPath("$.editedAt")
                .isEqualTo(START.plus(Duration.ofMinutes(5)).toString())
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).startsWith("the plan was changed by advisor-wang-fang"));
        send("POST", "/cases/" + caseId + "/plan/confirm", "\"1\"", "{}")
                .expectStatus()
                .isEqualTo(412);
        send("POST", "/cases/" + caseId + "/plan/confirm", "\"2\"", "{}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CONFIRMED");
    }

    @Test
    void timelineListsEveryStepWithItsActorInOrder() {
        String household = "H-CONSOLE-TIME-1";
        UUID caseId = openCase(household);
        send("POST", "/cases/" + caseId + "/visits", null, "{\"findings\": \"rent behind\", \"needs\": []}")
                .expectStatus()
                .isOk();
        send("POST", "/cases/" + caseId + "/verify", null, "{\"note\": \"confirmed\"}")
                .expectStatus()
                .isOk();
        send(
                        "PUT",
                        "/cases/" + caseId + "/plan",
                        null,
                        "{\"tier\": \"TRACKING\", \"programmes\": [], \"resources\": []}")
                .expectStatus()
                .isOk();
        send("POST", "/cases/" + caseId + "/plan/confirm", null, "{}")
                .expectStatus()
                .isOk();
        publish(WARNINGS, household, Warnings.cleared("w-clear-" + household, household, COMMUNITY));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> db.sql("select close_proposed from cases where id = :id")
                        .bind("id", caseId)
                        .map(row -> row.get(0, Boolean.class))
                        .one()
                        .block());
        send("POST", "/cases/" + caseId + "/close", null, "{\"outcome\": \"NO_LONGER_NEEDED\"}")
                .expectStatus()
                .isOk();

        // two pages: six steps, then the rest from the Link
        EntityExchangeResult<byte[]> first = get(ADVISOR, "/cases/" + caseId + "/timeline?limit=6")
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();
        String link = first.getResponseHeaders().getFirst(HttpHeaders.LINK);
        assertThat(link)
                .startsWith("</cases/" + caseId + "/timeline?limit=6&cursor=")
                .endsWith(">; rel=\"next\"");
        EntityExchangeResult<byte[]> second = get(ADVISOR, link.substring(1, link.indexOf('>')))
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist(HttpHeaders.LINK)
                .expectBody()
                .returnResult();
        List<JsonNode> steps = new ArrayList<>();
        json(first).forEach(steps::add);
        json(second).forEach(steps::add);

        assertThat(steps)
                .extracting(step -> step.get("type").asString())
                .containsExactly(
                        "OPENED",
                        "ASSIGNED",
                        "VISITED",
                        "VERIFIED",
                        "PLAN_DRAFTED",
                        "PLAN_EDITED",
                        "PLAN_CONFIRMED",
                        "REFERRED",
                        "WARNING_CLEARED",
                        "CLOSED");
        assertThat(steps)
                .extracting(step ->
                        step.get("actor").isNull() ? null : step.get("actor").asString())
                .containsExactly(
                        null,
                        null,
                        "advisor-wang-fang",
                        "advisor-wang-fang",
                        "advisor-wang-fang",
                        "advisor-wang-fang",
                        "advisor-wang-fang",
                        "advisor-wang-fang",
                        null,
                        "advisor-wang-fang");
        assertThat(steps)
                .extracting(step -> step.get("stage").asString())
                .containsExactly(
                        "OPENED",
                        "ASSIGNED",
                        "VISITED",
                        "VERIFIED",
                        "VERIFIED",
                        "VERIFIED",
                        "VERIFIED",
                        "REFERRED",
                        "REFERRED",
                        "CLOSED");
        assertThat(steps.get(0).get("text").asString()).contains("warning-" + household, "ASSISTANCE_MISSING YELLOW");
        assertThat(steps.get(1).get("text").asString()).isEqualTo("assigned to advisor-wang-fang");
        assertThat(steps.get(2).get("text").asString()).contains("rent behind");
        assertThat(steps.get(8).get("text").asString()).contains("cleared (ASSISTANCE_GRANTED)");
        assertThat(steps.get(2).get("at").asString()).isEqualTo(START.toString());
        assertThat(audit.entriesFor(caseId).collectList().block())
                .filteredOn(entry -> "timeline".equals(entry.detail()))
                .hasSize(2)
                .allSatisfy(entry -> assertThat(entry.action()).isEqualTo(AuditAction.READ));

        get(OTHER_ADVISOR, "/cases/" + caseId + "/timeline").expectStatus().isForbidden();
        get(ADVISOR, "/cases/" + UUID.randomUUID() + "/timeline").expectStatus().isNotFound();
    }

    @Test
    void casesOfACommunityComeAPageAtATimeWithALinkToTheNext() {
        String community = "110105001001";
        for (int i = 1; i <= 3; i++) {
            String household = "H-CONSOLE-PAGE-" + i;
            publish(WARNINGS, household, Warnings.raised("w-" + household, household, community, WarningLevel.BLUE));
            caseOf(household);
        }
        String supervisor = supervisor("supervisor-jianwai", "110105001");
        EntityExchangeResult<byte[]> first = get(supervisor, "/cases?community=" + community + "&limit=2")
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();
        assertThat(json(first).size()).isEqualTo(2);
        String link = first.getResponseHeaders().getFirst(HttpHeaders.LINK);
        assertThat(link).contains("community=" + community, "limit=2", "cursor=");
        EntityExchangeResult<byte[]> second = get(supervisor, link.substring(1, link.indexOf('>')))
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();
        assertThat(second.getResponseHeaders().getFirst(HttpHeaders.LINK)).isNull();
        List<String> households = new ArrayList<>();
        json(first).forEach(c -> households.add(c.get("householdNumber").asString()));
        json(second).forEach(c -> households.add(c.get("householdNumber").asString()));
        assertThat(households).containsExactlyInAnyOrder("H-CONSOLE-PAGE-1", "H-CONSOLE-PAGE-2", "H-CONSOLE-PAGE-3");
        // without a limit: the first 50, as before
        get(supervisor, "/cases?community=" + community)
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist(HttpHeaders.LINK)
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(3);

        for (Map.Entry<String, String> bad : Map.of(
                        "limit=0", "limit", "limit=201", "limit", "cursor=not-ours", "cursor")
                .entrySet()) {
            get(supervisor, "/cases?community=" + community + "&" + bad.getKey())
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.field")
                    .isEqualTo(bad.getValue());
        }
    }
}
