package org.zhengce.referral.cases;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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
import org.zhengce.events.CaseOutcome;
import org.zhengce.events.DismissalReason;
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

    record Verification(@Nullable @Size(max = 4000) String note) {}

    record Dismissal(
            @NotNull DismissalReason reason,
            @Nullable @Size(max = 4000) String note) {}

    record AssistanceFirst(@NotBlank @Size(max = 4000) String measures) {}

    record Closing(
            @NotNull CaseOutcome outcome,
            @Nullable @Size(max = 4000) String note) {}

    record Reopening(@NotBlank @Size(max = 4000) String reason) {}

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

    /** An advisor records a visit: findings, needs from the service menu, the household's verified facts. */
    @PostMapping("/{id}/visits")
    Mono<CaseView> visit(
            @AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @Valid @RequestBody VisitReport report) {
        return cases.recordVisit(Caller.of(jwt), id, report);
    }

    @GetMapping("/{id}/visits")
    Mono<List<VisitView>> visits(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return cases.visits(Caller.of(jwt), id);
    }

    /** The difficulty is verified (甄别) after a visit. */
    @PostMapping("/{id}/verify")
    Mono<CaseView> verify(
            @AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @Valid @RequestBody Verification verification) {
        return cases.verify(Caller.of(jwt), id, verification.note());
    }

    /** Dismissed after a visit, with a reason. */
    @PostMapping("/{id}/dismiss")
    Mono<CaseView> dismiss(
            @AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @Valid @RequestBody Dismissal dismissal) {
        return cases.dismiss(Caller.of(jwt), id, dismissal.reason(), dismissal.note());
    }

    /** 先行救助: an urgent case is helped at once and verified after. */
    @PostMapping("/{id}/assist-first")
    Mono<CaseView> assistFirst(
            @AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @Valid @RequestBody AssistanceFirst assistance) {
        return cases.assistFirst(Caller.of(jwt), id, assistance.measures());
    }

    @PostMapping("/{id}/close")
    Mono<CaseView> close(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @Valid @RequestBody Closing closing) {
        return cases.close(Caller.of(jwt), id, closing.outcome(), closing.note());
    }

    /** A closed or dismissed case re-opened: the situation changed. */
    @PostMapping("/{id}/reopen")
    Mono<CaseView> reopen(
            @AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @Valid @RequestBody Reopening reopening) {
        return cases.reopen(Caller.of(jwt), id, reopening.reason());
    }
}
