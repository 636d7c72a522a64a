package org.zhengce.referral.worklists;

import jakarta.validation.constraints.Pattern;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.cases.CaseView;
import org.zhengce.referral.security.Role;
import org.zhengce.referral.timeline.TimelineEntry;
import org.zhengce.referral.visits.VisitView;
import org.zhengce.referral.web.PageRequest;
import reactor.core.publisher.Mono;

/**
 * Lists of cases and of what happened to one, for advisors and supervisors (roles by the security chain,
 * jurisdictions by {@link CaseReads}), a page at a time ({@code limit}, {@code cursor}, {@code Link}).
 */
@RestController
@RequestMapping("/cases")
@Validated
class CaseListController {

    private final CaseReads reads;

    CaseListController(CaseReads reads) {
        this.reads = reads;
    }

    /** The open cases of a community in the caller's jurisdictions, by opening. */
    @GetMapping
    Mono<ResponseEntity<List<CaseView>>> list(
            @AuthenticationPrincipal Jwt jwt,
            ServerHttpRequest request,
            @RequestParam @Pattern(regexp = "[0-9]{12}", message = "must be a 12-digit community code")
                    String community,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return reads.openCasesOf(Caller.of(jwt, Role.class), community, PageRequest.of(limit, cursor))
                .map(page -> page.response(request));
    }

    /** Every step of the case, oldest first: who took it, when, the stage after it. */
    @GetMapping("/{id}/timeline")
    Mono<ResponseEntity<List<TimelineEntry>>> timeline(
            @AuthenticationPrincipal Jwt jwt,
            ServerHttpRequest request,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return reads.timeline(Caller.of(jwt, Role.class), id, PageRequest.of(limit, cursor))
                .map(page -> page.response(request));
    }

    @GetMapping("/{id}/visits")
    Mono<ResponseEntity<List<VisitView>>> visits(
            @AuthenticationPrincipal Jwt jwt,
            ServerHttpRequest request,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return reads.visits(Caller.of(jwt, Role.class), id, PageRequest.of(limit, cursor))
                .map(page -> page.response(request));
    }
}
