package org.zhengce.scoring.queries;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.regex.Pattern;
import org.apache.kafka.streams.state.HostInfo;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.scoring.activation.PublishedModels;
import org.zhengce.scoring.security.Caller;
import org.zhengce.scoring.streams.ShadowEntry;
import org.zhengce.scoring.streams.Stores;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Whole-store reports: {@code /shadow-report} (within the caller's jurisdictions) and {@code /unresolved-persons}
 * (platform admin). Each instance answers for its own partitions; the one asked merges every instance's part.
 */
@RestController
@Tag(name = "Reports", description = "The shadow model's report and the persons not yet resolved to a household")
class ReportController {

    private static final String SHADOW_REPORT = "/shadow-report";
    private static final String UNRESOLVED_PERSONS = "/unresolved-persons";
    private static final Pattern AREA_CODE_PREFIX = Pattern.compile("\\d{1,12}");

    private final LocalStores stores;
    private final Instances instances;
    private final Peers peers;
    private final PublishedModels models;
    private final Clock clock;

    ReportController(
            LocalStores stores, Instances instances, Peers peers, PublishedModels models, ObjectProvider<Clock> clock) {
        this.stores = stores;
        this.instances = instances;
        this.peers = peers;
        this.models = models;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Operation(
            operationId = "shadowReport",
            summary = "What the shadow model would change",
            description = "Against the active model, per community of the caller's jurisdictions (narrowed to the"
                    + " jurisdiction asked for): households compared, newly warned, cleared, with another category,"
                    + " at another level; and the households whose category, level or total would change. Empty"
                    + " when no shadow model runs.",
            responses = {
                @ApiResponse(responseCode = "200", description = "the report"),
                @ApiResponse(
                        responseCode = "400",
                        description = "the jurisdiction is not an area-code prefix",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
                @ApiResponse(
                        responseCode = "503",
                        description = "the streams are starting or rebalancing, or an instance did not answer",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
            })
    @GetMapping(SHADOW_REPORT)
    Mono<ShadowReport> shadowReport(
            @Parameter(description = "area-code prefix (a district's 6 digits, a street's 9, a community's 12)")
                    @RequestParam(required = false)
                    @Nullable
                    String jurisdiction,
            @Parameter(hidden = true) @RequestParam(defaultValue = "false") boolean local,
            @AuthenticationPrincipal Caller caller,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable
                    String authorization) {
        if (jurisdiction != null && !AREA_CODE_PREFIX.matcher(jurisdiction).matches()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.BAD_REQUEST, "jurisdiction must be an area-code prefix of 1 to 12 digits");
            problem.setTitle("Invalid jurisdiction");
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
        Mono<ShadowReport> here = Mono.fromCallable(() -> {
            PublishedModels.Selection now = models.select(Instant.now(clock));
            String active = now.active().version();
            String shadow = now.shadow() == null ? null : now.shadow().version();
            List<ShadowEntry> entries = shadow == null
                    ? List.of()
                    : stores.shadow(entry -> entry.shadowVersion().equals(shadow)
                            && caller.sees(entry.communityCode())
                            && within(entry.communityCode(), jurisdiction));
            return ShadowReport.of(active, shadow, jurisdiction, entries);
        });
        Map<String, String> query = new HashMap<>();
        if (jurisdiction != null) {
            query.put("jurisdiction", jurisdiction);
        }
        return everywhere(
                here,
                local,
                Stores.SHADOW,
                SHADOW_REPORT,
                query,
                authorization,
                ShadowReport.class,
                ShadowReport::merge);
    }

    @Operation(
            operationId = "unresolvedPersons",
            summary = "Persons waiting for their household",
            description = "Persons whose events are held because no registration or membership names them yet:"
                    + " since when, and how many events each. They are released, in order, when their household's"
                    + " membership arrives. Platform admin only.",
            responses = {
                @ApiResponse(responseCode = "200", description = "the persons, longest waiting first"),
                @ApiResponse(
                        responseCode = "503",
                        description = "the streams are starting or rebalancing, or an instance did not answer",
                        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
            })
    @GetMapping(UNRESOLVED_PERSONS)
    Mono<UnresolvedPersons> unresolvedPersons(
            @Parameter(hidden = true) @RequestParam(defaultValue = "false") boolean local,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable
                    String authorization) {
        Mono<UnresolvedPersons> here = Mono.fromCallable(() -> UnresolvedPersons.of(stores.unresolved()));
        return everywhere(
                here,
                local,
                Stores.UNRESOLVED_SINCE,
                UNRESOLVED_PERSONS,
                Map.of(),
                authorization,
                UnresolvedPersons.class,
                UnresolvedPersons::merge);
    }

    /** This instance's part, merged with every other instance's unless this is itself a part ({@code local}). */
    private <T> Mono<T> everywhere(
            Mono<T> here,
            boolean local,
            String store,
            String path,
            Map<String, String> query,
            @Nullable String authorization,
            Class<T> type,
            BinaryOperator<T> merge) {
        Mono<T> mine = here.subscribeOn(Schedulers.boundedElastic());
        if (local) {
            return mine;
        }
        return Mono.fromCallable(() -> instances.others(store))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(others -> mine.flatMap(part -> Flux.fromIterable(others)
                        .flatMap((HostInfo host) -> peers.part(host, path, query, authorization, type))
                        .reduce(part, merge)));
    }

    private static boolean within(@Nullable String communityCode, @Nullable String jurisdiction) {
        return jurisdiction == null || (communityCode != null && communityCode.startsWith(jurisdiction));
    }
}
