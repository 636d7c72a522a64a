package org.zhengce.referral.policies;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.zhengce.events.Department;
import org.zhengce.events.Programme;
import reactor.core.publisher.Mono;

/** The platform admin's API for the policy library (role PLATFORM_ADMIN, enforced by the security chain). */
@RestController
@RequestMapping("/admin/programmes")
class PolicyAdminController {

    private final PolicyLibrary library;

    PolicyAdminController(PolicyLibrary library) {
        this.library = library;
    }

    /** A programme with its parameters as set per jurisdiction code. */
    record AdminProgramme(ProgrammeDefinition programme, Map<String, Map<String, BigDecimal>> parameters) {}

    /** A definition as sent: symbols as text, so that a wrong one gets a 400 naming its field. */
    record ProgrammeBody(
            @Nullable String nameZh,
            @Nullable String nameEn,
            @Nullable String symbol,
            @Nullable List<ProgrammeDefinition.@Nullable Condition> conditions,
            @Nullable String estimatedMonthlyAmountFen,
            @Nullable List<String> excludedBy,
            @Nullable List<String> shareWith,
            @Nullable String competentDepartment) {}

    @GetMapping
    List<AdminProgramme> programmes() {
        return library.programmes().stream()
                .map(programme -> new AdminProgramme(programme, library.parametersOf(programme.code())))
                .toList();
    }

    /** Adds or replaces a programme's definition. */
    @PutMapping("/{code}")
    Mono<ProgrammeDefinition> replace(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String code, @RequestBody ProgrammeBody body) {
        ProgrammeDefinition definition;
        try {
            definition = definition(code, body);
        } catch (InvalidRuleException e) {
            return Mono.error(PolicyProblem.invalid(e));
        }
        return library.replace(definition, actor(jwt));
    }

    /** Replaces a programme's parameters for one jurisdiction: {@code {"dibaoLineFen": 145000, ...}}. */
    @PutMapping("/{code}/parameters/{jurisdiction}")
    Mono<Map<String, BigDecimal>> parameters(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String code,
            @PathVariable String jurisdiction,
            @RequestBody Map<String, Object> parameters) {
        return library.replaceParameters(code, jurisdiction, parameters, actor(jwt));
    }

    private static String actor(Jwt jwt) {
        return jwt.getSubject() == null ? "unknown" : jwt.getSubject();
    }

    private static ProgrammeDefinition definition(String code, ProgrammeBody body) {
        if (!RuleBook.CODE.matcher(code).matches()) {
            throw new InvalidRuleException("code", "must be upper case letters, digits and _ (e.g. DIBAO)");
        }
        Programme symbol = null;
        if (body.symbol() == null) {
            throw new InvalidRuleException("symbol", "a Programme symbol is required (OTHER when none fits)");
        }
        for (Programme candidate : Programme.values()) {
            if (candidate.name().equals(body.symbol())) {
                symbol = candidate;
            }
        }
        if (symbol == null) {
            throw new InvalidRuleException(
                    "symbol", "'" + body.symbol() + "' is not a Programme symbol " + List.of(Programme.values()));
        }
        List<Department> shareWith = new ArrayList<>();
        List<String> departments = body.shareWith() == null ? List.of() : body.shareWith();
        for (int i = 0; i < departments.size(); i++) {
            shareWith.add(department("shareWith[" + i + "]", departments.get(i)));
        }
        Department competent = body.competentDepartment() == null
                ? null
                : department("competentDepartment", body.competentDepartment());
        List<ProgrammeDefinition.Condition> conditions = new ArrayList<>();
        List<ProgrammeDefinition.@Nullable Condition> sent = body.conditions() == null ? List.of() : body.conditions();
        for (int i = 0; i < sent.size(); i++) {
            ProgrammeDefinition.Condition condition = sent.get(i);
            if (condition == null) {
                throw new InvalidRuleException("conditions[" + i + "]", "is empty");
            }
            conditions.add(condition);
        }
        List<String> excludedBy = body.excludedBy() == null
                ? List.of()
                : body.excludedBy().stream()
                        .map(excluded -> excluded == null ? "" : excluded)
                        .toList();
        return new ProgrammeDefinition(
                code,
                body.nameZh() == null ? "" : body.nameZh(),
                body.nameEn() == null ? "" : body.nameEn(),
                symbol,
                conditions,
                body.estimatedMonthlyAmountFen(),
                excludedBy,
                shareWith,
                competent);
    }

    private static Department department(String field, @Nullable String symbol) {
        for (Department candidate : Department.values()) {
            if (candidate.name().equals(symbol)) {
                return candidate;
            }
        }
        throw new InvalidRuleException(
                field, "'" + symbol + "' is not a Department symbol " + List.of(Department.values()));
    }
}
