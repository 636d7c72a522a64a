package org.zhengce.referral.statistics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.security.Role;
import reactor.core.publisher.Mono;

/**
 * Statistics and the precision of warnings for supervisors, platform admins and (their own community) advisors;
 * JSON, or CSV with {@code ?format=csv} or {@code Accept: text/csv}. Roles by the security chain, jurisdictions
 * by {@link StatisticsScopes}.
 */
@RestController
@RequestMapping("/statistics")
class StatisticsController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private static final String AREA = "a city (4 digits), district (6), street (9) or community (12) code";
    private static final String FROM =
            "first day of the period of cases opened, yyyy-MM-dd in referral.statistics.zone (Asia/Shanghai);"
                    + " default: the period ends on to and lasts referral.statistics.default-days";
    private static final String TO = "last day of the period (included); default: today";
    private static final String FORMAT = "json (default) or csv; without it, Accept: text/csv gives CSV";

    private final StatisticsScopes scopes;
    private final CaseStatistics statistics;
    private final WarningPrecision precision;

    StatisticsController(StatisticsScopes scopes, CaseStatistics statistics, WarningPrecision precision) {
        this.scopes = scopes;
        this.statistics = statistics;
        this.precision = precision;
    }

    /** The area's figures and its child jurisdictions'. */
    @GetMapping
    @Operation(
            summary = "Statistics of an area and of each child jurisdiction",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content = {
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = AreaStatistics.class)),
                                @Content(mediaType = "text/csv")
                            }))
    Mono<ResponseEntity<?>> statistics(
            @AuthenticationPrincipal Jwt jwt,
            @Parameter(description = AREA) @RequestParam(required = false) @Nullable String area,
            @Parameter(description = FROM) @RequestParam(required = false) @Nullable String from,
            @Parameter(description = TO) @RequestParam(required = false) @Nullable String to,
            @Parameter(description = FORMAT) @RequestParam(required = false) @Nullable String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        return csv(format, accept)
                .flatMap(csv -> scopes.resolve(Caller.of(jwt, Role.class), area, from, to)
                        .flatMap(scope -> statistics.of(scope))
                        .map(result -> csv
                                ? attachment(
                                        "statistics-" + result.area().code() + "-" + result.from() + "-" + result.to()
                                                + ".csv",
                                        StatisticsCsv.statistics(result))
                                : ResponseEntity.ok()
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .body(result)));
    }

    /** The precision of warnings in the area: in total, by category, by model version, by child jurisdiction. */
    @GetMapping("/warning-precision")
    @Operation(
            summary = "Precision of warnings: verified versus dismissed as false alarms",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content = {
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = WarningPrecisionReport.class)),
                                @Content(mediaType = "text/csv")
                            }))
    Mono<ResponseEntity<?>> warningPrecision(
            @AuthenticationPrincipal Jwt jwt,
            @Parameter(description = AREA) @RequestParam(required = false) @Nullable String area,
            @Parameter(description = FROM) @RequestParam(required = false) @Nullable String from,
            @Parameter(description = TO) @RequestParam(required = false) @Nullable String to,
            @Parameter(description = FORMAT) @RequestParam(required = false) @Nullable String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        return csv(format, accept)
                .flatMap(csv -> scopes.resolve(Caller.of(jwt, Role.class), area, from, to)
                        .flatMap(scope -> precision.of(scope))
                        .map(result -> csv
                                ? attachment(
                                        "warning-precision-" + result.area().code() + "-" + result.from() + "-"
                                                + result.to() + ".csv",
                                        StatisticsCsv.precision(result))
                                : ResponseEntity.ok()
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .body(result)));
    }

    /**
     * CSV when {@code format=csv}, JSON when {@code format=json}; without {@code format}, CSV when the Accept
     * header prefers {@code text/csv} to JSON. Any other {@code format} is a 400.
     */
    private static Mono<Boolean> csv(@Nullable String format, @Nullable String accept) {
        if (format != null) {
            if (format.equalsIgnoreCase("csv")) {
                return Mono.just(true);
            }
            if (format.equalsIgnoreCase("json")) {
                return Mono.just(false);
            }
            return Mono.error(StatisticsProblem.invalid("format", format, "must be json or csv"));
        }
        if (accept == null || accept.isBlank()) {
            return Mono.just(false);
        }
        List<MediaType> acceptable;
        try {
            acceptable = new ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (IllegalArgumentException e) {
            return Mono.just(false);
        }
        // most preferred first (a stable sort: equal quality keeps the client's order)
        acceptable.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : acceptable) {
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
                return Mono.just(false);
            }
            if (type.isCompatibleWith(CSV) && !type.isWildcardType() && !type.isWildcardSubtype()) {
                return Mono.just(true);
            }
        }
        return Mono.just(false);
    }

    private static ResponseEntity<?> attachment(String filename, byte[] body) {
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename)
                                .build()
                                .toString())
                .body(body);
    }
}
