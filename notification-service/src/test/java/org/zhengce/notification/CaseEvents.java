package org.zhengce.notification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.CaseAssigned;
import org.zhengce.events.CaseEscalated;
import org.zhengce.events.CaseEvent;
import org.zhengce.events.CaseOpened;
import org.zhengce.events.CaseReopened;
import org.zhengce.events.CaseSource;
import org.zhengce.events.ComplaintCategory;
import org.zhengce.events.ComplaintDeadline;
import org.zhengce.events.ComplaintEscalated;
import org.zhengce.events.ComplaintFiled;
import org.zhengce.events.ComplaintOutcome;
import org.zhengce.events.ComplaintResolved;
import org.zhengce.events.ComplaintSubject;
import org.zhengce.events.EscalationReason;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.Urgency;
import org.zhengce.events.WarningCategory;

/** Small builders of the case events the tests publish, as referral writes them; fixed values, no randomness. */
public final class CaseEvents {

    public static final Instant AT = Instant.parse("2026-12-01T02:00:00Z");

    private CaseEvents() {}

    /** A case id of its own per test name. */
    public static UUID caseId(String name) {
        return UUID.nameUUIDFromBytes(("test-case:" + name).getBytes(StandardCharsets.UTF_8));
    }

    /** Referral's event id: name-based on (case, version). */
    public static String eventId(UUID caseId, int version) {
        return UUID.nameUUIDFromBytes(("test-event:" + caseId + ":" + version).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    public static CaseEvent opened(UUID caseId, String community, Urgency urgency) {
        return event(
                caseId,
                1,
                community,
                urgency,
                CaseOpened.newBuilder()
                        .setSource(CaseSource.WARNING)
                        .setCategory(WarningCategory.ASSISTANCE_MISSING)
                        .build());
    }

    public static CaseEvent assigned(UUID caseId, int version, String advisor, String community, Urgency urgency) {
        return event(
                caseId,
                version,
                community,
                urgency,
                CaseAssigned.newBuilder()
                        .setAdvisorId(advisor)
                        .setDueAt(AT.plusSeconds(72 * 3600))
                        .build());
    }

    /** A tracked case re-opened by a new warning, naming its owner (or nobody) and the new visit's deadline. */
    public static CaseEvent reopened(
            UUID caseId, int version, @Nullable String owner, String community, Urgency urgency) {
        return event(
                caseId,
                version,
                community,
                urgency,
                CaseReopened.newBuilder()
                        .setWarningId("w-again")
                        .setReason("new warning EARLY_WARNING YELLOW")
                        .setOwnerId(owner)
                        .setDueAt(AT.plusSeconds(72 * 3600))
                        .build());
    }

    public static CaseEvent escalated(
            UUID caseId,
            int version,
            EscalationReason reason,
            @Nullable String escalatedTo,
            String community,
            Urgency urgency) {
        return event(
                caseId,
                version,
                community,
                urgency,
                CaseEscalated.newBuilder()
                        .setReason(reason)
                        .setEscalatedTo(escalatedTo)
                        .build());
    }

    /** A complaint about the case filed by {@code complainant}, owned by {@code owner}. */
    public static CaseEvent complaintFiled(
            UUID caseId, int version, String complaintId, String complainant, String owner, String community) {
        return event(
                caseId,
                version,
                community,
                Urgency.IN_STAGES,
                ComplaintFiled.newBuilder()
                        .setComplaintId(complaintId)
                        .setCategory(ComplaintCategory.SERVICE_QUALITY)
                        .setSubject(ComplaintSubject.CASE)
                        .setComplainantId(complainant)
                        .setOnBehalfOfHousehold(true)
                        .setOwnerId(owner)
                        .setAcknowledgementDueAt(AT.plusSeconds(48 * 3600))
                        .setResolutionDueAt(AT.plusSeconds(21 * 24 * 3600))
                        .build());
    }

    public static CaseEvent complaintEscalated(
            UUID caseId, int version, String complaintId, String escalatedTo, String community) {
        return event(
                caseId,
                version,
                community,
                Urgency.IN_STAGES,
                ComplaintEscalated.newBuilder()
                        .setComplaintId(complaintId)
                        .setMissed(ComplaintDeadline.ACKNOWLEDGEMENT)
                        .setEscalatedTo(escalatedTo)
                        .build());
    }

    public static CaseEvent complaintResolved(
            UUID caseId, int version, String complaintId, String complainant, String community) {
        return event(
                caseId,
                version,
                community,
                Urgency.IN_STAGES,
                ComplaintResolved.newBuilder()
                        .setComplaintId(complaintId)
                        .setOutcome(ComplaintOutcome.UPHELD)
                        .setComplainantId(complainant)
                        .setNote("已整改")
                        .build());
    }

    private static CaseEvent event(UUID caseId, int version, String community, Urgency urgency, Object fact) {
        return CaseEvent.newBuilder()
                .setEventId(eventId(caseId, version))
                .setCaseId(caseId.toString())
                .setHousehold(new HouseholdNumber("H-" + caseId.toString().substring(0, 8)))
                .setCommunityCode(community)
                .setOccurredAt(AT)
                .setUrgency(urgency)
                .setFact(fact)
                .build();
    }
}
