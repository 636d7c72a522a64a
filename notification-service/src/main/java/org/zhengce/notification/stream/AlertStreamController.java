package org.zhengce.notification.stream;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.kit.security.Caller;
import org.zhengce.notification.alerts.Inbox;
import org.zhengce.notification.security.Role;
import reactor.core.publisher.Mono;

/**
 * {@code GET /alerts/stream}: the caller's alerts as server-sent events ({@code event: alert}, {@code id} the
 * caller's alert sequence). With {@code Last-Event-ID} (the header browsers send on reconnecting, or the
 * {@code lastEventId} parameter, which a browser's first connection can set; the header wins when both are given) it
 * first replays every alert after it; a value that is not a number, is ahead of the newest alert, or whose next
 * alerts are out of the replay window is answered with a problem (400, 400, 410) before any event.
 */
@RestController
class AlertStreamController {

    private final AlertStream stream;
    private final Inbox inbox;

    AlertStreamController(AlertStream stream, Inbox inbox) {
        this.stream = stream;
        this.inbox = inbox;
    }

    @GetMapping("/alerts/stream")
    Mono<ResponseEntity<?>> stream(
            @AuthenticationPrincipal Jwt jwt,
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventIdHeader,
            @RequestParam(name = "lastEventId", required = false) @Nullable String lastEventIdParameter) {
        String userId = Caller.of(jwt, Role.class).userId();
        String lastEventId = lastEventIdHeader != null && !lastEventIdHeader.isBlank()
                ? lastEventIdHeader.strip()
                : lastEventIdParameter == null ? null : lastEventIdParameter.strip();
        if (lastEventId == null || lastEventId.isBlank()) {
            return Mono.just(events(userId, null));
        }
        if (!lastEventId.matches("[0-9]{1,18}")) {
            return Mono.just(problem(StreamProblem.notANumber(lastEventId)));
        }
        long from = Long.parseLong(lastEventId);
        return stream.check(userId, from)
                .map(AlertStreamController::problem)
                .switchIfEmpty(Mono.fromSupplier(() -> events(userId, from)));
    }

    private ResponseEntity<?> events(String userId, @Nullable Long from) {
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("X-Accel-Buffering", "no")
                .body(stream.alerts(userId, from).doOnNext(event -> {
                    if (event.data() != null) {
                        inbox.streamed(event.data()).subscribe();
                    }
                }));
    }

    private static ResponseEntity<?> problem(StreamProblem problem) {
        return ResponseEntity.status(problem.problem().getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem.problem());
    }
}
