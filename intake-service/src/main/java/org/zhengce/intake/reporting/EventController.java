package org.zhengce.intake.reporting;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.intake.departments.Department;
import org.zhengce.intake.departments.DepartmentPrincipal;
import org.zhengce.intake.pipeline.Channel;
import org.zhengce.intake.pipeline.IntakePipeline;
import org.zhengce.intake.pipeline.Outcome;
import org.zhengce.intake.pipeline.PayloadFormat;
import org.zhengce.intake.pipeline.Submission;
import org.zhengce.intake.reading.EventJson;
import org.zhengce.intake.reading.NdjsonLines;
import org.zhengce.intake.reading.ReadEvent;
import org.zhengce.intake.validation.ValidationRule;
import org.zhengce.intake.validation.Violation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

/** {@code POST /events}: one event as JSON, or a stream of up to 100,000 as NDJSON. */
@RestController
@Tag(name = "Events", description = "Report department events")
@EnableConfigurationProperties({ReportingSettings.class, LimitSettings.class})
class EventController {

    static final MediaType NDJSON = MediaType.APPLICATION_NDJSON;

    private final IntakePipeline pipeline;
    private final EventJson json;
    private final DepartmentRateLimits limits;
    private final ReportingSettings settings;
    private final LimitSettings limitSettings;
    private final RequestTraces traces;

    EventController(
            IntakePipeline pipeline,
            EventJson json,
            DepartmentRateLimits limits,
            ReportingSettings settings,
            LimitSettings limitSettings,
            RequestTraces traces) {
        this.pipeline = pipeline;
        this.traces = traces;
        this.json = json.withLimits(limitSettings.reading(settings));
        this.limits = limits;
        this.settings = settings;
        this.limitSettings = limitSettings;
    }

