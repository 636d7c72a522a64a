package org.zhengce.scoring.deadletters;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.scoring.security.Caller;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code /admin/dead-letters}: the processing dead letters, and their replay after a fix (platform admins). */
@RestController
@Tag(name = "Dead letters", description = "Household events scoring could not process, and their replay")
class DeadLetterController {

    private static final int MAX_LIMIT = 500;

    private final ProcessingDeadLetters deadLetters;

    DeadLetterController(ProcessingDeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** The dead letters listed, from the topic named. */
    record DeadLetters(String topic, List<DeadLetter> deadLetters) {}

    @Operation(
            operationId = "listProcessingDeadLetters",
            summary = "The processing dead letters",
            description = "Household events a processor failed on (household.events.processing.dlq), oldest first in"
                    + " each partition: where each was read from, the kind of fault, the exception (identity numbers"
                    + " masked). Platform admin only.")
    @GetMapping("/admin/dead-letters")
    Mono<DeadLetters> list(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return Mono.error(problem(
                    HttpStatus.BAD_REQUEST, "Invalid limit", "limit is from 1 to " + MAX_LIMIT + ", not " + limit));
        }
        return Mono.fromCallable(() -> new DeadLetters(deadLetters.topic(), deadLetters.list(limit)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @Operation(
            operationId = "replayProcessingDeadLetter",
            summary = "Replay a processing dead letter to the topic it was read from",
            description = "After a fix: the dead letter at this partition and offset is published again, as it was"
                    + " read, to its source topic and partition. Scoring applies an event once, so replaying an event"
                    + " twice changes nothing. Platform admin only.",
            responses = {
                @ApiResponse(responseCode = "202", description = "published again to its source topic"),
                @ApiResponse(
                        responseCode = "404",
                        description = "no dead letter at this partition and offset",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
                @ApiResponse(
                        responseCode = "409",
                        description = "the dead letter names no topic scoring reads household events from",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
            })
    @PostMapping("/admin/dead-letters/{partition}/{offset}/replay")
    Mono<ResponseEntity<ProcessingDeadLetters.Replayed>> replay(
            @PathVariable int partition, @PathVariable long offset, @AuthenticationPrincipal Caller caller) {
        return Mono.fromCallable(() -> {
                    try {
                        return deadLetters
                                .replay(partition, offset, caller.subject())
                                .orElseThrow(() -> problem(
                                        HttpStatus.NOT_FOUND,
                                        "No such dead letter",
                                        "no dead letter at " + deadLetters.topic() + "-" + partition + "@" + offset));
                    } catch (ProcessingDeadLetters.NotReplayable refused) {
                        throw problem(HttpStatus.CONFLICT, "Not replayable", refused.getMessage());
                    }
                })
                .subscribeOn(Schedulers.boundedElastic())
                .map(replayed -> ResponseEntity.accepted().body(replayed));
    }

    private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }
}
