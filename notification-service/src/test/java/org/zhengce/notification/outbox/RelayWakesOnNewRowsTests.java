package org.zhengce.notification.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zhengce.events.AlertAcknowledged;
import org.zhengce.events.Urgency;
import org.zhengce.notification.CaseEvents;
import org.zhengce.notification.NotificationStackTest;
import org.zhengce.notification.alerts.AlertView;

/**
 * The relay of alert.events wakes on new rows (ADR 0021): with its schedule (the fallback) at ten minutes, an
 * acknowledgement's AlertAcknowledged is on alert.events within the await's seconds, once.
 */
class RelayWakesOnNewRowsTests extends NotificationStackTest {

    private static final String COMMUNITY = "110105001001";

    @DynamicPropertySource
    static void fallbackInMinutes(DynamicPropertyRegistry properties) {
        properties.add("notification.outbox.relay-interval", () -> "10m");
    }

    @Test
    void acknowledgementIsOnAlertEventsWithoutWaitingForTheFallback() {
        UUID caseId = CaseEvents.caseId("woken");
        String token = advisor("advisor-woken", COMMUNITY);
        publish(
                CASE_EVENTS,
                caseId.toString(),
                CaseEvents.assigned(caseId, 2, "advisor-woken", COMMUNITY, Urgency.IN_STAGES));
        AlertView alert = awaitAlerts(token, a -> a.caseId().equals(caseId), 1).get(0);

        http.post()
                .uri("/alerts/{id}/acknowledge", alert.id())
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("note", "on my way"))
                .exchange()
                .expectStatus()
                .isOk();

        awaitAlertEvent(caseId, e -> e.getFact() instanceof AlertAcknowledged);
        assertThat(alertEventsOf(caseId))
                .filteredOn(e -> e.getFact() instanceof AlertAcknowledged)
                .hasSize(1);
    }
}
