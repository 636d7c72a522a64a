package org.zhengce.referral.worklists;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.kit.security.Caller;
import org.zhengce.referral.cases.CaseStage;
import org.zhengce.referral.cases.CaseView;
import org.zhengce.referral.security.Role;
import org.zhengce.referral.web.PageRequest;
import org.zhengce.referral.web.RequestProblem;
import reactor.core.publisher.Mono;

/**
 * An advisor's own cases ({@code GET /cases/mine}), a supervisor's worklist ({@code GET /worklist}) and the
 * advisors to re-assign to ({@code GET /advisors}); roles by the security chain, jurisdictions by {@link Worklists}.
 * A page at a time ({@code limit}, {@code cursor}, {@code Link}); a malformed parameter is a 400 naming it.
 */
@RestController
class WorklistController {

    private static final String COMMUNITY = "[0-9]{12}";
    private static final String AREA = "[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12}";

    private final Worklists worklists;

    WorklistController(Worklists worklists) {
        this.worklists = worklists;
    }

    @GetMapping("/cases/mine")
    Mono<ResponseEntity<List<CaseView>>> mine(
            @AuthenticationPrincipal Jwt jwt,
            ServerHttpRequest request,
            @RequestParam(required = false) @Nullable String community,
            @RequestParam(required = false) @Nullable String stage,
            @RequestParam(required = false) @Nullable String overdue,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return worklists
                .mine(
                        Caller.of(jwt, Role.class),
                        code("community", community, COMMUNITY, "a 12-digit community code"),
                        stage == null ? null : symbol("stage", stage, CaseStage.class),
                        overdue == null ? null : flag("overdue", overdue),
                        PageRequest.of(limit, cursor))
                .map(page -> page.response(request));
    }

    @GetMapping("/worklist")
    Mono<ResponseEntity<List<WorklistItem>>> worklist(
            @AuthenticationPrincipal Jwt jwt,
            ServerHttpRequest request,
            @RequestParam(required = false) @Nullable String area,
            @RequestParam(required = false) @Nullable String filter,
            @RequestParam(required = false) @Nullable String community,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return worklists
                .worklist(
                        Caller.of(jwt, Role.class),
                        code("area", area, AREA, "a city, district, street or community code (4, 6, 9, 12 digits)"),
                        code("community", community, COMMUNITY, "a 12-digit community code"),
                        filter == null ? null : symbol("filter", filter, WorklistFilter.class),
                        PageRequest.of(limit, cursor))
                .map(page -> page.response(request));
    }

    @GetMapping("/advisors")
    Mono<ResponseEntity<List<AdvisorChoice>>> advisors(
            @AuthenticationPrincipal Jwt jwt,
            ServerHttpRequest request,
            @RequestParam(required = false) @Nullable String community,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        String code = code("community", community, COMMUNITY, "a 12-digit community code");
        if (code == null) {
            throw RequestProblem.invalid("community", "is required: a 12-digit community code");
        }
        return worklists
                .advisors(Caller.of(jwt, Role.class), code, PageRequest.of(limit, cursor))
                .map(page -> page.response(request));
    }

    private static @Nullable String code(String field, @Nullable String value, String pattern, String what) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.matches(pattern)) {
            throw RequestProblem.invalid(field, "must be " + what + ", not '" + value + "'");
        }
        return value;
    }

    private static boolean flag(String field, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw RequestProblem.invalid(field, "must be true or false, not '" + value + "'");
        };
    }

    private static <E extends Enum<E>> E symbol(String field, String value, Class<E> type) {
        for (E symbol : type.getEnumConstants()) {
            if (symbol.name().equalsIgnoreCase(value)) {
                return symbol;
            }
        }
        throw RequestProblem.invalid(
                field, "must be one of " + List.of(type.getEnumConstants()) + ", not '" + value + "'");
    }
}
