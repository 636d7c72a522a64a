package org.zhengce.notification.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.zhengce.events.AlertAcknowledged;
import org.zhengce.events.AlertEscalated;
import org.zhengce.events.CaseEvent;
import org.zhengce.events.EscalationReason;
import org.zhengce.events.Urgency;
import org.zhengce.notification.CaseEvents;
import org.zhengce.notification.NotificationStackTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Who is alerted by which case event, once; acknowledgement and escalation; bad case events; who sees what. */
class AlertsFromCaseEventsTests extends NotificationStackTest {

    private static final String JIANWAI_COMMUNITY = "110105001001";
    private static final String CHAOWAI_COMMUNITY = "110105002003";
    private static final Pattern INIT_OAUTH =
            Pattern.compile("ui\\.initOAuth\\(\\s*(\\{.*?\\})\\s*\\)", Pattern.DOTALL);
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Autowired
    DatabaseClient db;

    private static String advisorToken(String id) {
        return advisor(id, JIANWAI_COMMUNITY);
    }

    private static List<AlertView> ofCase(List<AlertView> alerts, UUID caseId) {
        return alerts.stream().filter(a -> a.caseId().equals(caseId)).toList();
    }

    @Test
    void theSameCaseEventConsumedTwiceMakesOneAlert() {
        UUID caseId = CaseEvents.caseId("duplicate");
        String advisor = "advisor-dup";
        CaseEvent assigned = CaseEvents.assigned(caseId, 2, advisor, JIANWAI_COMMUNITY, Urgency.IN_STAGES);
        publish(CASE_EVENTS, caseId.toString(), assigned, assigned);
        publish(CASE_EVENTS, caseId.toString(), assigned);
        // a later event of the same case (same partition): once it is applied, the copies before it were too
        publish(
                CASE_EVENTS,
                caseId.toString(),
                CaseEvents.escalated(
                        caseId, 3, EscalationReason.WARNING_ESCALATED, advisor, JIANWAI_COMMUNITY, Urgency.SOLVE_NOW));

        awaitAlerts(advisorToken(advisor), a -> a.kind() == AlertKind.URGENCY_RAISED, 1);
        List<AlertView> alerts = ofCase(inboxOf(advisorToken(advisor)), caseId);
        assertThat(alerts)
                .extracting(AlertView::kind)
                .containsExactly(AlertKind.CASE_ASSIGNED, AlertKind.URGENCY_RAISED);
        assertThat(alerts).extracting(AlertView::sequence).containsExactly(1L, 2L);
    }

    @Test
    void anAlertKeepsTheTraceOfTheCaseEventThatRaisedIt() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        UUID traced = CaseEvents.caseId("traced");
        UUID untraced = CaseEvents.caseId("untraced");
        String advisor = "advisor-traced";
        publishTraced(
                CASE_EVENTS,
                traced.toString(),
                traceparent,
                CaseEvents.assigned(traced, 2, advisor, JIANWAI_COMMUNITY, Urgency.IN_STAGES));
        publish(
                CASE_EVENTS,
                untraced.toString(),
                CaseEvents.assigned(untraced, 2, advisor, JIANWAI_COMMUNITY, Urgency.IN_STAGES));

