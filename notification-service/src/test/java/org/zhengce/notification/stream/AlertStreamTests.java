package org.zhengce.notification.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.TestPropertySource;
import org.zhengce.events.AlertChannel;
import org.zhengce.events.AlertDelivered;
import org.zhengce.events.Urgency;
import org.zhengce.notification.CaseEvents;
import org.zhengce.notification.NotificationStackTest;
import org.zhengce.notification.alerts.AlertView;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The console's stream: resumable with Last-Event-ID, every alert once and in order; clear answers when it cannot.
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
        return http.get()
                .uri("/alerts/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> {
                    h.setBearerAuth(token);
                    h.set("Last-Event-ID", lastEventId);
                })
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(EVENTS)
                .getResponseBody()
                .filter(event -> event.data() != null);
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
