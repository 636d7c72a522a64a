package org.zhengce.referral.cases;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.CaseOutcome;
import org.zhengce.events.CaseSource;
import org.zhengce.events.DismissalReason;
import org.zhengce.events.Programme;
import org.zhengce.events.ReferralTier;
import org.zhengce.events.Urgency;
import org.zhengce.events.WarningCategory;
import org.zhengce.events.WarningLevel;
import org.zhengce.referral.policies.HouseholdFacts;
import org.zhengce.referral.visits.Need;

/**
 * What happened to a case, in the past tense, and what each change does to it ({@link #evolve}).
 */
public sealed interface CaseChange {

    Instant at();

    /**
     * The case after this change: {@code before} is the case it applies to (empty only for {@link CaseOpened}), one
     * version more when the change is published, then the change's own effect. Abstract, so that the compiler asks
     * every new change what it does to the case: none is silently ignored.
     */
    CaseState evolve(Optional<CaseState> before, CaseDeadlines deadlines);

    /** The case {@code change} applies to, at its time, one version more when it is published. */
    private static CaseState touched(Optional<CaseState> before, CaseChange change) {
        return before.orElseThrow(() -> new IllegalStateException("no case to apply " + change + " to"))
                .touched(change.at(), change instanceof Published);
    }

    /** Owned by {@code owner}: a case just opened is assigned by it. */
    private static CaseState owned(CaseState s, CaseState.Assignment owner) {
        return s.with(owner).with(s.stage() == CaseStage.OPENED ? CaseStage.ASSIGNED : s.stage());
    }

    /** Published on {@code case.events}. */
    sealed interface Published extends CaseChange {}

    record CaseOpened(
            UUID caseId,
            String householdNumber,
            String communityCode,
            Urgency urgency,
            WarningCategory category,
            @Nullable WarningLevel level,
            String warningId,
            @Nullable String modelVersion,
            Instant at,
            Instant visitDueAt,
            CaseSource source)
            implements Published {

        @Override
        public CaseState evolve(Optional<CaseState> before, CaseDeadlines deadlines) {
            return new CaseState(
                    caseId(),
                    1,
                    CaseStage.OPENED,
                    new CaseState.Household(householdNumber(), communityCode()),
                    new CaseState.Warning(urgency(), category(), level(), warningId(), modelVersion(), at()),
                    new CaseState.Assignment(null, CaseState.OwnerRole.ADVISOR),
                    new CaseState.Progress(at(), visitDueAt(), null, null, false, false, 0),
                    CaseState.Due.of(DueStep.VISIT, visitDueAt()),
                    new CaseState.Referral(null, null, null),
                    CaseState.Ending.NONE,
                    at());
        }
    }

    /** The warning escalated: the urgency went from {@code from} to {@code to} (equal when already the top). */
    record UrgencyRaised(
            Urgency from, Urgency to, WarningCategory category, WarningLevel level, String warningId, Instant at)
            implements Published {

        @Override
        public CaseState evolve(Optional<CaseState> before, CaseDeadlines deadlines) {
            CaseState s = touched(before, this);
            CaseState.Warning was = s.warning();
            CaseState next = s.with(
                    new CaseState.Warning(to(), category(), level(), was.id(), was.modelVersion(), was.raisedAt()));
            if (s.due().step() == DueStep.VISIT && s.due().at() != null) {
                Instant sooner = deadlines.visitDue(at(), to());
                if (sooner.isBefore(s.due().at())) {
                    return next.with(CaseState.Due.of(DueStep.VISIT, sooner));
                }
            }
            return next;
        }
    }

    /** Owned by an advisor ({@code by}: the supervisor who re-assigned it; null when routed). */
    record CaseAssigned(
            String advisorId,
            @Nullable String previousOwnerId,
            @Nullable String by,
            Instant at) implements Published {

        @Override
        public CaseState evolve(Optional<CaseState> before, CaseDeadlines deadlines) {
            return owned(touched(before, this), new CaseState.Assignment(advisorId(), CaseState.OwnerRole.ADVISOR));
        }
    }

    /** No advisor covers the community: the supervisor owns the case and is alerted. */
    record OwnedBySupervisor(String supervisorId, Instant at) implements Published {

        @Override
        public CaseState evolve(Optional<CaseState> before, CaseDeadlines deadlines) {
            return owned(
                    touched(before, this), new CaseState.Assignment(supervisorId(), CaseState.OwnerRole.SUPERVISOR));
        }
    }

    record NoteAdded(String text, Instant at) implements CaseChange {

        @Override
        public CaseState evolve(Optional<CaseState> before, CaseDeadlines deadlines) {
            return touched(before, this);
        }
    }

    /** The warning was cleared: closing is proposed to the owner (never automatic). */
    record ClosingProposed(String warningId, String reason, Instant at) implements CaseChange {

        @Override
        public CaseState evolve(Optional<CaseState> before, CaseDeadlines deadlines) {
            CaseState s = touched(before, this);
            return s.with(s.progress().closingProposed());
        }
    }

