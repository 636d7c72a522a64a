package org.zhengce.referral.tips;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.security.Role;
import reactor.core.publisher.Mono;

/** {@code GET /tips/{platformEventId}}: what became of a tip, for its reporter. */
@RestController
@Tag(name = "Tips", description = "What became of a reporter's tip")
class TipController {

    private final TipCases tips;

    TipController(TipCases tips) {
        this.tips = tips;
    }

    @Operation(
            operationId = "tipStatus",
            summary = "What became of my tip: RECEIVED, CASE_OPENED, VISITED or CLOSED",
            description = "Keyed by the platformEventId intake answered POST /tips with. Only the tip's reporter may"
                    + " read it (403 tip.not-yours); 404 tip.unknown until referral received it. Never the"
                    + " household's details. Audited.")
    @GetMapping("/tips/{platformEventId}")
    Mono<TipView> read(@AuthenticationPrincipal Jwt jwt, @PathVariable String platformEventId) {
        return Mono.defer(() -> tips.read(Caller.of(jwt, Role.class), platformEventId));
    }
}