    @Operation(
            operationId = "reportEvent",
            summary = "Report one event",
            description = "One event as application/json, or up to 100,000 as application/x-ndjson (one event per"
                    + " line, read as a stream; answered with one NDJSON result per non-blank line, in order, each"
                    + " with its line number; a broken line is rejected alone and the others are still read)."
                    + " For one event: 202 when it is on household.events and in the ledger (a re-send answers 202"
                    + " with status duplicate and the same platformEventId); 400 with every violation; 403 when the"
                    + " department may not report the type; 409 when the eventId was accepted with another payload"
                    + " (naming that platformEventId and its acceptedAt; no digest is shown);"
                    + " 413 above the size limit (rule size.event; its first bytes kept sealed as a rejection);"
                    + " 408 when the body does not arrive within the read time-out; 429 over the department's rate"
                    + " limit or its limit of requests at once; 503 pending (re-send to learn the answer) or"
                    + " unavailable (the registry or the database did not answer; re-send after Retry-After)."
                    + " An identity number in a free-text field is masked before publishing and the answer's"
                    + " maskedFields names those fields (per line for NDJSON), never the value.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = {
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(type = "object")),
                                @Content(
                                        mediaType = MediaType.APPLICATION_NDJSON_VALUE,
                                        schema = @Schema(type = "string"))
                            }),
            responses = {
                @ApiResponse(
                        responseCode = "202",
                        description = "accepted, or a duplicate of an accepted event",
                        content = @Content(schema = @Schema(implementation = EventResult.class))),
                @ApiResponse(
                        responseCode = "200",
                        description = "NDJSON: one result per line",
                        content =
                                @Content(
                                        mediaType = MediaType.APPLICATION_NDJSON_VALUE,
                                        schema = @Schema(implementation = EventResult.class))),
                @ApiResponse(
                        responseCode = "400",
                        description = "invalid: every violation, and the rejection id",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
                @ApiResponse(
                        responseCode = "401",
                        description = "no, wrong, revoked or expired credential",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
                @ApiResponse(
                        responseCode = "403",
                        description = "department disabled, or type not allowed",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
                @ApiResponse(
                        responseCode = "409",
                        description = "same eventId accepted with another payload",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
                @ApiResponse(
                        responseCode = "413",
                        description = "body over the size limit (rule size.event), kept sealed as a rejection",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
                @ApiResponse(
                        responseCode = "429",
                        description = "over the rate limit; see Retry-After",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
                @ApiResponse(
                        responseCode = "503",
                        description = "stored, not yet confirmed on Kafka (status pending), or not taken because a"
                                + " service intake depends on is unavailable (status unavailable); re-send after"
                                + " Retry-After",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
            })
    @PostMapping(path = "/events", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Object>> report(
            @AuthenticationPrincipal DepartmentPrincipal principal, ServerHttpRequest request) {
        return one(principal.department(), request, pipeline::receive, false);
    }

    @Operation(
            operationId = "tryEvent",
            summary = "Try one event, or an NDJSON stream, without sending it (a dry run)",
            description = "Answers exactly as POST /events would (the same rules and rule names, the same limits,"
                    + " authentication and rate limits, the same 400, 403, 409, 413 and 429 answers, identity"
                    + " numbers masked the same way), but keeps nothing: no ledger row, no registration, no"
                    + " rejection, no record on household.events, no dead letter. A valid event answers 200 with"
                    + " status valid and no platformEventId (it was not accepted); a rejection or conflict has no"
                    + " rejectionId. An eventId already accepted answers duplicate (or conflict) as a re-send would."
                    + " NDJSON: one result per non-blank line, as POST /events.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = {
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(type = "object")),
                                @Content(
                                        mediaType = MediaType.APPLICATION_NDJSON_VALUE,
                                        schema = @Schema(type = "string"))
                            }),
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "valid (would be accepted), or a duplicate of an accepted event; NDJSON: one"
                                + " result per line",
                        content = @Content(schema = @Schema(implementation = EventResult.class))),
                @ApiResponse(
                        responseCode = "400",
                        description = "invalid: every violation (nothing kept)",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
                @ApiResponse(
                        responseCode = "403",
                        description = "department disabled, or type not allowed",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
                @ApiResponse(
                        responseCode = "409",
                        description = "same eventId accepted with another payload",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
                @ApiResponse(
                        responseCode = "413",
                        description = "body over the size limit (rule size.event)",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
                @ApiResponse(
                        responseCode = "429",
                        description = "over the rate limit; see Retry-After",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
            })
    @PostMapping(path = "/events/dry-run", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Object>> tryOut(
            @AuthenticationPrincipal DepartmentPrincipal principal, ServerHttpRequest request) {
        return one(principal.department(), request, pipeline::tryOut, true);
    }

    /** Documented with {@link #tryOut}. */
    @Operation(hidden = true)
    @PostMapping(
            path = "/events/dry-run",
            consumes = MediaType.APPLICATION_NDJSON_VALUE,
            produces = MediaType.APPLICATION_NDJSON_VALUE)
    Flux<EventResult> tryOutStream(@AuthenticationPrincipal DepartmentPrincipal principal, ServerHttpRequest request) {
        return stream(principal.department(), request, pipeline::tryOut);
    }

    /** Runs a batch through the pipeline: for real ({@link IntakePipeline#receive}) or as a dry run. */
    @FunctionalInterface
    interface Run {
        Mono<List<Outcome>> apply(Department sender, List<Submission> batch);
    }

    /**
     * One event through {@code run}, answered as {@link #answer} says; in a dry run a valid event or a duplicate is
     * 200 (nothing was accepted), every other answer as for real.
     */
    private Mono<ResponseEntity<Object>> one(
            Department department, ServerHttpRequest request, Run run, boolean dryRun) {
        limits.enter(department);
        return BoundedBody.read(request.getBody(), (int) settings.maxEventSize().toBytes(), limitSettings.readTimeout())
                .zipWith(traces.current().map(Optional::of).defaultIfEmpty(Optional.empty()))
                .flatMap(read -> run.apply(
                        department,
                        List.of(submission(read.getT1()).traced(read.getT2().orElse(null)))))
                .map(outcomes -> answer(department, outcomes.get(0), request, dryRun))
                .doFinally(signal -> limits.leave(department));
    }

    /** Documented with {@link #report}: springdoc shows one operation per path and method. */
    @Operation(hidden = true)
    @PostMapping(
            path = "/events",
            consumes = MediaType.APPLICATION_NDJSON_VALUE,
            produces = MediaType.APPLICATION_NDJSON_VALUE)
    Flux<EventResult> reportStream(@AuthenticationPrincipal DepartmentPrincipal principal, ServerHttpRequest request) {
        return stream(principal.department(), request, pipeline::receive);
    }

    private Flux<EventResult> stream(Department department, ServerHttpRequest request, Run run) {
        limits.enter(department);
        int limit = settings.maxEventsPerStream();
        Flux<Tuple2<Long, NdjsonLines.Line>> lines = NdjsonLines.split(
                        BoundedBody.paced(request.getBody(), limitSettings.readTimeout()),
                        (int) settings.maxLineSize().toBytes())
                // one line past the limit, to say where reading stopped
                .take(limit + 1L)
                .index();
        return Batches.of(
                        lines,
                        line -> line.getT2().bytes().length,
                        settings.batchSize(),
                        limitSettings.maxBatchBytes().toBytes(),
                        settings.batchWait())
                .concatMap(batch -> {
                    List<NdjsonLines.Line> within = batch.stream()
                            .filter(line -> line.getT1() < limit)
                            .map(line -> line.getT2())
                            .toList();
                    Flux<EventResult> results = within.isEmpty() ? Flux.empty() : processBatch(department, within, run);
                    return batch.get(batch.size() - 1).getT1() < limit
                            ? results
                            : results.concatWith(Mono.just(EventResult.streamLimit(
                                    batch.get(batch.size() - 1).getT2().number(), limit)));
                })
                .doFinally(signal -> limits.leave(department));
    }

    /** A single event's body: read, or over the size limit (its first bytes kept, sealed, with the rejection). */
    private Submission submission(BoundedBody body) {
        ReadEvent read = body.tooLarge()
                ? new ReadEvent(
                        null,
                        null,
                        null,
                        List.of(new Violation(
                                "", ValidationRule.EVENT_TOO_LARGE, "event larger than " + settings.maxEventSize())))
                : json.read(body.bytes());
        return new Submission(Channel.HTTP, "request", read, PayloadFormat.JSON, body.bytes());
    }

    private Flux<EventResult> processBatch(Department department, List<NdjsonLines.Line> lines, Run run) {
        return traces.current()
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMapMany(trace -> processBatch(department, lines, trace.orElse(null), run));
    }

    private Flux<EventResult> processBatch(
            Department department, List<NdjsonLines.Line> lines, @Nullable String traceparent, Run run) {
        List<Submission> submissions =
                lines.stream().map(line -> submission(line).traced(traceparent)).toList();
        return limits.throttle(department, submissions.size())
                .then(run.apply(department, submissions))
                .flatMapIterable(outcomes -> {
                    java.util.ArrayList<EventResult> results = new java.util.ArrayList<>(outcomes.size());
                    for (int i = 0; i < outcomes.size(); i++) {
                        results.add(EventResult.of(lines.get(i).number(), outcomes.get(i)));
                    }
                    return results;
                });
    }

    private Submission submission(NdjsonLines.Line line) {
        String ref = "line " + line.number();
        if (line.tooLong()) {
            return new Submission(
                    Channel.NDJSON,
                    ref,
                    new ReadEvent(
                            null,
                            null,
                            null,
                            List.of(new Violation(
                                    "", ValidationRule.LINE_TOO_LONG, "line longer than " + settings.maxLineSize()))),
                    PayloadFormat.JSON,
                    new byte[0]);
        }
        return new Submission(Channel.NDJSON, ref, json.read(line.bytes()), PayloadFormat.JSON, line.bytes());
    }

    /** A single event's answer: the result for accepted and duplicate, a problem otherwise. */
    private ResponseEntity<Object> answer(
            Department department, Outcome outcome, ServerHttpRequest request, boolean dryRun) {
        EventResult result = EventResult.of(null, outcome);
        if (outcome instanceof Outcome.Valid || (dryRun && outcome instanceof Outcome.Duplicate)) {
            return ResponseEntity.ok(result);
        }
        if (outcome instanceof Outcome.Accepted || outcome instanceof Outcome.Duplicate) {
            return ResponseEntity.accepted().body(result);
        }
        if (outcome instanceof Outcome.Pending || outcome instanceof Outcome.Unavailable) {
            boolean pending = outcome instanceof Outcome.Pending;
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, pending ? "5" : "30")
                    .body(problem(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            pending ? "Event pending" : "Intake unavailable",
                            pending
                                    ? "the event is stored but Kafka has not confirmed it yet; it will be published:"
                                            + " send it again to get the final answer"
                                    : "a service intake depends on (the schema registry, its database or Kafka) did"
                                            + " not answer; the event was not taken and nothing was kept: send it again",
                            result,
                            request));
        }
        if (outcome instanceof Outcome.Conflict c) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(problem(
                            HttpStatus.CONFLICT,
                            "Conflicting duplicate",
                            "event " + c.eventId() + " of " + department.code() + " was " + c.explanation()
                                    + keptAs("; this payload is kept", c.rejectionId()),
                            result,
                            request));
        }
        Outcome.Rejected r = (Outcome.Rejected) outcome;
        if (r.violations().stream().anyMatch(v -> v.rule() == ValidationRule.EVENT_TOO_LARGE)) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(problem(
                            HttpStatus.CONTENT_TOO_LARGE,
                            "Body too large",
                            "event larger than " + settings.maxEventSize()
                                    + keptAs("; its first bytes are kept sealed", r.rejectionId())
                                    + "; send a larger batch as NDJSON or a CSV file",
                            result,
                            request));
        }
        if (r.forbidden()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN)
                    .body(problem(
                            HttpStatus.FORBIDDEN,
                            "Event type not allowed",
                            r.refusal(department.code()),
                            result,
                            request));
        }
        return ResponseEntity.badRequest()
                .body(problem(
                        HttpStatus.BAD_REQUEST,
                        "Invalid event",
                        r.violations().size() + " violation(s): "
                                + r.violations().stream()
                                        .map(v -> v.fieldPath() + " " + v.ruleCode())
                                        .collect(java.util.stream.Collectors.joining("; ")),
                        result,
                        request));
    }

    /** Where a refused payload is kept: "… kept as rejection …", or, in a dry run, that nothing was kept. */
    private static String keptAs(String what, java.util.@Nullable UUID rejectionId) {
        return rejectionId == null ? " (a dry run: nothing was kept)" : what + " as rejection " + rejectionId;
    }

    private static ProblemDetail problem(
            HttpStatus status, String title, String detail, EventResult result, ServerHttpRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getPath().value()));
        problem.setProperty("status", result.status());
        if (result.eventId() != null) {
            problem.setProperty("eventId", result.eventId());
        }
        if (result.rejectionId() != null) {
            problem.setProperty("rejectionId", result.rejectionId());
        }
        if (result.platformEventId() != null) {
            problem.setProperty("platformEventId", result.platformEventId());
        }
        if (result.violations() != null) {
            problem.setProperty("violations", result.violations());
        }
        if (result.acceptedAt() != null) {
            problem.setProperty("acceptedAt", result.acceptedAt());
        }
        return problem;
    }
}
