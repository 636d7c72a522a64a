package org.zhengce.referral.timeline;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.zhengce.referral.cases.CaseChange;
import org.zhengce.referral.cases.CaseEvolution;
import org.zhengce.referral.cases.CaseHistory;
import org.zhengce.referral.cases.CaseState;
import org.zhengce.referral.visits.Need;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The timeline of a case's written changes (the cases feature's {@link CaseHistory}): each change that is a step of
 * its own, given the case after it, in a line.
 */
@Component
class CaseSteps implements CaseHistory {

    private final CaseTimeline timeline;

    CaseSteps(CaseTimeline timeline) {
        this.timeline = timeline;
    }

    @Override
    public Mono<Void> record(CaseEvolution evolution, @Nullable String actor) {
        // a cleared warning's note is said by its WARNING_CLEARED entry already
        boolean clearing = evolution.changes().stream().anyMatch(CaseChange.ClosingProposed.class::isInstance);
        return Flux.fromIterable(evolution.steps())
                .concatMap(step -> Mono.justOrEmpty(of(step.change(), step.after(), actor, clearing))
                        .flatMap(entry -> timeline.record(step.after().id(), entry)))
                .then();
    }

    /**
     * The entry of {@code change} by {@code actor} (null: the platform); empty for changes that are no step of their
     * own. {@code clearing}: the change is part of a cleared warning, whose note the {@code WARNING_CLEARED} entry
     * says already.
     */
    static Optional<TimelineEntry> of(CaseChange change, CaseState after, @Nullable String actor, boolean clearing) {
        StepType type;
        String text;
        if (change instanceof CaseChange.CaseOpened opened) {
            type = StepType.OPENED;
            text = (opened.source() == org.zhengce.events.CaseSource.TIP
                            ? "opened from a reporter's " + opened.warningId()
                            : "opened from warning " + opened.warningId() + ": " + opened.category() + " "
                                    + opened.level()
                                    + (opened.modelVersion() == null ? "" : ", model " + opened.modelVersion()))
                    + "; urgency " + opened.urgency() + ", visit due " + opened.visitDueAt();
        } else if (change instanceof CaseChange.CaseAssigned assigned) {
            type = StepType.ASSIGNED;
            text = assigned.previousOwnerId() == null
                    ? "assigned to " + assigned.advisorId()
                    : "re-assigned from " + assigned.previousOwnerId() + " to " + assigned.advisorId();
        } else if (change instanceof CaseChange.OwnedBySupervisor owned) {
            type = StepType.ESCALATED;
            text = "no advisor covers community " + after.household().communityCode() + ": owned by supervisor "
                    + owned.supervisorId();
        } else if (change instanceof CaseChange.UrgencyRaised raised) {
            type = StepType.WARNING_ESCALATED;
            text = "warning " + raised.warningId() + " now " + raised.category() + " " + raised.level() + ": urgency "
                    + raised.from() + " to " + raised.to();
        } else if (change instanceof CaseChange.ClosingProposed proposed) {
            type = StepType.WARNING_CLEARED;
            text = "warning " + proposed.warningId() + " cleared (" + proposed.reason()
                    + "): closing is proposed to the owner";
        } else if (change instanceof CaseChange.NoteAdded note) {
            if (clearing) {
                return Optional.empty();
            }
            type = StepType.NOTE;
            text = note.text();
        } else if (change instanceof CaseChange.Visited visited) {
            type = StepType.VISITED;
            text = "visited on " + visited.visitedAt() + with(": ", visited.findings()) + needs(visited.needs());
        } else if (change instanceof CaseChange.Verified verified) {
            type = StepType.VERIFIED;
            text = "verified" + (verified.assistedFirst() ? " after assisting first" : "") + with(": ", verified.note())
                    + needs(verified.needs());
        } else if (change instanceof CaseChange.Dismissed dismissed) {
            type = StepType.DISMISSED;
            text = "dismissed: " + dismissed.reason() + with(" (", dismissed.note(), ")");
        } else if (change instanceof CaseChange.AssistedFirst assisted) {
            type = StepType.ASSISTED_FIRST;
            text = "先行救助 assisted first: " + assisted.measures();
        } else if (change instanceof CaseChange.Referred referred) {
            type = StepType.REFERRED;
            String to = referred.organisationName() != null ? referred.organisationName() : referred.organisationId();
            text = "referred: " + referred.tier()
                    + with(
                            " ",
                            referred.programme() == null
                                    ? null
                                    : referred.programme().name())
                    + with(" to ", to)
                    + (referred.reviewIntervalDays() == null
                            ? ""
                            : ", review every " + referred.reviewIntervalDays() + " days")
                    + with(" (", referred.note(), ")");
        } else if (change instanceof CaseChange.Closed closed) {
            type = StepType.CLOSED;
            text = "closed: " + closed.outcome() + with(" (", closed.note(), ")");
        } else if (change instanceof CaseChange.Reopened reopened) {
            type = StepType.REOPENED;
            text = "re-opened: " + reopened.reason();
        } else if (change instanceof CaseChange.DeadlineMissed missed) {
            type = StepType.ESCALATED;
            text = missed.step() + " was due " + missed.dueAt() + ": escalated to " + missed.supervisorId();
        } else {
            return Optional.empty();
        }
        return Optional.of(
                new TimelineEntry(change.at(), type, actor, after.stage().name(), text));
    }

    private static String with(String prefix, @Nullable String value) {
        return with(prefix, value, "");
    }

    private static String with(String prefix, @Nullable String value, String suffix) {
        return value == null || value.isBlank() ? "" : prefix + value + suffix;
    }

    private static String needs(List<Need> needs) {
        return needs.isEmpty()
                ? ""
                : "; needs: " + String.join(", ", needs.stream().map(Need::item).toList());
    }
}
