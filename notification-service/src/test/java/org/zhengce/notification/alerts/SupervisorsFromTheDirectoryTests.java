package org.zhengce.notification.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.zhengce.events.AlertEscalated;
import org.zhengce.events.AlertEvent;
import org.zhengce.events.Urgency;
import org.zhengce.kit.jurisdictions.JurisdictionFeed;
import org.zhengce.notification.CaseEvents;
import org.zhengce.notification.NotificationStackTest;

/**
 * Whom an unacknowledged alert escalates to is referral's directory as published on {@code jurisdictions} (ADR
 * 0035), followed while the service runs: a supervisor added there is the one alerted, and a street removed there
 * escalates to its district's supervisor again, without a restart. Nothing of it is in notification's settings.
 */
class SupervisorsFromTheDirectoryTests extends NotificationStackTest {

    /** A street the demo city's settings never knew, and one of its communities. */
    private static final String NEW_STREET = "110105009";

    private static final String NEW_COMMUNITY = "110105009001";

    @Autowired
    JurisdictionFeed jurisdictions;

    @Autowired
    SupervisorDirectory supervisors;

    @Test
    void aSupervisorAddedInTheDirectoryIsTheOneAnUnacknowledgedAlertEscalatesTo() {
        publish(JURISDICTIONS, NEW_STREET, jurisdiction(NEW_STREET, "新街道", "110105", "supervisor-xin"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> supervisors.supervisorOf(NEW_COMMUNITY).equals("supervisor-xin"));

        UUID caseId = CaseEvents.caseId("escalates-to-the-directory's-supervisor");
        assertThat(escalationOf(caseId)).isEqualTo("supervisor-xin");
        assertThat(inboxOf(supervisor("supervisor-xin", NEW_STREET)))
                .filteredOn(alert -> alert.caseId().equals(caseId))
                .singleElement()
                .satisfies(alert -> assertThat(alert.kind()).isEqualTo(AlertKind.UNACKNOWLEDGED));

        // the street leaves the directory: its communities escalate to the district's supervisor again
        removeJurisdiction(NEW_STREET);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !jurisdictions.jurisdictions().containsKey(NEW_STREET));
        UUID later = CaseEvents.caseId("escalates-to-the-district-once-the-street-is-gone");
        assertThat(escalationOf(later)).isEqualTo("supervisor-chaoyang");
    }

    @Test
    void theDemoCitysSupervisorsAreReadFromTheTopicBeforeTheServiceIsReady() {
        assertThat(jurisdictions.jurisdictions()).containsKeys("110105", "110105001", "110105002");
        assertThat(supervisors.chainOf("110105001003")).containsExactly("supervisor-jianwai", "supervisor-chaoyang");
    }

    /** An urgent case in the new community, its advisor silent for 31 minutes: whom it escalated to. */
    private String escalationOf(UUID caseId) {
        String advisor = "advisor-silent-" + caseId.toString().substring(0, 8);
        publish(
                CASE_EVENTS,
                caseId.toString(),
                CaseEvents.assigned(caseId, 2, advisor, NEW_COMMUNITY, Urgency.SOLVE_NOW));
        List<?> alerts =
                awaitAlerts(advisor(advisor, NEW_COMMUNITY), a -> a.caseId().equals(caseId), 1);
        assertThat(alerts).hasSize(1);
        clock.advance(Duration.ofMinutes(31));
        ticks.tick();
        AlertEvent escalated = awaitAlertEvent(caseId, e -> e.getFact() instanceof AlertEscalated);
        return ((AlertEscalated) escalated.getFact()).getEscalatedTo();
    }
}
