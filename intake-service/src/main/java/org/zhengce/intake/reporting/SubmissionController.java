package org.zhengce.intake.reporting;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.intake.departments.Department;
import org.zhengce.intake.departments.DepartmentPermissions;
import org.zhengce.intake.departments.DepartmentPrincipal;
import org.zhengce.intake.departments.Permission;
import org.zhengce.intake.pipeline.Channel;
import org.zhengce.intake.pipeline.IntakePipeline;
import org.zhengce.intake.pipeline.Outcome;
import org.zhengce.intake.pipeline.PayloadFormat;
import org.zhengce.intake.pipeline.Submission;
import org.zhengce.intake.reading.CsvEvents;
import org.zhengce.intake.reading.EventJson;
import org.zhengce.intake.reading.EventTypes;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /submissions}: a nightly CSV file of one event type, answered when every row is through the pipeline,
 * with a report kept under the submission id.
 */
@RestController
@Tag(name = "Submissions", description = "Upload nightly CSV files and read their reports")
class SubmissionController {

    private final IntakePipeline pipeline;
    private final EventJson json;
    private final SubmissionStore store;
    private final DepartmentRateLimits limits;
    private final ReportingSettings settings;
    private final LimitSettings limitSettings;
    private final Clock clock;

    SubmissionController(
            IntakePipeline pipeline,
            EventJson json,
            SubmissionStore store,
            DepartmentRateLimits limits,
            ReportingSettings settings,
            LimitSettings limitSettings,
            ObjectProvider<Clock> clock) {
        this.pipeline = pipeline;
        this.json = json.withLimits(limitSettings.reading(settings));
        this.limitSettings = limitSettings;
        this.store = store;
        this.limits = limits;
        this.settings = settings;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Operation(
            operationId = "submitCsv",
            summary = "Upload a CSV file of one event type",
            description = "Header row, then one event per row. Columns: eventId, occurredAt, reportedAt,"
                    + " householdNumber or identityNumber, communityCode, then the fact's fields by name (nested as"
                    + " members[0].identity.identityNumber). UTF-8 by default; declare GB18030 with"
                    + " Content-Type: text/csv; charset=GB18030. 201 with the report once every row is through;"
                    + " each row's result at /submissions/{id}/rows. 400 for a file in the wrong encoding or an"
                    + " unknown type, 403 for a type the department may not report, 413 above the size limit,"
                    + " 429 over the department's limit of requests at once. A row longer than"
                    + " intake.limits.max-row-size (size.row) or with a cell longer than intake.limits.max-cell-size"
                    + " (size.cell) is rejected alone; the rows after it are still read.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @io.swagger.v3.oas.annotations.media.Content(
                                            mediaType = "text/csv",
                                            schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))))
    @PostMapping(path = "/submissions", consumes = "text/csv")
    Mono<ResponseEntity<SubmissionReport>> submit(
            @AuthenticationPrincipal DepartmentPrincipal principal,
            @Parameter(description = "the event type of every row, e.g. HospitalDischarged") @RequestParam String type,
            @Parameter(description = "the file's name, for the report") @RequestParam(required = false) @Nullable
                    String fileName,
            ServerHttpRequest request) {
        Department department = principal.department();
        Charset charset = charsetOf(request);
        long max = settings.maxFileSize().toBytes();
        RuntimeException refused = refusal(department, request, type);
        if (refused != null) {
            return Mono.error(refused);
        }
        limits.enter(department);
        UUID id = UUID.randomUUID();
        SubmissionReport opened = new SubmissionReport(
                id,
                department.code(),
                type,
                fileName,
                charset.name(),
                clock.instant(),
                null,
                "RECEIVED",
                null,
                0,
                0,
                0,
                0,
                0);
        return Mono.using(
                        () -> Files.createTempFile("intake-submission-", ".csv"),
                        file -> receive(request, file, max, limitSettings.readTimeout())
                                .then(Mono.fromCallable(() -> CsvEvents.encodingError(file, charset))
                                        .subscribeOn(Schedulers.boundedElastic()))
                                .flatMap(encodingError -> encodingError.isPresent()
                                        ? store.open(opened)
                                                .then(store.close(id, "REJECTED", encodingError.get(), clock.instant()))
                                                .then(Mono.<SubmissionReport>error(new SubmissionRefusedException(
                                                        HttpStatus.BAD_REQUEST,
                                                        "Wrong encoding",
                                                        encodingError.get(),
                                                        id)))
                                        : store.open(opened)
                                                .then(results(
                                                                department,
                                                                "submission " + id,
                                                                file,
                                                                charset,
                                                                type,
                                                                pipeline::receive)
                                                        .concatMap(results -> store.addRows(id, results))
                                                        .then())
                                                .then(store.close(id, "COMPLETED", null, clock.instant()))
                                                .then(store.find(department.code(), id))),
                        SubmissionController::delete)
                .map(report ->
                        ResponseEntity.created(URI.create("/submissions/" + id)).body(report))
                .doFinally(signal -> limits.leave(department));
    }

    @Operation(
            operationId = "trySubmission",
            summary = "Try a CSV file without sending it (a dry run)",
            description = "The file as POST /submissions takes it (the same columns, encodings, rules and rule names,"
                    + " limits, authentication and rate limits; the same 400 for a wrong encoding or an unknown type,"
                    + " 403 for a type the department may not report, 413 above the size limit, 429 over the limit of"
                    + " requests at once), answered at once with each row's result as NDJSON, in row order, the"
                    + " shape of /submissions/{id}/rows: status valid for a row that would be accepted (no"
                    + " platformEventId), rejected with every violation (no rejectionId), duplicate or conflict for an"
                    + " eventId already accepted. Nothing is kept: no submission report, no ledger row, no"
                    + " registration, no rejection, no record on household.events, no dead letter.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @io.swagger.v3.oas.annotations.media.Content(
                                            mediaType = "text/csv",
                                            schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))))
    @PostMapping(path = "/submissions/dry-run", consumes = "text/csv", produces = MediaType.APPLICATION_NDJSON_VALUE)
    Flux<EventResult> tryOut(
            @AuthenticationPrincipal DepartmentPrincipal principal,
            @Parameter(description = "the event type of every row, e.g. HospitalDischarged") @RequestParam String type,
            ServerHttpRequest request) {
        Department department = principal.department();
        Charset charset = charsetOf(request);
        long max = settings.maxFileSize().toBytes();
        RuntimeException refused = refusal(department, request, type);
        if (refused != null) {
            return Flux.error(refused);
        }
        limits.enter(department);
        return Flux.using(
                        () -> Files.createTempFile("intake-dry-run-", ".csv"),
                        file -> receive(request, file, max, limitSettings.readTimeout())
                                .then(Mono.fromCallable(() -> CsvEvents.encodingError(file, charset))
                                        .subscribeOn(Schedulers.boundedElastic()))
                                .flatMapMany(encodingError -> encodingError.isPresent()
                                        ? Flux.<EventResult>error(new SubmissionRefusedException(
                                                HttpStatus.BAD_REQUEST, "Wrong encoding", encodingError.get(), null))
                                        : results(department, "dry run", file, charset, type, pipeline::tryOut)
                                                .concatMapIterable(results -> results)),
                        SubmissionController::delete)
                .doFinally(signal -> limits.leave(department));
    }

    @Operation(operationId = "getSubmission", summary = "A submission's report (the department's own only)")
    @GetMapping("/submissions/{id}")
    Mono<SubmissionReport> report(@AuthenticationPrincipal DepartmentPrincipal principal, @PathVariable UUID id) {
        return store.find(principal.code(), id).switchIfEmpty(Mono.error(() -> new SubmissionNotFoundException(id)));
    }

    @Operation(operationId = "getSubmissionRows", summary = "Each row's result, in row order (NDJSON)")
    @GetMapping(path = "/submissions/{id}/rows", produces = MediaType.APPLICATION_NDJSON_VALUE)
    Flux<EventResult> rows(@AuthenticationPrincipal DepartmentPrincipal principal, @PathVariable UUID id) {
        return report(principal, id).flatMapMany(found -> store.rows(id));
    }

    /** Writes the body to {@code file}, failing with 413 past {@code max} bytes and 408 when it pauses too long. */
    private static Mono<Void> receive(ServerHttpRequest request, Path file, long max, Duration readTimeout) {
        AtomicLong size = new AtomicLong();
        return DataBufferUtils.write(
                BoundedBody.paced(request.getBody(), readTimeout).doOnNext(buffer -> {
                    if (size.addAndGet(buffer.readableByteCount()) > max) {
                        DataBufferUtils.release(buffer);
                        throw new DataBufferLimitException("file larger than " + max + " bytes");
                    }
                }),
                file);
    }

    /** Each batch's results, in row order, run for real or as a dry run. */
    private Flux<List<EventResult>> results(
            Department department, String source, Path file, Charset charset, String type, EventController.Run run) {
        Flux<CsvEvents.CsvRow> read = Flux.using(
                        () -> CsvEvents.rows(
                                file,
                                charset,
                                type,
                                json,
                                limitSettings.maxRowSize().toBytes()),
                        opened -> Flux.fromIterable(() -> opened),
                        CsvEvents.Rows::close)
                .subscribeOn(Schedulers.boundedElastic());
        return Batches.of(
                        read,
                        row -> row.source().length,
                        settings.batchSize(),
                        limitSettings.maxBatchBytes().toBytes(),
                        settings.batchWait())
                .concatMap(batch -> {
                    List<Submission> submissions = new ArrayList<>(batch.size());
                    for (CsvEvents.CsvRow row : batch) {
                        submissions.add(new Submission(
                                Channel.CSV,
                                source + " row " + row.rowNumber(),
                                row.event(),
                                PayloadFormat.JSON_TEXT,
                                row.source()));
                    }
                    return limits.throttle(department, batch.size())
                            .then(run.apply(department, submissions))
                            .map(outcomes -> {
                                List<EventResult> results = new ArrayList<>(outcomes.size());
                                for (int i = 0; i < outcomes.size(); i++) {
                                    Outcome outcome = outcomes.get(i);
                                    results.add(EventResult.of(batch.get(i).rowNumber(), outcome));
                                }
                                return results;
                            });
                });
    }

    private static Charset charsetOf(ServerHttpRequest request) {
        MediaType contentType = request.getHeaders().getContentType();
        return contentType == null || contentType.getCharset() == null
                ? StandardCharsets.UTF_8
                : contentType.getCharset();
    }

    /** Why a file is refused before it is read (413, 400 unknown type, 403 type not allowed), or null. */
    private @Nullable RuntimeException refusal(Department department, ServerHttpRequest request, String type) {
        if (request.getHeaders().getContentLength() > settings.maxFileSize().toBytes()) {
            return new DataBufferLimitException("file larger than " + settings.maxFileSize());
        }
        if (!EventTypes.names().contains(type)) {
            return new SubmissionRefusedException(
                    HttpStatus.BAD_REQUEST,
                    "Unknown event type",
                    "unknown event type '" + type + "'; the data standard has " + EventTypes.names(),
                    null);
        }
        if (DepartmentPermissions.mayReport(department, type) instanceof Permission.Refused refused) {
            return new SubmissionRefusedException(
                    HttpStatus.FORBIDDEN, "Event type not allowed", refused.reason(), null);
        }
        return null;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
