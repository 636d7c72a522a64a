package org.zhengce.notification.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.zhengce.events.AlertChannel;
import org.zhengce.events.AlertDelivered;
import org.zhengce.events.Urgency;
import org.zhengce.notification.CaseEvents;
import org.zhengce.notification.NotificationStackTest;
import org.zhengce.notification.alerts.AlertView;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's stream: resumable with Last-Event-ID (header or parameter), every alert once and in order; clear
 * answers when it cannot.
 * The heartbeat (which also catches up from the database) is far off, so live alerts must come through the feed.
 */
@TestPropertySource(properties = "notification.stream.heartbeat=1h")
class AlertStreamTests extends NotificationStackTest {

    private static final String COMMUNITY = "110105001002";
    private static final ParameterizedTypeReference<ServerSentEvent<AlertView>> EVENTS =
            new ParameterizedTypeReference<>() {};

    private static UUID assign(String name, String advisor) {
        UUID caseId = CaseEvents.caseId(name);
        publish(CASE_EVENTS, caseId.toString(), CaseEvents.assigned(caseId, 2, advisor, COMMUNITY, Urgency.IN_STAGES));
        return caseId;
    }

    private Flux<ServerSentEvent<AlertView>> connect(String token, String lastEventId) {
        return connect(token, "/alerts/stream", lastEventId);
    }

