package org.zhengce.notification.alerts;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import org.zhengce.kit.security.Caller;
import org.zhengce.notification.security.Role;
import reactor.core.publisher.Mono;

/** The inbox: the caller's alerts, read marks and acknowledgements; a community's alerts for its supervisors. */
@RestController
@Validated
class InboxController {

    /** An alert sequence number: digits, within a long. */
    private static final String SEQUENCE = "[0-9]{1,18}";

    private final Inbox inbox;

    InboxController(Inbox inbox) {
        this.inbox = inbox;
    }

    /** An acknowledgement, optionally with a note (what was done). */
    record Acknowledgement(@Nullable String note) {}

    /**
     * The caller's alerts, newest first, {@code limit} at a time; {@code before} a sequence: the alerts older than
     * it. When there are more, {@code Link: <...&before=n>; rel="next"} names the next page.
     */
    @GetMapping("/alerts")
    Mono<ResponseEntity<List<AlertView>>> mine(
            @AuthenticationPrincipal Jwt jwt,
            @RequestParam(defaultValue = "false") boolean unacknowledged,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
            @RequestParam(required = false) @Nullable String before,
            ServerHttpRequest request) {
        Long beforeSequence = null;
        if (before != null && !before.isBlank()) {
            if (!before.strip().matches(SEQUENCE)) {
                return Mono.error(AlertProblem.notASequence("before", before));
            }
            beforeSequence = Long.parseLong(before.strip());
        }
        return inbox.mine(Caller.of(jwt, Role.class), unacknowledged, beforeSequence, limit)
                .map(page -> {
                    ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
                    if (page.nextBefore() != null) {
                        answer.header(HttpHeaders.LINK, "<" + nextPage(request, page.nextBefore()) + ">; rel=\"next\"");
                    }
                    return answer.body(page.alerts());
                });
    }

    /** The same path and query, {@code before} replaced. */
    private static String nextPage(ServerHttpRequest request, long before) {
        return UriComponentsBuilder.fromPath(request.getPath().value())
                .query(request.getURI().getRawQuery())
                .replaceQueryParam("before", before)
                .build()
                .toUriString();
    }

    @GetMapping("/alerts/{id}")
    Mono<AlertView> read(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return inbox.read(Caller.of(jwt, Role.class), id);
    }

    @PostMapping("/alerts/{id}/read")
    Mono<AlertView> markRead(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return inbox.markRead(Caller.of(jwt, Role.class), id);
    }

    /** Acknowledges the caller's alert: it stops escalating. */
    @PostMapping("/alerts/{id}/acknowledge")
    Mono<AlertView> acknowledge(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable UUID id,
            @RequestBody(required = false) @Nullable Acknowledgement acknowledgement) {
        return inbox.acknowledge(
                Caller.of(jwt, Role.class), id, acknowledgement == null ? null : acknowledgement.note());
    }

    /** A community's alerts, newest first: for a supervisor covering it, or an admin. */
    @GetMapping("/communities/{community}/alerts")
    Mono<List<AlertView>> ofCommunity(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable @Pattern(regexp = "[0-9]{12}", message = "must be a 12-digit community code")
                    String community,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return inbox.ofCommunity(Caller.of(jwt, Role.class), community, limit).collectList();
    }
}
