package org.zhengce.referral.cases;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.referral.security.Caller;
import reactor.core.publisher.Mono;

/** Cases for advisors and supervisors (roles enforced by the security chain, jurisdictions by {@link Cases}). */
@RestController
@RequestMapping("/cases")
@Validated
class CaseController {

    private final Cases cases;

    CaseController(Cases cases) {
        this.cases = cases;
    }

    record Assignment(@NotBlank String advisorId) {}

    /** The open cases of a community in the caller's jurisdictions. */
    @GetMapping
    Mono<List<CaseView>> list(
            @AuthenticationPrincipal Jwt jwt,
            @RequestParam @Pattern(regexp = "[0-9]{12}", message = "must be a 12-digit community code")
                    String community) {
        return cases.openCasesOf(Caller.of(jwt), community);
    }

    @GetMapping("/{id}")
    Mono<CaseView> read(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return cases.read(Caller.of(jwt), id);
    }

    /** A supervisor re-assigns the case to an advisor covering its community. */
    @PostMapping("/{id}/assign")
    Mono<CaseView> assign(
            @AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @Valid @RequestBody Assignment assignment) {
        return cases.reassign(Caller.of(jwt), id, assignment.advisorId());
    }
}
