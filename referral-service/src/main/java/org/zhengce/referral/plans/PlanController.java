package org.zhengce.referral.plans;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.events.ReferralTier;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.referrals.ReferralView;
import org.zhengce.referral.security.Role;
import org.zhengce.referral.web.IfMatch;
import reactor.core.publisher.Mono;

/**
 * A case's plan (一户一策) and its referrals, for advisors and supervisors of the case's community. A plan answers
 * with {@code ETag: "<plan version>"}; its changes take an optional {@code If-Match} (412 when stale).
 */
@RestController
@Validated
class PlanController {

    private final CasePlans plans;

    PlanController(CasePlans plans) {
        this.plans = plans;
    }

    record Draft(
            @NotNull ReferralTier tier,
            @NotNull @Size(max = 20) List<@NotBlank String> programmes,
            @NotNull @Size(max = 31) List<@Valid @NotNull Choice> resources,
            @Nullable @Min(1) Integer reviewIntervalDays,
            @Nullable @Min(0) Long oneOffAssistanceFen,
            @Nullable @Size(max = 4000) String note) {}

    record Choice(@NotBlank String serviceItem, @NotBlank String organisationId) {}

    record Decision(@Nullable @Size(max = 4000) String note) {}

    record Rejection(@NotBlank @Size(max = 4000) String note) {}

    @GetMapping("/cases/{id}/plan")
    Mono<PlanView> plan(@AuthenticationPrincipal Jwt jwt, ServerHttpResponse response, @PathVariable UUID id) {
        return plans.plan(Caller.of(jwt, Role.class), id).doOnNext(plan -> IfMatch.tag(response, plan.version()));
    }

    @GetMapping("/cases/{id}/plan/versions")
    Mono<List<PlanView>> versions(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return plans.versions(Caller.of(jwt, Role.class), id);
    }

    /** The advisor's version: a new version, the previous draft superseded. */
    @PutMapping("/cases/{id}/plan")
    Mono<PlanView> redraft(
            @AuthenticationPrincipal Jwt jwt,
            ServerHttpResponse response,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody Draft draft) {
        return plans.redraft(
                        Caller.of(jwt, Role.class),
                        id,
                        new CasePlans.PlanRequest(
                                draft.tier(),
                                draft.programmes(),
                                draft.resources().stream()
                                        .map(c -> new CasePlans.PlanRequest.ResourceChoice(
                                                c.serviceItem(), c.organisationId()))
                                        .toList(),
                                draft.reviewIntervalDays(),
                                draft.oneOffAssistanceFen() == null ? 0 : draft.oneOffAssistanceFen(),
                                draft.note()),
                        IfMatch.of(ifMatch))
                .doOnNext(plan -> IfMatch.tag(response, plan.version()));
    }

    @PostMapping("/cases/{id}/plan/confirm")
    Mono<PlanView> confirm(
            @AuthenticationPrincipal Jwt jwt,
            ServerHttpResponse response,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        return plans.confirm(Caller.of(jwt, Role.class), id, IfMatch.of(ifMatch))
                .doOnNext(plan -> IfMatch.tag(response, plan.version()));
    }

    @PostMapping("/cases/{id}/plan/approve")
    Mono<PlanView> approve(
            @AuthenticationPrincipal Jwt jwt,
            ServerHttpResponse response,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody Decision decision) {
        return plans.approve(Caller.of(jwt, Role.class), id, decision.note(), IfMatch.of(ifMatch))
                .doOnNext(plan -> IfMatch.tag(response, plan.version()));
    }

    @PostMapping("/cases/{id}/plan/reject")
    Mono<PlanView> reject(
            @AuthenticationPrincipal Jwt jwt,
            ServerHttpResponse response,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody Rejection rejection) {
        return plans.reject(Caller.of(jwt, Role.class), id, rejection.note(), IfMatch.of(ifMatch))
                .doOnNext(plan -> IfMatch.tag(response, plan.version()));
    }

    @GetMapping("/cases/{id}/referrals")
    Mono<List<ReferralView>> referrals(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return plans.referrals(Caller.of(jwt, Role.class), id);
    }
}