        awaitAlerts(advisorToken(advisor), a -> a.kind() == AlertKind.CASE_ASSIGNED, 2);
        assertThat(alertTraces(traced)).containsExactly(traceparent);
        assertThat(alertTraces(untraced)).containsExactly("");
    }

    private List<String> alertTraces(UUID caseId) {
        return db.sql("select coalesce(traceparent, '') from alerts where case_id = :case")
                .bind("case", caseId)
                .map(row -> Objects.requireNonNull(row.get(0, String.class)))
                .all()
                .collectList()
                .block(Duration.ofSeconds(10));
    }

    @Test
    void risingUrgencyAlertsTheCasesCurrentAdvisor() {
        UUID caseId = CaseEvents.caseId("urgency");
        publish(
                CASE_EVENTS,
                caseId.toString(),
                CaseEvents.assigned(caseId, 2, "advisor-first", JIANWAI_COMMUNITY, Urgency.IN_STAGES),
                CaseEvents.assigned(caseId, 3, "advisor-second", JIANWAI_COMMUNITY, Urgency.IN_STAGES),
                // referral names the owner; notification goes by the assignment it saw
                CaseEvents.escalated(
                        caseId, 4, EscalationReason.WARNING_ESCALATED, null, JIANWAI_COMMUNITY, Urgency.SOLVE_NOW));

        List<AlertView> raised =
                awaitAlerts(advisorToken("advisor-second"), a -> a.kind() == AlertKind.URGENCY_RAISED, 1);
        assertThat(raised.get(0).urgency()).isEqualTo("SOLVE_NOW");
        assertThat(ofCase(inboxOf(advisorToken("advisor-first")), caseId))
                .extracting(AlertView::kind)
                .containsExactly(AlertKind.CASE_ASSIGNED);
    }

    @Test
    void aTrackedHouseholdWarnedAgainAlertsTheCasesAdvisorToVisitAgain() {
        UUID caseId = CaseEvents.caseId("reopened");
        publish(
                CASE_EVENTS,
                caseId.toString(),
                CaseEvents.assigned(caseId, 2, "advisor-tracking", JIANWAI_COMMUNITY, Urgency.IN_STAGES),
                CaseEvents.reopened(caseId, 9, "advisor-tracking", JIANWAI_COMMUNITY, Urgency.IN_STAGES));

        List<AlertView> reopened =
                awaitAlerts(advisorToken("advisor-tracking"), a -> a.kind() == AlertKind.CASE_REOPENED, 1);
        assertThat(reopened.get(0).caseId()).isEqualTo(caseId);
        assertThat(reopened.get(0).detail()).contains("visit due");
    }

    @Test
    void aCommunityWithoutAdvisorAlertsTheSupervisorReferralMadeOwner() {
        UUID caseId = CaseEvents.caseId("no-advisor");
        publish(
                CASE_EVENTS,
                caseId.toString(),
                CaseEvents.opened(caseId, CHAOWAI_COMMUNITY, Urgency.IN_STAGES),
                CaseEvents.escalated(
                        caseId,
                        2,
                        EscalationReason.BEYOND_COMPETENCE,
                        "supervisor-chaowai",
                        CHAOWAI_COMMUNITY,
                        Urgency.IN_STAGES));

        String supervisor = supervisor("supervisor-chaowai", "110105002");
        List<AlertView> alerts = awaitAlerts(supervisor, a -> a.caseId().equals(caseId), 1);
        assertThat(alerts.get(0).kind()).isEqualTo(AlertKind.BEYOND_COMPETENCE);
        assertThat(alerts.get(0).detail()).contains(CHAOWAI_COMMUNITY);
    }

    @Test
    void aMissedDeadlineNamingAStreetAlertsThatStreetsSupervisor() {
        UUID caseId = CaseEvents.caseId("deadline");
        publish(
                CASE_EVENTS,
                caseId.toString(),
                CaseEvents.escalated(
                        caseId,
                        5,
                        EscalationReason.DEADLINE_MISSED,
                        "110105001",
                        JIANWAI_COMMUNITY,
                        Urgency.IN_STAGES));

        List<AlertView> alerts = awaitAlerts(
                supervisor("supervisor-jianwai", "110105001"), a -> a.caseId().equals(caseId), 1);
        assertThat(alerts.get(0).kind()).isEqualTo(AlertKind.DEADLINE_MISSED);
    }

    @Test
    void aComplaintAlertsItsOwnerThenTheHandlerItIsEscalatedToThenItsComplainant() {
        UUID caseId = CaseEvents.caseId("complaint");
        String complaint = "6f1c2b1e-0000-4000-8000-000000000019";
        String complainant = "advisor-complainant";
        publish(
                CASE_EVENTS,
                caseId.toString(),
                CaseEvents.complaintFiled(caseId, 7, complaint, complainant, "supervisor-jianwai", JIANWAI_COMMUNITY),
                CaseEvents.complaintEscalated(caseId, 8, complaint, "supervisor-chaoyang", JIANWAI_COMMUNITY),
                CaseEvents.complaintResolved(caseId, 9, complaint, complainant, JIANWAI_COMMUNITY));

        AlertView filed = awaitAlerts(
                        supervisor("supervisor-jianwai", "110105001"),
                        a -> a.caseId().equals(caseId),
                        1)
                .get(0);
        assertThat(filed.kind()).isEqualTo(AlertKind.COMPLAINT_FILED);
        assertThat(filed.detail()).contains(complaint).contains("acknowledge by 2026-12-03T02:00:00Z");
        assertThat(awaitAlerts(
                                supervisor("supervisor-chaoyang", "110105"),
                                a -> a.caseId().equals(caseId),
                                1)
                        .get(0)
                        .kind())
                .isEqualTo(AlertKind.COMPLAINT_ESCALATED);
        AlertView resolved = awaitAlerts(
                        advisorToken(complainant), a -> a.caseId().equals(caseId), 1)
                .get(0);
        assertThat(resolved.kind()).isEqualTo(AlertKind.COMPLAINT_RESOLVED);
        assertThat(resolved.detail()).contains("UPHELD");
    }

    @Test
    void anUnacknowledgedUrgentAlertEscalatesToTheSupervisorAfterItsTime() {
        UUID caseId = CaseEvents.caseId("unacknowledged");
        String advisor = "advisor-silent";
        publish(
                CASE_EVENTS,
                caseId.toString(),
                CaseEvents.assigned(caseId, 2, advisor, JIANWAI_COMMUNITY, Urgency.SOLVE_NOW));
        AlertView alert = awaitAlerts(advisorToken(advisor), a -> a.caseId().equals(caseId), 1)
                .get(0);
        assertThat(alert.acknowledgeBy()).isEqualTo(alert.createdAt().plus(Duration.ofMinutes(30)));
        String supervisor = supervisor("supervisor-jianwai", "110105001");

        clock.advance(Duration.ofMinutes(29));
        ticks.tick();
        assertThat(ofCase(inboxOf(supervisor), caseId)).isEmpty();

        clock.advance(Duration.ofMinutes(2));
        ticks.tick();
        List<AlertView> escalated = ofCase(inboxOf(supervisor), caseId);
        assertThat(escalated).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(AlertKind.UNACKNOWLEDGED);
            assertThat(e.escalatedFrom()).isEqualTo(alert.id());
            assertThat(e.detail()).contains(advisor).contains("31 minutes");
        });
        var event = awaitAlertEvent(caseId, e -> e.getFact() instanceof AlertEscalated);
        assertThat(event.getUserId()).isEqualTo(advisor);
        assertThat(event.getAlertId()).isEqualTo(alert.id().toString());
        assertThat(((AlertEscalated) event.getFact()).getEscalatedTo()).isEqualTo("supervisor-jianwai");
        assertThat(((AlertEscalated) event.getFact()).getUnacknowledgedMinutes())
                .isEqualTo(31);

        // once only
        clock.advance(Duration.ofMinutes(5));
        ticks.tick();
        assertThat(ofCase(inboxOf(supervisor), caseId)).hasSize(1);
    }

    @Test
    void acknowledgementStopsTheEscalation() {
        UUID caseId = CaseEvents.caseId("acknowledged");
        String advisor = "advisor-diligent";
        String token = advisorToken(advisor);
        publish(
                CASE_EVENTS,
                caseId.toString(),
                CaseEvents.assigned(caseId, 2, advisor, JIANWAI_COMMUNITY, Urgency.IN_STAGES));
        AlertView alert = awaitAlerts(token, a -> a.caseId().equals(caseId), 1).get(0);

        for (int i = 0; i < 2; i++) { // twice: the same answer, one event
            http.post()
                    .uri("/alerts/{id}/acknowledge", alert.id())
                    .headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("note", "visited today"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.acknowledgedAt")
                    .isNotEmpty();
        }
        clock.advance(Duration.ofHours(5));
        ticks.tick();

        assertThat(ofCase(inboxOf(supervisor("supervisor-jianwai", "110105001")), caseId))
                .isEmpty();
        awaitAlertEvent(caseId, e -> e.getFact() instanceof AlertAcknowledged);
        assertThat(alertEventsOf(caseId))
                .filteredOn(e -> e.getFact() instanceof AlertAcknowledged)
                .singleElement()
                .satisfies(e ->
                        assertThat(((AlertAcknowledged) e.getFact()).getNote()).isEqualTo("visited today"));
        assertThat(alertEventsOf(caseId)).noneMatch(e -> e.getFact() instanceof AlertEscalated);
    }

    @Test
    void anAlertIsSeenByItsRecipientAndTheSupervisorsCoveringItsCommunityOnly() {
        UUID caseId = CaseEvents.caseId("access");
        String advisor = "advisor-owner";
        publish(
                CASE_EVENTS,
                caseId.toString(),
                CaseEvents.assigned(caseId, 2, advisor, JIANWAI_COMMUNITY, Urgency.IN_STAGES));
        AlertView alert = awaitAlerts(advisorToken(advisor), a -> a.caseId().equals(caseId), 1)
                .get(0);

        String other = advisorToken("advisor-other");
        http.get()
                .uri("/alerts/{id}", alert.id())
                .headers(h -> h.setBearerAuth(other))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post()
                .uri("/alerts/{id}/acknowledge", alert.id())
                .headers(h -> h.setBearerAuth(other))
                .exchange()
                .expectStatus()
                .isNotFound();
        http.get()
                .uri("/alerts/{id}", alert.id())
                .headers(h -> h.setBearerAuth(supervisor("supervisor-jianwai", "110105001")))
                .exchange()
                .expectStatus()
                .isOk();
        http.get()
                .uri("/communities/{c}/alerts", JIANWAI_COMMUNITY)
                .headers(h -> h.setBearerAuth(supervisor("supervisor-chaowai", "110105002")))
                .exchange()
                .expectStatus()
                .isForbidden();
        http.get()
                .uri("/communities/{c}/alerts", JIANWAI_COMMUNITY)
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.id == '" + alert.id() + "')].recipient")
                .isEqualTo(List.of(advisor));
        http.get()
                .uri("/alerts")
                .headers(h -> h.setBearerAuth("not-a-token"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void anUnreadableCaseEventGoesToTheDeadLetterTopicWithItsReason() {
        String key = CaseEvents.caseId("unreadable").toString();
        publishBytes(CASE_EVENTS, key, "not avro at all".getBytes(StandardCharsets.UTF_8));

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(key);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not avro at all");
        assertThat(header(dead, "kafka_dlt-exception-message")).isNotBlank();
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(CASE_EVENTS);
    }

    @Test
    void aReadableButMalformedCaseEventGoesToTheDeadLetterTopicWithItsReason() {
        UUID caseId = CaseEvents.caseId("malformed");
        CaseEvent malformed = CaseEvents.assigned(caseId, 2, "advisor-x", JIANWAI_COMMUNITY, Urgency.IN_STAGES);
        malformed.setCaseId("case-42");
        publish(CASE_EVENTS, "case-42", malformed);

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter("case-42");
        assertThat(header(dead, "kafka_dlt-exception-message")).contains("caseId is not a UUID");
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(CASE_EVENTS);
        assertThat(ofCase(inboxOf(advisorToken("advisor-x")), caseId)).isEmpty();
    }

    @Test
    void healthAndOpenApiAreOpenReadinessIncludesTheDatabaseMetricsAreForAdmins() {
        http.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status")
                .isEqualTo("UP");
        http.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paths['/alerts/stream']")
                .exists()
                .jsonPath("$.paths['/alerts/{id}/acknowledge']")
                .exists();
        UUID caseId = CaseEvents.caseId("metrics");
        publish(
                CASE_EVENTS,
                caseId.toString(),
                CaseEvents.assigned(caseId, 2, "advisor-metrics", JIANWAI_COMMUNITY, Urgency.IN_STAGES));
        awaitAlerts(advisorToken("advisor-metrics"), a -> a.caseId().equals(caseId), 1);
        http.get()
                .uri("/actuator/metrics/notification.alerts.raised?tag=kind:CASE_ASSIGNED")
                .headers(h -> h.setBearerAuth(admin()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.measurements[0].value")
                .value(count -> assertThat(((Number) count).doubleValue()).isGreaterThanOrEqualTo(1));
        http.get()
                .uri("/actuator/metrics/notification.alerts.raised")
                .headers(h -> h.setBearerAuth(advisorToken("advisor-metrics")))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void theInboxPagesNewestFirstWithALinkToTheNextPage() {
        String advisor = "advisor-pages";
        String token = advisorToken(advisor);
        for (int i = 1; i <= 5; i++) {
            UUID caseId = CaseEvents.caseId("pages-" + i);
            publish(
                    CASE_EVENTS,
                    caseId.toString(),
                    CaseEvents.assigned(caseId, 2, advisor, JIANWAI_COMMUNITY, Urgency.IN_STAGES));
        }
        List<AlertView> all = awaitAlerts(token, a -> true, 5);

        // without paging parameters: as before, every alert (up to 50), no Link
        http.get()
                .uri("/alerts")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist(HttpHeaders.LINK)
                .expectBodyList(AlertView.class)
                .hasSize(5);

        assertThat(page(token, "/alerts?limit=2")).isEqualTo(new Page(List.of(5L, 4L), "/alerts?limit=2&before=4"));
        assertThat(page(token, "/alerts?limit=2&before=4"))
                .isEqualTo(new Page(List.of(3L, 2L), "/alerts?limit=2&before=2"));
        assertThat(page(token, "/alerts?limit=2&before=2")).isEqualTo(new Page(List.of(1L), null));

        // the unacknowledged filter pages too, and the next page keeps it
        AlertView fourth =
                all.stream().filter(a -> a.sequence() == 4).findFirst().orElseThrow();
        http.post()
                .uri("/alerts/{id}/acknowledge", fourth.id())
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(page(token, "/alerts?unacknowledged=true&limit=2"))
                .isEqualTo(new Page(List.of(5L, 3L), "/alerts?unacknowledged=true&limit=2&before=3"));
        assertThat(page(token, "/alerts?unacknowledged=true&limit=2&before=3"))
                .isEqualTo(new Page(List.of(2L, 1L), null));
    }

    @Test
    void aBeforeThatIsNotASequenceIsRefusedNamingIt() {
        http.get()
                .uri("/alerts?before=yesterday")
                .headers(h -> h.setBearerAuth(advisorToken("advisor-pages-bad")))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Invalid before")
                .jsonPath("$.field")
                .isEqualTo("before")
                .jsonPath("$.value")
                .isEqualTo("yesterday");
    }

    @Test
    void swaggerUiSignsInAtTheIssuerWithTheAuthorizationCodeAndPkce() {
        String scheme = "$.components.securitySchemes.oauth2AuthorizationCode";
        http.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath(scheme + ".type")
                .isEqualTo("oauth2")
                .jsonPath(scheme + ".flows.authorizationCode.authorizationUrl")
                .isEqualTo(issuer() + "/oauth2/authorize")
                .jsonPath(scheme + ".flows.authorizationCode.tokenUrl")
                .isEqualTo(issuer() + "/oauth2/token")
                .jsonPath(scheme + ".flows.authorizationCode.scopes.openid")
                .exists()
                .jsonPath("$.security[*].oauth2AuthorizationCode")
                .isEqualTo(List.of(List.of("openid", "profile")));
        // springdoc hands the client, PKCE and scopes to Swagger UI in its initializer script: ui.initOAuth({...})
        String initializer = http.get()
                .uri("/swagger-ui/swagger-initializer.js")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        Matcher initOAuth = INIT_OAUTH.matcher(Objects.requireNonNull(initializer));
        assertThat(initOAuth.find()).as(initializer).isTrue();
        JsonNode oauth = JsonMapper.builder().build().readTree(initOAuth.group(1));
        assertThat(oauth.get("clientId").asString()).isEqualTo("platform-swagger-ui");
        assertThat(oauth.get("usePkceWithAuthorizationCodeGrant").asBoolean()).isTrue();
        assertThat(oauth.get("scopes").toString()).as(initializer).contains("openid", "profile");
        // where the authorisation server sends the code back: this service's springdoc 3 page (register it there)
        String redirect = http.get()
                .uri("/v3/api-docs/swagger-config")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("oauth2RedirectUrl")
                .asString();
        assertThat(URI.create(redirect).getPath()).isEqualTo("/swagger-ui/oauth2-redirect.html");
        // the pages themselves, without a token
        http.get()
                .uri("/swagger-ui.html")
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/swagger-ui/index.html");
        http.get()
                .uri("/swagger-ui/oauth2-redirect.html")
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** One page of the inbox: its alerts' sequences and its next-page link. */
    private record Page(List<Long> sequences, @Nullable String next) {}

    private Page page(String token, String uri) {
        var answer = http.get()
                .uri(uri)
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBodyList(AlertView.class)
                .returnResult();
        String link = answer.getResponseHeaders().getFirst(HttpHeaders.LINK);
        String next = null;
        if (link != null) {
            Matcher matcher = NEXT.matcher(link);
            assertThat(matcher.matches()).as(link).isTrue();
            next = matcher.group(1);
        }
        return new Page(
                Objects.requireNonNull(answer.getResponseBody()).stream()
                        .map(AlertView::sequence)
                        .toList(),
                next);
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> readAll(CASE_DEAD_LETTERS).stream()
                                .filter(r -> key.equals(r.key()))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
