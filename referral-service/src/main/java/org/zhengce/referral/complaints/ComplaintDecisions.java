package org.zhengce.referral.complaints;

import java.util.List;
import org.zhengce.events.ComplaintDeadline;
import org.zhengce.events.ComplaintOutcome;

/**
 * What a command changes on a complaint, a pure function: a step its stage does not allow is refused naming the
 * rule; a deadline is escalated once, to the next handler above the one alerted last (the top one again when there
 * is none above). Who may ask is checked before, by {@link Complaints}; time comes in the command.
 */
final class ComplaintDecisions {

    /** Rule: only a filed complaint is acknowledged. */
    static final String NOT_FILED = "complaint.acknowledge.not-filed";
    /** Rule: a resolved complaint does not change. */
    static final String RESOLVED = "complaint.resolved";
    /** Rule: an outcome other than withdrawn needs the complaint acknowledged first. */
    static final String ACKNOWLEDGE_FIRST = "complaint.resolve.acknowledge-first";

    private ComplaintDecisions() {}

    /** The changes of {@code command}; none when a deadline command finds nothing missed. */
    static List<ComplaintChange> decide(Complaint complaint, ComplaintCommand command) {
        if (command instanceof ComplaintCommand.Acknowledge acknowledge) {
            if (complaint.status() != ComplaintStatus.FILED) {
                throw refused(
                        complaint,
                        ComplaintStep.ACKNOWLEDGE,
                        complaint.status() == ComplaintStatus.RESOLVED ? RESOLVED : NOT_FILED);
            }
            return List.of(new ComplaintChange.Acknowledged(acknowledge.by(), acknowledge.at()));
        }
        if (command instanceof ComplaintCommand.Resolve resolve) {
            ComplaintStep step =
                    resolve.outcome() == ComplaintOutcome.WITHDRAWN ? ComplaintStep.WITHDRAW : ComplaintStep.RESOLVE;
            if (complaint.status() == ComplaintStatus.RESOLVED) {
                throw refused(complaint, step, RESOLVED);
            }
            if (!complaint.status().allowed().contains(step)) {
                throw refused(complaint, step, ACKNOWLEDGE_FIRST);
            }
            return List.of(new ComplaintChange.Resolved(resolve.by(), resolve.outcome(), resolve.note(), resolve.at()));
        }
        return missedDeadline(complaint, (ComplaintCommand.MissDeadline) command);
    }

    private static List<ComplaintChange> missedDeadline(Complaint complaint, ComplaintCommand.MissDeadline missed) {
        if (complaint.status() == ComplaintStatus.RESOLVED) {
            return List.of();
        }
        ComplaintDeadline deadline;
        if (complaint.status() == ComplaintStatus.FILED
                && complaint.acknowledgementEscalatedAt() == null
                && missed.at().isAfter(complaint.acknowledgeBy())) {
            deadline = ComplaintDeadline.ACKNOWLEDGEMENT;
        } else if (complaint.resolutionEscalatedAt() == null && missed.at().isAfter(complaint.resolveBy())) {
            deadline = ComplaintDeadline.RESOLUTION;
        } else {
            return List.of();
        }
        int level = Math.min(complaint.handlerLevel() + 1, complaint.handlers().size() - 1);
        return List.of(new ComplaintChange.Escalated(
                deadline, level, complaint.handlers().get(level), missed.at()));
    }

    private static ComplaintRefused refused(Complaint complaint, ComplaintStep step, String rule) {
        return new ComplaintRefused(
                complaint.status(),
                step,
                rule,
                "complaint " + complaint.id() + " is " + complaint.status() + ": " + step + " is not allowed (allowed: "
                        + complaint.status().allowed() + ")");
    }
}
