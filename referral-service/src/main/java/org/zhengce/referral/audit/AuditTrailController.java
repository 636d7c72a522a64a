package org.zhengce.referral.audit;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.security.Role;
import reactor.core.publisher.Mono;

/**
 * The audit trail for those who must read it: by case, by user, by period (combinable), newest first, a page at a
 * time ({@code limit}, {@code cursor}, {@code Link}); who may read what is {@link AuditTrailReads}'s.
 */
@RestController
class AuditTrailController {

    private final AuditTrailReads reads;

    AuditTrailController(AuditTrailReads reads) {
        this.reads = reads;
    }

    /**
     * The entries about case {@code caseId}, by {@code user}, at or after {@code from} and before {@code to}
     * (ISO-8601 with offset).
     */
    @GetMapping("/audit")
    Mono<ResponseEntity<List<AuditTrailEntry>>> entries(
            @AuthenticationPrincipal Jwt jwt,
            ServerHttpRequest request,
            @RequestParam(required = false) @Nullable String caseId,
            @RequestParam(required = false) @Nullable String user,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return reads.read(Caller.of(jwt, Role.class), caseId, user, from, to, limit, cursor)
                .map(page -> page.response(request));
    }
}
