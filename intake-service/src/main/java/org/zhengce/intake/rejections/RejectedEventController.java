package org.zhengce.intake.rejections;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.intake.departments.DepartmentPrincipal;
import org.zhengce.intake.pipeline.IntakePipeline;
import org.zhengce.intake.pipeline.RejectedEvent;
import org.zhengce.intake.reporting.EventResult;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Lists, reads and replays rejected events. */
@RestController
@Tag(name = "Rejected events", description = "Inspect rejected events and replay them after a fix")
class RejectedEventController {

    private static final int MAX_LIMIT = 10_000;

    private final IntakePipeline pipeline;
    private final Clock clock;

    RejectedEventController(IntakePipeline pipeline, ObjectProvider<Clock> clock) {
        this.pipeline = pipeline;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The result of replaying one rejection: the new outcome (a new rejection id if it is rejected again). */
    record ReplayResult(UUID rejectionId, EventResult result) {}

    /** Which rejections to replay: by id, or every one of a department in a time range. */
    record ReplayRequest(
            @Nullable List<UUID> ids,
            @Nullable String department,
            @Nullable Instant from,
            @Nullable Instant to) {}

    @Operation(operationId = "listRejectedEvents", summary = "Rejected events by department and time (admin)")
    @GetMapping(path = "/admin/rejected-events")
    Flux<RejectedEvent> list(
            @RequestParam(required = false) @Nullable String department,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
            @RequestParam(defaultValue = "1000") int limit) {
        return pipeline.rejected(department, start(from), end(to), Math.min(Math.max(limit, 1), MAX_LIMIT));
    }

    @Operation(operationId = "listOwnRejectedEvents", summary = "The calling department's rejected events")
    @GetMapping(path = "/rejected-events")
    Flux<RejectedEvent> own(
            @AuthenticationPrincipal DepartmentPrincipal principal,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
            @RequestParam(defaultValue = "1000") int limit) {
        return pipeline.rejected(principal.code(), start(from), end(to), Math.min(Math.max(limit, 1), MAX_LIMIT));
    }

    @Operation(operationId = "getRejectedEvent", summary = "One rejected event, its payload masked (admin)")
    @GetMapping(path = "/admin/rejected-events/{id}")
    Mono<RejectedEvent> one(@PathVariable UUID id) {
        return pipeline.rejection(id);
    }

    @Operation(
            operationId = "replayRejectedEvent",
            summary = "Replay one rejected event through the whole pipeline (admin)",
            description = "Reads the payload as first received and sends it through admission, validation and"
                    + " idempotency again, as the department now stands: accepted once, a duplicate after that.")
    @PostMapping(path = "/admin/rejected-events/{id}/replay")
    Mono<ReplayResult> replay(@PathVariable UUID id) {
        return pipeline.replay(id).map(RejectedEventController::result);
    }

    @Operation(operationId = "replayRejectedEvents", summary = "Replay a batch, in order (admin; NDJSON answer)")
    @PostMapping(path = "/admin/rejected-events/replay", produces = MediaType.APPLICATION_NDJSON_VALUE)
    Flux<ReplayResult> replayBatch(@RequestBody ReplayRequest request) {
        Flux<UUID> ids = request.ids() != null
                ? Flux.fromIterable(request.ids())
                : pipeline.rejected(request.department(), start(request.from()), end(request.to()), MAX_LIMIT)
                        .filter(rejected -> rejected.replayedAt() == null)
                        .map(RejectedEvent::id);
        return ids.collectList().flatMapMany(pipeline::replay).map(RejectedEventController::result);
    }

    private static ReplayResult result(IntakePipeline.Replay replay) {
        return new ReplayResult(replay.rejectionId(), EventResult.of(null, replay.outcome()));
    }

    private static Instant start(@Nullable Instant from) {
        return from == null ? Instant.EPOCH : from;
    }

    /** Up to a day ahead of now when not given: everything kept so far. */
    private Instant end(@Nullable Instant to) {
        return to == null ? clock.instant().plus(Duration.ofDays(1)) : to;
    }
}
