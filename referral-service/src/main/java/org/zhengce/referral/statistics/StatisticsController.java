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
import java.util.function.Supplier;
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
 * JSON, CSV ({@code ?format=csv} or {@code Accept: text/csv}) or xlsx ({@code ?format=xlsx} or {@code Accept} the
 * xlsx media type). Roles by the security chain, jurisdictions
 * by {@link StatisticsScopes}.
 */
@RestController
@RequestMapping("/statistics")
class StatisticsController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final MediaType XLSX = MediaType.parseMediaType(StatisticsXlsx.MEDIA_TYPE);

    /** How a report is answered. */
    enum Format {
        JSON,
        CSV,
        XLSX
    }

    private static final String AREA = "a city (4 digits), district (6), street (9) or community (12) code";
    private static final String FROM =
            "first day of the period of cases opened, yyyy-MM-dd in referral.statistics.zone (Asia/Shanghai);"
                    + " default: the period ends on to and lasts referral.statistics.default-days";
    private static final String TO = "last day of the period (included); default: today";
    private static final String FORMAT = "json (default), csv or xlsx; without it, Accept: text/csv gives CSV and"
            + " Accept: " + StatisticsXlsx.MEDIA_TYPE + " gives xlsx";

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
                                @Content(mediaType = "text/csv"),
                                @Content(mediaType = StatisticsXlsx.MEDIA_TYPE)
                            }))
    Mono<ResponseEntity<?>> statistics(
            @AuthenticationPrincipal Jwt jwt,
            @Parameter(description = AREA) @RequestParam(required = false) @Nullable String area,
            @Parameter(description = FROM) @RequestParam(required = false) @Nullable String from,
            @Parameter(description = TO) @RequestParam(required = false) @Nullable String to,
            @Parameter(description = FORMAT) @RequestParam(required = false) @Nullable String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        return format(format, accept)
                .flatMap(chosen -> scopes.resolve(Caller.of(jwt, Role.class), area, from, to)
                        .flatMap(scope -> statistics.of(scope))
                        .map(result -> answer(
                                chosen,
                                result,
                                "statistics-" + result.area().code() + "-" + result.from() + "-" + result.to(),
                                () -> StatisticsTables.statistics(result),
                                "统计 Statistics")));
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
                                @Content(mediaType = "text/csv"),
                                @Content(mediaType = StatisticsXlsx.MEDIA_TYPE)
                            }))
    Mono<ResponseEntity<?>> warningPrecision(
            @AuthenticationPrincipal Jwt jwt,
            @Parameter(description = AREA) @RequestParam(required = false) @Nullable String area,
            @Parameter(description = FROM) @RequestParam(required = false) @Nullable String from,
            @Parameter(description = TO) @RequestParam(required = false) @Nullable String to,
            @Parameter(description = FORMAT) @RequestParam(required = false) @Nullable String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        return format(format, accept)
                .flatMap(chosen -> scopes.resolve(Caller.of(jwt, Role.class), area, from, to)
                        .flatMap(scope -> precision.of(scope))
                        .map(result -> answer(
                                chosen,
                                result,
                                "warning-precision-" + result.area().code() + "-" + result.from() + "-" + result.to(),
                                () -> StatisticsTables.precision(result),
                                "预警准确率 Precision")));
    }

    /** The result as JSON, or its table as a CSV or xlsx attachment named {@code basename}. */
    private static ResponseEntity<?> answer(
            Format format, Object result, String basename, Supplier<StatisticsTables.Table> table, String sheetName) {
        return switch (format) {
            case JSON ->
                ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(result);
            case CSV -> attachment(CSV, basename + ".csv", StatisticsCsv.write(table.get()));
            case XLSX -> attachment(XLSX, basename + ".xlsx", StatisticsXlsx.write(table.get(), sheetName));
        };
    }

    /**
     * The format {@code format} names (json, csv, xlsx; any case); without it, the one the Accept header prefers
     * among JSON, CSV and xlsx, JSON when it names none of them. Any other {@code format} is a 400.
     */
    private static Mono<Format> format(@Nullable String format, @Nullable String accept) {
        if (format != null) {
            for (Format known : Format.values()) {
                if (known.name().equalsIgnoreCase(format)) {
                    return Mono.just(known);
                }
            }
            return Mono.error(StatisticsProblem.invalid("format", format, "must be json, csv or xlsx"));
        }
        if (accept == null || accept.isBlank()) {
            return Mono.just(Format.JSON);
        }
        List<MediaType> acceptable;
        try {
            acceptable = new ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (IllegalArgumentException e) {
            return Mono.just(Format.JSON);
        }
        // most preferred first (a stable sort: equal quality keeps the client's order)
        acceptable.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : acceptable) {
            if (type.isWildcardType()) {
                continue;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                return Mono.just(Format.JSON);
            }
            if (type.isWildcardSubtype()) {
                continue;
            }
            if (type.isCompatibleWith(CSV)) {
                return Mono.just(Format.CSV);
            }
            if (type.isCompatibleWith(XLSX)) {
                return Mono.just(Format.XLSX);
            }
        }
        return Mono.just(Format.JSON);
    }

    private static ResponseEntity<?> attachment(MediaType type, String filename, byte[] body) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename)
                                .build()
                                .toString())
                .body(body);
    }
}
