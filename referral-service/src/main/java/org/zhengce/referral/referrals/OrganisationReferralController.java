package org.zhengce.referral.referrals;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
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
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.security.OrganisationClaim;
import org.zhengce.referral.security.Role;
import org.zhengce.referral.web.PageRequest;
import reactor.core.publisher.Mono;

/** For social organisations (role {@code ORGANISATION}, claim {@code organisation}): the referrals made to them. */
@RestController
@RequestMapping("/referrals")
@Validated
class OrganisationReferralController {

    private final OrganisationReferrals referrals;

    OrganisationReferralController(OrganisationReferrals referrals) {
        this.referrals = referrals;
    }

    record Declining(@NotBlank @Size(max = 4000) String reason) {}

    record Report(@NotBlank @Size(max = 4000) String feedback, boolean completed) {}

    /** The referrals made to the caller's organisation, oldest first, a page at a time. */
    @GetMapping
    Mono<ResponseEntity<List<ReferralView>>> mine(
            @AuthenticationPrincipal Jwt jwt,
            ServerHttpRequest request,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return referrals
                .mine(OrganisationClaim.of(jwt), PageRequest.of(limit, cursor))
                .map(page -> page.response(request));
    }

    @PostMapping("/{id}/accept")
    Mono<ReferralView> accept(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return referrals.accept(Caller.of(jwt, Role.class), OrganisationClaim.of(jwt), id);
    }

    @PostMapping("/{id}/decline")
    Mono<ReferralView> decline(
            @AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @Valid @RequestBody Declining declining) {
        return referrals.decline(Caller.of(jwt, Role.class), OrganisationClaim.of(jwt), id, declining.reason());
    }

    @PostMapping("/{id}/report")
    Mono<ReferralView> report(
            @AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @Valid @RequestBody Report report) {
        return referrals.report(
                Caller.of(jwt, Role.class), OrganisationClaim.of(jwt), id, report.feedback(), report.completed());
    }
}
