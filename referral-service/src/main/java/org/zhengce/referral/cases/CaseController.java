package org.zhengce.referral.cases;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.events.CaseOutcome;
import org.zhengce.events.DismissalReason;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.security.Role;
import org.zhengce.referral.visits.VisitReport;
import org.zhengce.referral.web.IfMatch;
import reactor.core.publisher.Mono;

/**
 * Cases for advisors and supervisors (roles enforced by the security chain, jurisdictions by {@link Cases}). A case
 * answers with {@code ETag: "<version>"}; every step takes an optional {@code If-Match} (412 when stale). Lists come
 * a page at a time ({@code limit}, {@code cursor}, {@code Link}).
 */
@RestController
@RequestMapping("/cases")
@Validated
class CaseController {

    private final Cases cases;

    CaseController(Cases cases) {
        this.cases = cases;
    }

    record Verification(@Nullable @Size(max = 4000) String note) {}

    record Dismissal(
            @NotNull DismissalReason reason,
            @Nullable @Size(max = 4000) String note) {}

    record AssistanceFirst(@NotBlank @Size(max = 4000) String measures) {}

    record Closing(
            @NotNull CaseOutcome outcome,
            @Nullable @Size(max = 4000) String note) {}

    record Reopening(@NotBlank @Size(max = 4000) String reason) {}

    @GetMapping("/{id}")
    Mono<CaseView> read(@AuthenticationPrincipal Jwt jwt, ServerHttpResponse response, @PathVariable UUID id) {
        return cases.read(Caller.of(jwt, Role.class), id).doOnNext(view -> IfMatch.tag(response, view.version()));
    }

    /** An advisor records a visit: findings, needs from the service menu, the household's verified facts. */
    @PostMapping("/{id}/visits")
    Mono<CaseView> visit(
            @AuthenticationPrincipal Jwt jwt,
            ServerHttpResponse response,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody VisitReport report) {
        return cases.recordVisit(Caller.of(jwt, Role.class), id, report, IfMatch.of(ifMatch))
                .doOnNext(view -> IfMatch.tag(response, view.version()));
    }

    /** The difficulty is verified (甄别) after a visit. */
    @PostMapping("/{id}/verify")
    Mono<CaseView> verify(
            @AuthenticationPrincipal Jwt jwt,
            ServerHttpResponse response,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody Verification verification) {
        return cases.verify(Caller.of(jwt, Role.class), id, verification.note(), IfMatch.of(ifMatch))
                .doOnNext(view -> IfMatch.tag(response, view.version()));
    }

    /** Dismissed after a visit, with a reason. */
    @PostMapping("/{id}/dismiss")
    Mono<CaseView> dismiss(
            @AuthenticationPrincipal Jwt jwt,
            ServerHttpResponse response,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody Dismissal dismissal) {
        return cases.dismiss(Caller.of(jwt, Role.class), id, dismissal.reason(), dismissal.note(), IfMatch.of(ifMatch))
                .doOnNext(view -> IfMatch.tag(response, view.version()));
    }

    /** 先行救助: an urgent case is helped at once and verified after. */
    @PostMapping("/{id}/assist-first")
    Mono<CaseView> assistFirst(
            @AuthenticationPrincipal Jwt jwt,
            ServerHttpResponse response,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody AssistanceFirst assistance) {
        return cases.assistFirst(Caller.of(jwt, Role.class), id, assistance.measures(), IfMatch.of(ifMatch))
                .doOnNext(view -> IfMatch.tag(response, view.version()));
    }

    @PostMapping("/{id}/close")
    Mono<CaseView> close(
            @AuthenticationPrincipal Jwt jwt,
            ServerHttpResponse response,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody Closing closing) {
        return cases.close(Caller.of(jwt, Role.class), id, closing.outcome(), closing.note(), IfMatch.of(ifMatch))
                .doOnNext(view -> IfMatch.tag(response, view.version()));
    }

    /** A closed or dismissed case re-opened: the situation changed. */
    @PostMapping("/{id}/reopen")
    Mono<CaseView> reopen(
            @AuthenticationPrincipal Jwt jwt,
            ServerHttpResponse response,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody Reopening reopening) {
        return cases.reopen(Caller.of(jwt, Role.class), id, reopening.reason(), IfMatch.of(ifMatch))
                .doOnNext(view -> IfMatch.tag(response, view.version()));
    }
}
