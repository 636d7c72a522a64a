package org.zhengce.referral.policies;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.security.Role;
import reactor.core.publisher.Mono;

/** The policy library for advisors and supervisors (roles enforced by the security chain, jurisdictions here). */
@RestController
@RequestMapping("/policies")
class PolicyController {

    private final PolicyLibrary library;

    PolicyController(PolicyLibrary library) {
        this.library = library;
    }

    /** A programme, with the parameters in force in the community asked for (none when no community is given). */
    record PolicyView(ProgrammeDefinition programme, Map<String, BigDecimal> parameters) {}

    record EvaluationRequest(
            @Nullable String communityCode, @Nullable HouseholdFacts facts) {}

    /** {@code GET /policies[?community=110105001001]}: the programmes, in library order. */
    @GetMapping
    Mono<List<PolicyView>> programmes(@RequestParam(required = false) @Nullable String community) {
        if (community != null && !RuleBook.JURISDICTION.matcher(community).matches()) {
            return Mono.error(PolicyProblem.invalid("community", "community: must be a jurisdiction code"));
        }
        return Mono.just(library.programmes().stream()
                .map(programme -> new PolicyView(
                        programme, community == null ? Map.of() : library.parametersFor(programme.code(), community)))
                .toList());
    }

    /** Evaluates the library for a household of a community the caller covers (403 otherwise). */
    @PostMapping("/evaluate")
    Mono<PolicyEvaluation> evaluate(@AuthenticationPrincipal Jwt jwt, @RequestBody EvaluationRequest request) {
        String community = request.communityCode();
        if (community == null || !community.matches("[0-9]{12}")) {
            return Mono.error(
                    PolicyProblem.invalid("communityCode", "communityCode: must be a 12-digit community code"));
        }
        if (request.facts() == null) {
            return Mono.error(PolicyProblem.invalid("facts", "facts: the household's facts are required"));
        }
        if (!Caller.of(jwt, Role.class).covers(community)) {
            return Mono.error(PolicyProblem.outsideJurisdiction(community));
        }
        return Mono.just(library.assess(community, request.facts()));
    }
}
