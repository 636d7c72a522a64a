package org.zhengce.notification.alerts;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.CaseAssigned;
import org.zhengce.events.CaseEscalated;
import org.zhengce.events.CaseEvent;
import org.zhengce.events.CaseReopened;
import org.zhengce.events.ComplaintEscalated;
import org.zhengce.events.ComplaintFiled;
import org.zhengce.events.ComplaintResolved;
import org.zhengce.events.EscalationReason;

/**
 * Who is alerted by a case event, a pure decision. The assigned advisor when a case is assigned; the case's owner
 * when a tracked case is re-opened by a new warning (the owner the event names, else the advisor notification last saw
 * assigned, else the community's supervisor); the case's current advisor (from the last assignment notification saw)
 * when its urgency rises; the supervisor named by the escalation
 * when a deadline is missed or nobody covers the community (referral's {@code BEYOND_COMPETENCE} with the
 * supervisor it made owner). An escalation that names a jurisdiction code, or nobody, goes to the configured
 * supervisor of that code or of the case's community. A complaint about a case alerts its owner when filed (with
 * its acknowledgement deadline), the handler it is escalated to, and its complainant when resolved; the alert names
 * the complaint, never what it says. Every other case step alerts nobody.
 */
final class Recipients {

    /** A street or district code instead of a user id in {@code escalatedTo}. */
    private static final Pattern AREA_CODE = Pattern.compile("[0-9]{4,12}");

    private final SupervisorDirectory supervisors;

    Recipients(SupervisorDirectory supervisors) {
        this.supervisors = supervisors;
    }

    /**
     * @param currentAdvisor the case's advisor as of the events before this one, if notification saw an assignment
     */
    List<AlertIntent> of(CaseEvent event, Optional<String> currentAdvisor) {
        Object fact = event.getFact();
        String community = event.getCommunityCode();
        String urgency = String.valueOf(event.getUrgency());
        if (fact instanceof CaseAssigned assigned) {
            String due = assigned.getDueAt() == null ? "" : ", visit due " + assigned.getDueAt();
            return List.of(new AlertIntent(
                    assigned.getAdvisorId(),
                    AlertKind.CASE_ASSIGNED,
                    "个案已分派给您 Case assigned to you: community " + community + ", urgency " + urgency + due));
        }
        if (fact instanceof CaseReopened reopened) {
            String owner = reopened.getOwnerId() != null
                    ? reopened.getOwnerId()
                    : currentAdvisor.orElseGet(() -> supervisors.supervisorOf(community));
            String due = reopened.getDueAt() == null ? "" : ", visit due " + reopened.getDueAt();
            return List.of(new AlertIntent(
                    owner,
                    AlertKind.CASE_REOPENED,
                    "跟踪户再次预警 A tracked household was warned again; the case is re-opened for a visit: community "
                            + community + ", urgency " + urgency + due));
        }
        if (fact instanceof ComplaintFiled filed) {
            return List.of(new AlertIntent(
                    filed.getOwnerId(),
                    AlertKind.COMPLAINT_FILED,
                    "新投诉 A complaint (" + filed.getCategory() + ") about a case of community " + community
                            + " is yours to handle: complaint " + filed.getComplaintId() + ", acknowledge by "
                            + filed.getAcknowledgementDueAt() + ", resolve by " + filed.getResolutionDueAt()));
        }
        if (fact instanceof ComplaintEscalated complaintEscalated) {
            return List.of(new AlertIntent(
                    complaintEscalated.getEscalatedTo(),
                    AlertKind.COMPLAINT_ESCALATED,
                    "投诉超期 A complaint's " + complaintEscalated.getMissed() + " deadline was missed; it is escalated"
                            + " to you: complaint " + complaintEscalated.getComplaintId() + ", community "
                            + community));
        }
        if (fact instanceof ComplaintResolved resolved) {
            return List.of(new AlertIntent(
                    resolved.getComplainantId(),
                    AlertKind.COMPLAINT_RESOLVED,
                    "投诉已办结 Your complaint " + resolved.getComplaintId() + " was resolved: " + resolved.getOutcome()));
        }
        if (!(fact instanceof CaseEscalated escalated)) {
            return List.of();
        }
        EscalationReason reason = escalated.getReason();
        if (reason == EscalationReason.WARNING_ESCALATED) {
            String advisor = currentAdvisor.orElseGet(() -> supervisor(escalated.getEscalatedTo(), community));
            return List.of(new AlertIntent(
                    advisor,
                    AlertKind.URGENCY_RAISED,
                    "预警升级 The household's warning was escalated: community " + community + ", urgency now " + urgency));
        }
        String supervisor = supervisor(escalated.getEscalatedTo(), community);
        if (reason == EscalationReason.DEADLINE_MISSED) {
            return List.of(new AlertIntent(
                    supervisor,
                    AlertKind.DEADLINE_MISSED,
                    "个案超期 A case deadline was missed: community " + community + ", urgency " + urgency));
        }
        if (reason == EscalationReason.BEYOND_COMPETENCE) {
            return List.of(new AlertIntent(
                    supervisor,
                    AlertKind.BEYOND_COMPETENCE,
                    "无人负责 No advisor covers community " + community
                            + " (or the case needs your decision); you own the case, urgency " + urgency));
        }
        return List.of(new AlertIntent(
                supervisor,
                AlertKind.CASE_ESCALATED,
                "个案升级 A case was escalated to you: community " + community + ", urgency " + urgency));
    }

    /** The user {@code escalatedTo} names, else the supervisor of the code it names, else of the community. */
    private String supervisor(@Nullable String escalatedTo, String community) {
        if (escalatedTo == null || escalatedTo.isBlank()) {
            return supervisors.supervisorOf(community);
        }
        if (AREA_CODE.matcher(escalatedTo).matches()) {
            return supervisors.supervisorOf(escalatedTo);
        }
        return escalatedTo;
    }
}
