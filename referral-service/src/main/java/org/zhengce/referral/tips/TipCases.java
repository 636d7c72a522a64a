package org.zhengce.referral.tips;

import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.TipReported;
import org.zhengce.events.Urgency;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.audit.AuditAction;
import org.zhengce.referral.audit.AuditLog;
import org.zhengce.referral.cases.CaseCommand;
import org.zhengce.referral.cases.CaseState;
import org.zhengce.referral.cases.Cases;
import org.zhengce.referral.households.ReporterTips;
import org.zhengce.referral.security.Role;
import reactor.core.publisher.Mono;

/**
 * A reporter's tip from {@code household.events}: kept once (a redelivery changes nothing); urgent ({@code
 * SOLVE_NOW}) or naming a need of {@code referral.tips.case-opening-needs}, it opens a case with source TIP for the
 * tip's community (intake sets the reporter's, which is the household's: it refuses a tip outside it), routed and alerted as a warning's case, or is noted on the household's open case; any other
 * tip only adds to the score (scoring's part). Its reporter alone learns what became of it.
 */
@Service
@EnableConfigurationProperties(TipSettings.class)
public class TipCases implements ReporterTips {

    private final TipStore store;
    private final Cases cases;
    private final AuditLog audit;
    private final TipSettings settings;
    private final Clock clock;

    TipCases(TipStore store, Cases cases, AuditLog audit, TipSettings settings, Clock clock) {
        this.store = store;
        this.cases = cases;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether {@code event} is a tip by a named reporter about a household: the tips this feature follows. */
    @Override
    public boolean takes(HouseholdEvent event) {
        return event.getFact() instanceof TipReported tip
                && tip.getReporterId() != null
                && event.getSubject() instanceof HouseholdNumber;
    }

    /** Keeps the tip and, when it opens one, opens or joins the household's case; in the caller's transaction. */
    @Override
    public Mono<Void> on(HouseholdEvent event) {
        TipReported tip = (TipReported) event.getFact();
        String household = ((HouseholdNumber) event.getSubject()).getValue();
        String id = event.getPlatformEventId();
        List<String> needs = List.copyOf(tip.getNeeds());
        String community = event.getCommunityCode() == null ? "" : event.getCommunityCode();
        return store.claim(
                        id,
                        String.valueOf(tip.getReporterId()),
                        household,
                        community,
                        tip.getUrgency().name(),
                        needs,
                        event.getReportedAt(),
                        clock.instant())
                .filter(Boolean::booleanValue)
                .filter(fresh -> opensCase(tip))
                .flatMap(fresh -> cases.onTip(new CaseCommand.ReportTip(
                        event.getPlatformEventId(),
                        household,
                        community,
                        tip.getUrgency(),
                        tip.getReporterRole(),
                        needs,
                        event.getOccurredAt())))
                .flatMap(after -> store.caseOf(id, after.id()))
                .then();
    }

    /** An urgent tip, or one naming a need the configuration lists. */
    private boolean opensCase(TipReported tip) {
        return tip.getUrgency() == Urgency.SOLVE_NOW
                || tip.getNeeds().stream().anyMatch(settings.caseOpeningNeeds()::contains);
    }

    /**
     * What became of tip {@code platformEventId}, for its reporter alone (404 unknown, 403 {@code tip.not-yours});
     * every attempt audited.
     */
    Mono<TipView> read(Caller<Role> caller, String platformEventId) {
        return store.find(platformEventId)
                .switchIfEmpty(Mono.defer(() -> audit.record(
                                caller, AuditAction.READ, null, null, false, "tip " + platformEventId + ": unknown")
                        .then(Mono.error(problem(
                                HttpStatus.NOT_FOUND,
                                "tip.unknown",
                                "no tip " + platformEventId + " was received (yet): try again in a moment")))))
                .flatMap(tip -> {
                    if (!tip.reporterId().equals(caller.userId())) {
                        return audit.record(
                                        caller,
                                        AuditAction.READ,
                                        tip.caseId(),
                                        tip.communityCode(),
                                        false,
                                        "tip " + platformEventId + ": not the reporter")
                                .then(Mono.error(problem(
                                        HttpStatus.FORBIDDEN,
                                        "tip.not-yours",
                                        "only the reporter of a tip learns what became of it; the attempt is"
                                                + " audited")));
                    }
                    Mono<TipStatus> status = tip.caseId() == null
                            ? Mono.just(TipStatus.RECEIVED)
                            : cases.find(tip.caseId()).map(TipCases::status).defaultIfEmpty(TipStatus.RECEIVED);
                    return status.flatMap(now -> audit.record(
                                    caller,
                                    AuditAction.READ,
                                    tip.caseId(),
                                    tip.communityCode(),
                                    true,
                                    "tip " + platformEventId + " status " + now)
                            .thenReturn(new TipView(platformEventId, tip.reportedAt(), now)));
                });
    }

    /** The case's stage as the reporter may know it. */
    private static TipStatus status(CaseState state) {
        return switch (state.stage()) {
            case OPENED, ASSIGNED -> TipStatus.CASE_OPENED;
            case VISITED, VERIFIED, REFERRED -> TipStatus.VISITED;
            case CLOSED, DISMISSED -> TipStatus.CLOSED;
        };
    }

    private static ErrorResponseException problem(HttpStatus status, String rule, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status == HttpStatus.NOT_FOUND ? "Tip not found" : "Not your tip");
        problem.setProperty("rule", rule);
        return new ErrorResponseException(status, problem, null);
    }
}
