package org.zhengce.notification.alerts;

import java.util.Optional;
import java.util.UUID;
import org.zhengce.events.CaseAssigned;
import org.zhengce.events.CaseEvent;
import org.zhengce.events.ComplaintEscalated;
import org.zhengce.events.ComplaintFiled;
import org.zhengce.events.ComplaintResolved;

/** What makes a readable case event unusable; such an event goes to the dead-letter topic with this reason. */
final class CaseEventCheck {

    private CaseEventCheck() {}

    static Optional<String> problem(CaseEvent event) {
        if (!isUuid(event.getEventId())) {
            return Optional.of("eventId is not a UUID: '" + event.getEventId() + "'");
        }
        if (!isUuid(event.getCaseId())) {
            return Optional.of("caseId is not a UUID: '" + event.getCaseId() + "'");
        }
        if (event.getFact() instanceof CaseAssigned assigned
                && assigned.getAdvisorId().isBlank()) {
            return Optional.of("CaseAssigned names no advisorId");
        }
        // a complaint's alert goes to the person its event names: none is a malformed event
        if (event.getFact() instanceof ComplaintFiled filed
                && filed.getOwnerId().isBlank()) {
            return Optional.of("ComplaintFiled names no ownerId");
        }
        if (event.getFact() instanceof ComplaintEscalated escalated
                && escalated.getEscalatedTo().isBlank()) {
            return Optional.of("ComplaintEscalated names no escalatedTo");
        }
        if (event.getFact() instanceof ComplaintResolved resolved
                && resolved.getComplainantId().isBlank()) {
            return Optional.of("ComplaintResolved names no complainantId");
        }
        return Optional.empty();
    }

    private static boolean isUuid(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
