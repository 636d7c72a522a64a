package org.zhengce.scoring.queries;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.state.HostInfo;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.zhengce.scoring.activation.PublishedModels;
import org.zhengce.scoring.audit.ForwardedQueries;
import org.zhengce.scoring.model.Assessment;
import org.zhengce.scoring.portrait.Portrait;
import org.zhengce.scoring.security.Caller;
import org.zhengce.scoring.streams.HouseholdState;
import org.zhengce.scoring.streams.Stores;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code /households/{household}/portrait} and {@code /score}: one household, from whichever instance holds it,
 * for a caller whose jurisdictions cover its community. Each answer names the household's community for its audit
 * (the kit's filter writes the record; a forwarded question's community comes back in the holder's answer).
 */
@RestController
@Tag(name = "Households", description = "A household's portrait and its score with the reasons")
class HouseholdController {

    private static final String PORTRAIT = "/households/{household}/portrait";
    private static final String SCORE = "/households/{household}/score";

    private final LocalStores stores;
    private final Instances instances;
    private final Peers peers;
    private final PublishedModels models;
    private final ForwardedQueries forwarded;
    private final Clock clock;

    HouseholdController(
            LocalStores stores,
            Instances instances,
            Peers peers,
            PublishedModels models,
            ForwardedQueries forwarded,
            ObjectProvider<Clock> clock) {
        this.stores = stores;
        this.instances = instances;
        this.peers = peers;
        this.models = models;
        this.forwarded = forwarded;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Operation(
            operationId = "householdPortrait",
            summary = "A household's portrait",
            description = "Members (pseudonyms, age, sex, relation), programmes, the last economic check, health,"
                    + " disabilities, employment, justice, housing, disasters, arrears and offline findings, each"
                    + " fact with its source event, department and time. Only for a caller whose jurisdictions"
                    + " cover the household's community (a platform admin sees all).",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "the portrait",
                        content = @Content(schema = @Schema(implementation = Portrait.class))),
                @ApiResponse(
                        responseCode = "403",
                        description = "the household's community is outside the caller's jurisdictions",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
                @ApiResponse(
                        responseCode = "404",
                        description = "no such household",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
                @ApiResponse(
                        responseCode = "503",
                        description = "the streams are starting or rebalancing; see Retry-After",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
            })
    @GetMapping(PORTRAIT)
    Mono<ResponseEntity<?>> portrait(
            @PathVariable String household,
            @Parameter(hidden = true) @RequestParam(defaultValue = "false") boolean local,
            @AuthenticationPrincipal Caller caller,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable
                    String authorization,
            ServerWebExchange exchange) {
        return answer(
                exchange,
                household,
                local,
                authorization,
                PORTRAIT,
                () -> visiblePortrait(exchange, household, caller));
    }

    @Operation(
            operationId = "householdScore",
            summary = "A household's score and why",
            description = "The score and warning state scoring last published (dimensions, total, category, level,"
                    + " model version), and the explanation now: the stored portrait assessed with the active model,"
                    + " with every contribution (which department's fact moved which dimension by how many points,"
                    + " by which rule). Only for a caller whose jurisdictions cover the household's community.",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "the score and its explanation",
                        content = @Content(schema = @Schema(implementation = HouseholdScore.class))),
                @ApiResponse(
                        responseCode = "403",
                        description = "the household's community is outside the caller's jurisdictions",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
                @ApiResponse(
                        responseCode = "404",
                        description = "no such household, or not scored yet",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
                @ApiResponse(
                        responseCode = "503",
                        description = "the streams are starting or rebalancing; see Retry-After",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
            })
    @GetMapping(SCORE)
    Mono<ResponseEntity<?>> score(
            @PathVariable String household,
            @Parameter(hidden = true) @RequestParam(defaultValue = "false") boolean local,
            @AuthenticationPrincipal Caller caller,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable
                    String authorization,
            ServerWebExchange exchange) {
        return answer(exchange, household, local, authorization, SCORE, () -> {
            Portrait portrait = visiblePortrait(exchange, household, caller);
            HouseholdState state = stores.state(household);
            if (state == null) {
                throw notFound(household);
            }
            Instant now = Instant.now(clock);
            Assessment current = models.select(now).active().assess(portrait, now);
            return HouseholdScore.of(household, state, HouseholdScore.Explanation.of(current, now));
        });
    }

    /**
     * Here when this instance holds the household, otherwise the holder's answer. A question forwarded by another
     * instance ({@code local=true}) is answered here or not at all (the holder moved: 503, ask again).
     */
    private Mono<ResponseEntity<?>> answer(
            ServerWebExchange exchange,
            String household,
            boolean local,
            @Nullable String authorization,
            String path,
            Callable<Object> here) {
        return Mono.fromCallable(() -> Optional.ofNullable(instances.ownerOf(Stores.PORTRAITS, household)))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(owner -> {
                    if (owner.isEmpty()) {
                        return Mono.fromCallable(here).map(ResponseEntity::ok);
                    }
                    if (local) {
                        return Mono.error(QueryConfiguration.moved(household, owner.get()));
                    }
                    return forward(exchange, owner.get(), path, household, authorization);
                });
    }

    /** The holder's answer as it gave it: status, content type, {@code Retry-After} and body. */
    private Mono<ResponseEntity<?>> forward(
            ServerWebExchange exchange, HostInfo owner, String path, String household, @Nullable String authorization) {
        return peers.forward(owner, path, Map.of("household", household), authorization)
                .map(remote -> {
                    forwarded.concerningAnswer(exchange, remote.getHeaders());
                    ResponseEntity.BodyBuilder answer = ResponseEntity.status(remote.getStatusCode());
                    MediaType type = remote.getHeaders().getContentType();
                    if (type != null) {
                        answer.contentType(type);
                    }
                    String retryAfter = remote.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
                    if (retryAfter != null) {
                        answer.header(HttpHeaders.RETRY_AFTER, retryAfter);
                    }
                    byte[] body = remote.getBody();
                    return answer.body(body == null ? new byte[0] : body);
                });
    }

    private Portrait visiblePortrait(ServerWebExchange exchange, String household, Caller caller) {
        Portrait portrait = stores.portrait(household);
        if (portrait == null) {
            throw notFound(household);
        }
        forwarded.concerning(exchange, portrait.communityCode());
        if (!caller.sees(portrait.communityCode())) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.FORBIDDEN, "household " + household + " is outside the caller's jurisdictions");
            problem.setTitle("Outside jurisdiction");
            throw new ErrorResponseException(HttpStatus.FORBIDDEN, problem, null);
        }
        return portrait;
    }

    private static ErrorResponseException notFound(String household) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no household " + household + " is known");
        problem.setTitle("Unknown household");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }
}