    /** The stream at {@code uri}, with a {@code Last-Event-ID} header unless it is null; its alert events. */
    private Flux<ServerSentEvent<AlertView>> connect(String token, String uri, @Nullable String lastEventId) {
        return http.get()
                .uri(uri)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> {
                    h.setBearerAuth(token);
                    if (lastEventId != null) {
                        h.set("Last-Event-ID", lastEventId);
                    }
                })
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(EVENTS)
                .getResponseBody()
                .filter(event -> event.data() != null);
    }

    /** The answer to a stream request with {@code lastEventId} as the query parameter (no header). */
    private WebTestClient.ResponseSpec connectWithParameter(String token, String lastEventId) {
        return http.get()
                .uri("/alerts/stream?lastEventId={id}", lastEventId)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> h.setBearerAuth(token))
                .exchange();
    }

    private static boolean alert(ServerSentEvent<AlertView> event, long sequence, UUID caseId) {
        return event.id() != null
                && event.id().equals(Long.toString(sequence))
                && "alert".equals(event.event())
                && event.data() != null
                && event.data().caseId().equals(caseId);
    }

    @Test
    void reconnectingWithLastEventIdReceivesEveryMissedAlertOnceInOrderThenLiveOnes() {
        String advisor = "advisor-stream";
        String token = advisor(advisor, COMMUNITY);
        UUID first = CaseEvents.caseId("stream-1");
        UUID second = CaseEvents.caseId("stream-2");

        // online: from the beginning (0), then live
        StepVerifier.create(connect(token, "0"))
                .then(() -> assign("stream-1", advisor))
                .expectNextMatches(event -> alert(event, 1, first))
                .then(() -> assign("stream-2", advisor))
                .expectNextMatches(event -> alert(event, 2, second))
                .thenCancel()
                .verify(Duration.ofSeconds(30));

        // offline: three more
        UUID third = assign("stream-3", advisor);
        UUID fourth = assign("stream-4", advisor);
        UUID fifth = assign("stream-5", advisor);
        awaitAlerts(token, a -> true, 5);

        // back, from the last id it saw: the three missed, in order, once; then a live one
        StepVerifier.create(connect(token, "2"))
                .expectNextMatches(event -> alert(event, 3, third))
                .expectNextMatches(event -> alert(event, 4, fourth))
                .expectNextMatches(event -> alert(event, 5, fifth))
                .then(() -> assign("stream-6", advisor))
                .expectNextMatches(event -> alert(event, 6, CaseEvents.caseId("stream-6")))
                .thenCancel()
                .verify(Duration.ofSeconds(30));

        // what was streamed reached the console: AlertDelivered on alert.events
        var delivered = awaitAlertEvent(third, e -> e.getFact() instanceof AlertDelivered);
        assertThat(delivered.getChannel()).isEqualTo(AlertChannel.CONSOLE);
        assertThat(delivered.getUserId()).isEqualTo(advisor);
    }

    @Test
    void theLastEventIdParameterResumesAsTheHeaderDoesAndTheHeaderWinsWhenBothAreGiven() {
        String advisor = "advisor-parameter";
        String token = advisor(advisor, COMMUNITY);
        UUID first = assign("parameter-1", advisor);
        UUID second = assign("parameter-2", advisor);
        UUID third = assign("parameter-3", advisor);
        awaitAlerts(token, a -> true, 3);

        // a browser's first connection: EventSource cannot set the header
        StepVerifier.create(connect(token, "/alerts/stream?lastEventId=1", null))
                .expectNextMatches(event -> alert(event, 2, second))
                .expectNextMatches(event -> alert(event, 3, third))
                .thenCancel()
                .verify(Duration.ofSeconds(30));

        // its reconnection: the same URL, and the header with the last id it saw
        StepVerifier.create(connect(token, "/alerts/stream?lastEventId=0", "2"))
                .expectNextMatches(event -> alert(event, 3, third))
                .thenCancel()
                .verify(Duration.ofSeconds(30));
        StepVerifier.create(connect(token, "/alerts/stream?lastEventId=2", "0"))
                .expectNextMatches(event -> alert(event, 1, first))
                .thenCancel()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void anAlertEventIsNamedAlertWithTheSequenceAsIdAndTheAlertAsJsonData() {
        String advisor = "advisor-wire";
        String token = advisor(advisor, COMMUNITY);
        UUID caseId = assign("wire-1", advisor);
        awaitAlerts(token, a -> true, 1);

        Flux<ServerSentEvent<String>> events = http.get()
                .uri("/alerts/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("Last-Event-ID", "0");
                })
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .getResponseBody()
                .filter(e -> e.data() != null);

        StepVerifier.create(events)
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("alert");
                    assertThat(event.id()).isEqualTo("1");
                    JsonNode data = JsonMapper.builder().build().readTree(event.data());
                    assertThat(data.propertyNames())
                            .containsExactlyInAnyOrder(
                                    "id",
                                    "sequence",
                                    "recipient",
                                    "caseId",
                                    "communityCode",
                                    "urgency",
                                    "kind",
                                    "detail",
                                    "createdAt",
                                    "acknowledgeBy",
                                    "readAt",
                                    "acknowledgedAt",
                                    "escalatedAt",
                                    "escalatedFrom");
                    assertThat(data.get("sequence").asLong()).isEqualTo(1);
                    assertThat(data.get("recipient").asString()).isEqualTo(advisor);
                    assertThat(data.get("caseId").asString()).isEqualTo(caseId.toString());
                    assertThat(data.get("kind").asString()).isEqualTo("CASE_ASSIGNED");
                    assertThat(Instant.parse(data.get("createdAt").asString())).isNotNull();
                    assertThat(data.get("readAt").isNull()).isTrue();
                })
                .thenCancel()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void aLastEventIdThatIsNotANumberIsRefusedWithAProblem() {
        http.get()
                .uri("/alerts/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> {
                    h.setBearerAuth(advisor("advisor-bad-id", COMMUNITY));
                    h.set("Last-Event-ID", "yesterday");
                })
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Invalid Last-Event-ID");
        connectWithParameter(advisor("advisor-bad-id", COMMUNITY), "yesterday")
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Invalid Last-Event-ID");
    }

    @Test
    void aLastEventIdAheadOfTheNewestAlertIsUnknown() {
        http.get()
                .uri("/alerts/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> {
                    h.setBearerAuth(advisor("advisor-no-alerts", COMMUNITY));
                    h.set("Last-Event-ID", "17");
                })
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Unknown Last-Event-ID")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("your newest is 0"));
        connectWithParameter(advisor("advisor-no-alerts", COMMUNITY), "17")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Unknown Last-Event-ID");
    }

    @Test
    void aLastEventIdWhoseNextAlertsAreOutOfTheReplayWindowIsGone() {
        String advisor = "advisor-long-away";
        String token = advisor(advisor, COMMUNITY);
        assign("stream-old", advisor);
        awaitAlerts(token, a -> true, 1);
        clock.advance(Duration.ofDays(31));

        http.get()
                .uri("/alerts/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("Last-Event-ID", "0");
                })
                .exchange()
                .expectStatus()
                .isEqualTo(410)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Last-Event-ID too old");
        connectWithParameter(token, "0")
                .expectStatus()
                .isEqualTo(410)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Last-Event-ID too old");
    }

    @Test
    void aStreamWithABadTokenIsRefused401() {
        http.get()
                .uri("/alerts/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> h.setBearerAuth("eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals("WWW-Authenticate", "Bearer");
        http.get()
                .uri("/alerts/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }
}
