package org.zhengce.referral.feedback;

import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.security.OrganisationClaim;
import org.zhengce.referral.security.Role;
import reactor.core.publisher.Mono;

/**
 * The households' evaluations of services delivered: recorded on the case by its advisor or supervisor, or on the
 * referral by the organisation that gave the service; read on the case.
 */
@RestController
@Validated
class FeedbackController {

    private final ServiceEvaluations evaluations;

    FeedbackController(ServiceEvaluations evaluations) {
        this.evaluations = evaluations;
    }

    /** The evaluations of the case's services, oldest first. */
    @GetMapping("/cases/{caseId}/feedback")
    Mono<List<ServiceEvaluation>> ofCase(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID caseId) {
        return evaluations.ofCase(Caller.of(jwt, Role.class), caseId);
    }

    /** The household's evaluation of one of the case's services, recorded by its advisor or supervisor. */
    @PostMapping("/cases/{caseId}/referrals/{referralId}/feedback")
    Mono<ServiceEvaluation> byCaseWorker(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable UUID caseId,
            @PathVariable UUID referralId,
            @Valid @RequestBody Evaluation evaluation) {
        return evaluations.byCaseWorker(Caller.of(jwt, Role.class), caseId, referralId, evaluation);
    }

    /** The household's evaluation of a service the caller's organisation gave. */
    @PostMapping("/referrals/{referralId}/feedback")
    Mono<ServiceEvaluation> byOrganisation(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable UUID referralId,
            @Valid @RequestBody Evaluation evaluation) {
        return evaluations.byOrganisation(
                Caller.of(jwt, Role.class), OrganisationClaim.of(jwt), referralId, evaluation);
    }
}
