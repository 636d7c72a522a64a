package org.zhengce.referral.routing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.cases.CaseView;
import org.zhengce.referral.security.Role;
import org.zhengce.referral.web.IfMatch;
import reactor.core.publisher.Mono;

/** A supervisor re-assigns a case (role by the security chain, jurisdictions by the cases feature). */
@RestController
@RequestMapping("/cases")
@Validated
class ReassignmentController {

    private final Reassignments reassignments;

    ReassignmentController(Reassignments reassignments) {
        this.reassignments = reassignments;
    }

    record Assignment(@NotBlank String advisorId) {}

    /** A supervisor re-assigns the case to an advisor covering its community. */
    @PostMapping("/{id}/assign")
    Mono<CaseView> assign(
            @AuthenticationPrincipal Jwt jwt,
            ServerHttpResponse response,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody Assignment assignment) {
        return reassignments
                .reassign(Caller.of(jwt, Role.class), id, assignment.advisorId(), IfMatch.of(ifMatch))
                .doOnNext(view -> IfMatch.tag(response, view.version()));
    }
}