    /** A visit recorded; {@code first} when it is the case's first. */
    record Visited(
            UUID visitId,
            String advisorId,
            Instant visitedAt,
            @Nullable String findings,
            List<Need> needs,
            @Nullable HouseholdFacts facts,
            boolean first,
            Instant at)
            implements Published {

        @Override
        public CaseState evolve(Optional<CaseState> before, CaseDeadlines deadlines) {
            CaseState s = touched(before, this);
            CaseState next = s.with(s.progress().visited(visitedAt()));
            switch (s.stage()) {
                case ASSIGNED:
                case VISITED:
                    next = next.with(CaseStage.VISITED);
                    return s.progress().assistFirst()
                            ? next
                            : next.with(CaseState.Due.of(
                                    DueStep.VERIFY,
                                    deadlines.verifyDue(at(), s.warning().urgency())));
                case REFERRED:
                    return s.referral().tier() == ReferralTier.TRACKING
                            ? next.with(CaseState.Due.of(
                                    DueStep.REVIEW,
                                    deadlines.reviewDue(at(), s.referral().reviewIntervalDays())))
                            : next;
                default:
                    return next;
            }
        }
    }

    record Verified(
            List<Need> needs,
            boolean assistedFirst,
            @Nullable String note,
            Instant at) implements Published {

        @Override
        public CaseState evolve(Optional<CaseState> before, CaseDeadlines deadlines) {
            CaseState s = touched(before, this);
            return s.with(CaseStage.VERIFIED)
                    .with(s.progress().verified(at()))
                    .with(CaseState.Due.of(DueStep.PLAN, deadlines.planDue(at())));
        }
    }

    record Dismissed(DismissalReason reason, @Nullable String note, Instant at) implements Published {

        @Override
        public CaseState evolve(Optional<CaseState> before, CaseDeadlines deadlines) {
            return touched(before, this)
                    .with(CaseStage.DISMISSED)
                    .with(new CaseState.Ending(
                            at(), reason(), at(), touched(before, this).ending().outcome()))
                    .with(CaseState.Due.of(null, null));
        }
    }

    /** 先行救助: helped at once; published as a comprehensive-service referral to temporary assistance. */
    record AssistedFirst(String measures, Instant at) implements Published {

        @Override
        public CaseState evolve(Optional<CaseState> before, CaseDeadlines deadlines) {
            CaseState s = touched(before, this);
            return s.with(s.progress().assistedFirst())
                    .with(CaseState.Due.of(DueStep.VERIFY, deadlines.assistFirstVerifyDue(at())));
        }
    }

    record Referred(
            ReferralTier tier,
            @Nullable Programme programme,
            @Nullable String organisationId,
            @Nullable String organisationName,
            @Nullable Integer reviewIntervalDays,
            @Nullable String note,
            Instant at)
            implements Published {

        @Override
        public CaseState evolve(Optional<CaseState> before, CaseDeadlines deadlines) {
            CaseState s = touched(before, this);
            Instant first =
                    s.referral().referredAt() == null ? at() : s.referral().referredAt();
            CaseState next = s.with(CaseStage.REFERRED);
            if (tier() == ReferralTier.TRACKING) {
                return next.with(new CaseState.Referral(tier(), reviewIntervalDays(), first))
                        .with(CaseState.Due.of(DueStep.REVIEW, deadlines.reviewDue(at(), reviewIntervalDays())));
            }
            return next.with(new CaseState.Referral(tier(), s.referral().reviewIntervalDays(), first))
                    .with(CaseState.Due.of(null, null));
        }
    }

    record Closed(CaseOutcome outcome, @Nullable String note, Instant at) implements Published {

        @Override
        public CaseState evolve(Optional<CaseState> before, CaseDeadlines deadlines) {
            CaseState s = touched(before, this);
            return s.with(CaseStage.CLOSED)
                    .with(new CaseState.Ending(
                            s.ending().dismissedAt(), s.ending().dismissalReason(), at(), outcome()))
                    .with(CaseState.Due.of(null, null));
        }
    }

    record Reopened(@Nullable String warningId, String reason, Instant at) implements Published {

        @Override
        public CaseState evolve(Optional<CaseState> before, CaseDeadlines deadlines) {
            CaseState s = touched(before, this);
            CaseState.Warning w = s.warning();
            return s.with(CaseStage.ASSIGNED)
                    .with(s.progress().reopened())
                    .with(CaseState.Ending.NONE)
                    .with(new CaseState.Warning(
                            w.urgency(),
                            w.category(),
                            w.level(),
                            warningId() != null ? warningId() : w.id(),
                            w.modelVersion(),
                            w.raisedAt()))
                    .with(CaseState.Due.of(
                            DueStep.VISIT, deadlines.visitDue(at(), s.warning().urgency())));
        }
    }

    /** The deadline of {@code step}, {@code dueAt}, passed: escalated to {@code supervisorId}. */
    record DeadlineMissed(DueStep step, Instant dueAt, String supervisorId, Instant at) implements Published {

        @Override
        public CaseState evolve(Optional<CaseState> before, CaseDeadlines deadlines) {
            CaseState s = touched(before, this);
            return s.with(new CaseState.Due(s.due().step(), s.due().at(), true));
        }
    }

    /** The plan is due again (an application was refused); not published, the case stays referred. */
    record PlanDue(String why, Instant at) implements CaseChange {

        @Override
        public CaseState evolve(Optional<CaseState> before, CaseDeadlines deadlines) {
            return touched(before, this).with(CaseState.Due.of(DueStep.PLAN, deadlines.planDue(at())));
        }
    }
}
