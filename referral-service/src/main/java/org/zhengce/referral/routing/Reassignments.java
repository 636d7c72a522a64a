package org.zhengce.referral.routing;

import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.cases.CaseCommand;
import org.zhengce.referral.cases.CaseView;
import org.zhengce.referral.cases.Cases;
import org.zhengce.referral.jurisdictions.JurisdictionDirectory;
import org.zhengce.referral.security.Role;
import org.zhengce.referral.web.IfMatch;
import org.zhengce.referral.web.RequestProblem;
import reactor.core.publisher.Mono;

/** A supervisor hands a case to another advisor: a step on the case, the advisor checked against the directory. */
@Service
class Reassignments {

    private final Cases cases;
    private final JurisdictionDirectory directory;
    private final Clock clock;

    Reassignments(Cases cases, JurisdictionDirectory directory, Clock clock) {
        this.cases = cases;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * A supervisor hands the case to {@code advisorId}, who must cover the case's community (400 otherwise);
     * published as {@code CaseAssigned} and audited.
     */
    Mono<CaseView> reassign(Caller<Role> caller, UUID caseId, String advisorId, IfMatch ifMatch) {
        return cases.change(
                caller,
                caseId,
                ifMatch,
                "assigned to " + advisorId,
                state -> directory
                        .advisor(advisorId)
                        .onErrorMap(e -> RequestProblem.invalid("advisorId", "no advisor " + advisorId))
                        .filter(advisor ->
                                advisor.communities().contains(state.household().communityCode()))
                        .switchIfEmpty(Mono.error(() -> RequestProblem.invalid(
                                "advisorId",
                                "advisor " + advisorId + " does not cover community "
                                        + state.household().communityCode())))
                        .map(advisor -> new CaseCommand.Reassign(advisorId, caller.userId(), clock.instant())));
    }
}
