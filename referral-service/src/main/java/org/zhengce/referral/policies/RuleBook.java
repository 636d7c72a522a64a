package org.zhengce.referral.policies;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.expression.EvaluationException;
import org.zhengce.events.Department;
import org.zhengce.events.Programme;

/**
 * The policy library at one revision, compiled: every programme's rule parsed and checked, with its parameters per
 * jurisdiction. Immutable and pure: {@link #evaluate} reads nothing but its arguments.
 */
final class RuleBook {

    private static final Logger log = LoggerFactory.getLogger(RuleBook.class);

    static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");
    static final Pattern JURISDICTION = Pattern.compile("[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12}");
    private static final Pattern PARAMETER = Pattern.compile("[a-z][A-Za-z0-9]{0,63}");

    /** A parameter's value and the jurisdiction that set it. */
    record Parameter(BigDecimal value, String jurisdictionCode) {}

    /** A programme with its parsed expressions. */
    record CompiledProgramme(
            ProgrammeDefinition definition,
            List<RuleExpression> conditions,
            @Nullable RuleExpression amount) {}

    private final List<CompiledProgramme> programmes;
    private final Map<String, Map<String, Map<String, BigDecimal>>> parameters;
    private final long revision;

    private RuleBook(
            List<CompiledProgramme> programmes,
            Map<String, Map<String, Map<String, BigDecimal>>> parameters,
            long revision) {
        this.programmes = List.copyOf(programmes);
        this.parameters = parameters;
        this.revision = revision;
    }

    static RuleBook empty() {
        return new RuleBook(List.of(), Map.of(), 0);
    }

    /**
     * Compiles the programmes (in order) with their parameters ({@code programme -> jurisdiction -> name ->
     * value}).
     *
     * @throws InvalidRuleException naming the programme and the field of the first invalid definition
     */
    static RuleBook of(
            List<ProgrammeDefinition> definitions,
            Map<String, Map<String, Map<String, BigDecimal>>> parameters,
            long revision) {
        List<CompiledProgramme> compiled = new ArrayList<>();
        Set<String> codes = new TreeSet<>();
        for (ProgrammeDefinition definition : definitions) {
            try {
                compiled.add(compile(definition));
            } catch (InvalidRuleException e) {
                throw new InvalidRuleException(
                        "programmes." + definition.code() + "." + e.field(),
                        e.getMessage().substring(e.field().length() + 2));
            }
            if (!codes.add(definition.code())) {
                throw new InvalidRuleException("programmes." + definition.code(), "appears twice");
            }
        }
        Map<String, Map<String, Map<String, BigDecimal>>> copy = new TreeMap<>();
        parameters.forEach((programme, byJurisdiction) -> {
            Map<String, Map<String, BigDecimal>> inner = new TreeMap<>();
            byJurisdiction.forEach((jurisdiction, values) -> {
                checkJurisdiction("programmes." + programme + ".parameters", jurisdiction);
                inner.put(
                        jurisdiction,
                        checkParameters("programmes." + programme + ".parameters." + jurisdiction, values));
            });
            copy.put(programme, java.util.Collections.unmodifiableMap(inner));
        });
        return new RuleBook(compiled, java.util.Collections.unmodifiableMap(copy), revision);
    }

    /**
     * Checks and parses one definition.
     *
     * @throws InvalidRuleException naming the field relative to the definition ({@code conditions[1].when})
     */
    static CompiledProgramme compile(ProgrammeDefinition definition) {
        if (definition.code() == null || !CODE.matcher(definition.code()).matches()) {
            throw new InvalidRuleException("code", "must be upper case letters, digits and _ (e.g. DIBAO)");
        }
        text("nameZh", definition.nameZh());
        text("nameEn", definition.nameEn());
        if (definition.symbol() == null) {
            throw new InvalidRuleException("symbol", "a Programme symbol is required (OTHER when none fits)");
        }
        if (definition.conditions().isEmpty()) {
            throw new InvalidRuleException("conditions", "at least one condition is required");
        }
        List<RuleExpression> conditions = new ArrayList<>();
        for (int i = 0; i < definition.conditions().size(); i++) {
            ProgrammeDefinition.Condition condition = definition.conditions().get(i);
            if (condition == null) {
                throw new InvalidRuleException("conditions[" + i + "]", "is empty");
            }
            text("conditions[" + i + "].label", condition.label());
            conditions.add(RuleExpression.condition("conditions[" + i + "].when", condition.when()));
        }
        RuleExpression amount = definition.estimatedMonthlyAmountFen() == null
                ? null
                : RuleExpression.amount("estimatedMonthlyAmountFen", definition.estimatedMonthlyAmountFen());
        for (int i = 0; i < definition.excludedBy().size(); i++) {
            String code = definition.excludedBy().get(i);
            if (code == null || !CODE.matcher(code).matches() || code.equals(definition.code())) {
                throw new InvalidRuleException("excludedBy[" + i + "]", "must be another programme's code");
            }
        }
        for (int i = 0; i < definition.shareWith().size(); i++) {
            if (definition.shareWith().get(i) == null) {
                throw new InvalidRuleException("shareWith[" + i + "]", "must be a Department symbol");
            }
        }
        if (definition.competentDepartment() == Department.OTHER) {
            throw new InvalidRuleException(
                    "competentDepartment", "must name the department that runs the programme, not OTHER");
        }
        return new CompiledProgramme(definition, conditions, amount);
    }

    private static void text(String field, @Nullable String value) {
        if (value == null || value.isBlank() || value.length() > 500) {
            throw new InvalidRuleException(field, "must be 1 to 500 characters");
        }
    }

    static void checkJurisdiction(String field, @Nullable String code) {
        if (code == null || !JURISDICTION.matcher(code).matches()) {
            throw new InvalidRuleException(
                    field, "'" + code + "' must be a city (4), district (6), street (9) or community (12) code");
        }
    }

    /**
     * Parameters as stored: names like {@code dibaoLineFen}, values numbers.
     *
     * @throws InvalidRuleException naming {@code <field>.<name>}
     */
    static Map<String, BigDecimal> checkParameters(String field, @Nullable Map<String, ?> values) {
        if (values == null) {
            throw new InvalidRuleException(field, "parameters are required (an object of numbers)");
        }
        Map<String, BigDecimal> checked = new TreeMap<>();
        values.forEach((name, value) -> {
            if (name == null || !PARAMETER.matcher(name).matches()) {
                throw new InvalidRuleException(field + "." + name, "a parameter name is a lower camel-case word");
            }
            if (!(value instanceof Number number)) {
                throw new InvalidRuleException(field + "." + name, "must be a number, not " + value);
            }
            BigDecimal decimal = new BigDecimal(number.toString());
            checked.put(name, decimal);
        });
        return java.util.Collections.unmodifiableMap(checked);
    }

    long revision() {
        return revision;
    }

    List<ProgrammeDefinition> programmes() {
        return programmes.stream().map(CompiledProgramme::definition).toList();
    }

    Optional<ProgrammeDefinition> programme(String code) {
        return programmes.stream()
                .map(CompiledProgramme::definition)
                .filter(definition -> definition.code().equals(code))
                .findFirst();
    }

    /** The parameters set per jurisdiction for a programme, as set (not merged). */
    Map<String, Map<String, BigDecimal>> parametersOf(String programmeCode) {
        return parameters.getOrDefault(programmeCode, Map.of());
    }

    /**
     * The programme's parameters in force in an area: each parameter from the longest jurisdiction code that is a
     * prefix of {@code areaCode} and sets it (a district's value overrides its city's).
     */
    Map<String, Parameter> parametersFor(String programmeCode, String areaCode) {
        Map<String, Parameter> merged = new TreeMap<>();
        parametersOf(programmeCode).entrySet().stream()
                .filter(entry -> areaCode.startsWith(entry.getKey()))
                .sorted(Comparator.comparingInt(entry -> entry.getKey().length()))
                .forEach(entry -> entry.getValue()
                        .forEach((name, value) -> merged.put(name, new Parameter(value, entry.getKey()))));
        return merged;
    }

    /** Every programme evaluated for the household of {@code communityCode}. */
    PolicyEvaluation evaluate(String communityCode, HouseholdFacts facts) {
        List<Eligibility> eligible = new ArrayList<>();
        List<Ineligibility> notEligible = new ArrayList<>();
        for (CompiledProgramme programme : programmes) {
            evaluate(programme, communityCode, facts, eligible, notEligible);
        }
        return new PolicyEvaluation(communityCode, eligible, notEligible, revision);
    }

    private void evaluate(
            CompiledProgramme programme,
            String communityCode,
            HouseholdFacts facts,
            List<Eligibility> eligible,
            List<Ineligibility> notEligible) {
        ProgrammeDefinition definition = programme.definition();
        String title = definition.code() + " " + definition.nameZh() + " (" + definition.nameEn() + ")";
        Outcome outcome = new Outcome(definition);
        if (facts.inProgramme(definition.code())
                || (definition.symbol() != Programme.OTHER
                        && facts.inProgramme(definition.symbol().name()))) {
            notEligible.add(outcome.not(Ineligibility.Reason.ALREADY_IN, title + ": the household is in it already"));
            return;
        }
        List<String> excludedBy =
                definition.excludedBy().stream().filter(facts::inProgramme).toList();
        if (!excludedBy.isEmpty()) {
            notEligible.add(outcome.not(
                    Ineligibility.Reason.EXCLUDED,
                    title + ": not proposed to a household in " + String.join(", ", excludedBy)));
            return;
        }
        Map<String, Parameter> parameters = parametersFor(definition.code(), communityCode);
        Map<String, Object> variables = variables(parameters);
        Set<String> missingParameters = new TreeSet<>();
        programme
                .conditions()
                .forEach(condition -> condition.parameters().stream()
                        .filter(name -> !parameters.containsKey(name))
                        .forEach(missingParameters::add));
        if (!missingParameters.isEmpty()) {
            outcome.missingParameters.addAll(missingParameters);
            notEligible.add(outcome.not(
                    Ineligibility.Reason.PARAMETERS_MISSING,
                    title + ": " + communityCode + " has no value for " + String.join(", ", missingParameters)
                            + " (the policy library must set it for the community, its street, district or city)"));
            return;
        }
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < programme.conditions().size(); i++) {
            RuleExpression condition = programme.conditions().get(i);
            String label = definition.conditions().get(i).label();
            try {
                Object value = condition.value(facts, variables);
                if (Boolean.TRUE.equals(value)) {
                    outcome.met.add(label);
                } else if (Boolean.FALSE.equals(value)) {
                    outcome.notMet.add(label);
                    outcome.failed = true;
                } else {
                    outcome.undecided.add(label);
                    failures.add(label + ": gave " + value + ", not true or false");
                }
            } catch (EvaluationException | ArithmeticException e) {
                String missing = RuleExpression.missingFact(e);
                outcome.undecided.add(label);
                if (missing != null) {
                    outcome.missingFacts.add(missing);
                } else {
                    failures.add(label + ": " + e.getMessage());
                }
            }
        }
        if (outcome.failed) {
            notEligible.add(outcome.not(
                    Ineligibility.Reason.CONDITIONS_NOT_MET,
                    title + ": not met in " + communityCode + ": " + String.join("; ", outcome.notMet)
                            + uses(programme, parameters)));
            return;
        }
        if (!failures.isEmpty()) {
            log.warn("policy rule {} failed at {}: {}", definition.code(), communityCode, failures);
            notEligible.add(outcome.not(
                    Ineligibility.Reason.RULE_FAILED,
                    title + ": the rule could not be evaluated: " + String.join("; ", failures)));
            return;
        }
        if (!outcome.missingFacts.isEmpty()) {
            notEligible.add(outcome.not(
                    Ineligibility.Reason.FACTS_MISSING,
                    title + ": undecided, unknown " + String.join(", ", outcome.missingFacts) + " (needed by: "
                            + String.join("; ", outcome.undecided) + ")"));
            return;
        }
        Long amount = null;
        String amountNote = "";
        if (programme.amount() != null) {
            Set<String> absent = programme.amount().parameters().stream()
                    .filter(name -> !parameters.containsKey(name))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!absent.isEmpty()) {
                amountNote = "; no estimate: " + communityCode + " has no value for " + String.join(", ", absent);
            } else {
                try {
                    Object value = programme.amount().value(facts, variables);
                    amount = value == null ? null : RuleExpression.fen(value);
                    amountNote = amount == null ? "" : "; estimated " + amount + " fen a month";
                } catch (EvaluationException | ArithmeticException | IllegalArgumentException e) {
                    String missing = RuleExpression.missingFact(e);
                    amountNote = missing != null
                            ? "; no estimate: " + missing + " is unknown"
                            : "; no estimate: " + e.getMessage();
                }
            }
        }
        eligible.add(new Eligibility(
                definition.code(),
                definition.nameZh(),
                definition.nameEn(),
                definition.symbol(),
                outcome.met,
                title + ": may qualify in " + communityCode + ": " + String.join("; ", outcome.met)
                        + uses(programme, parameters) + amountNote,
                amount,
                definition.shareWith(),
                revision));
    }

    /** " (with dibaoLineFen=145000 from 1101, ...)" for the parameters the rule reads. */
    private static String uses(CompiledProgramme programme, Map<String, Parameter> parameters) {
        Set<String> names = new TreeSet<>();
        programme.conditions().forEach(condition -> names.addAll(condition.parameters()));
        if (programme.amount() != null) {
            names.addAll(programme.amount().parameters());
        }
        String used = names.stream()
                .filter(parameters::containsKey)
                .map(name -> name + "=" + parameters.get(name).value().toPlainString() + " from "
                        + parameters.get(name).jurisdictionCode())
                .collect(Collectors.joining(", "));
        return used.isEmpty() ? "" : " (with " + used + ")";
    }

    /** Integral parameters as {@code Long} (exact integer arithmetic in fen), others as {@code BigDecimal}. */
    private static Map<String, Object> variables(Map<String, Parameter> parameters) {
        Map<String, Object> variables = new LinkedHashMap<>();
        parameters.forEach((name, parameter) -> {
            BigDecimal value = parameter.value();
            Object variable;
            if (value.signum() == 0 || value.stripTrailingZeros().scale() <= 0) {
                try {
                    variable = value.longValueExact();
                } catch (ArithmeticException tooLarge) {
                    variable = value;
                }
            } else {
                variable = value;
            }
            variables.put(name, variable);
        });
        return variables;
    }

    /** What one programme's evaluation found so far. */
    private static final class Outcome {
        private final ProgrammeDefinition definition;
        private final List<String> met = new ArrayList<>();
        private final List<String> notMet = new ArrayList<>();
        private final List<String> undecided = new ArrayList<>();
        private final Set<String> missingFacts = new TreeSet<>();
        private final Set<String> missingParameters = new TreeSet<>();
        private boolean failed;

        Outcome(ProgrammeDefinition definition) {
            this.definition = definition;
        }

        Ineligibility not(Ineligibility.Reason reason, String explanation) {
            List<String> notMetOrUndecided = new ArrayList<>(notMet);
            notMetOrUndecided.addAll(undecided);
            return new Ineligibility(
                    definition.code(),
                    definition.nameZh(),
                    definition.nameEn(),
                    definition.symbol(),
                    reason,
                    met,
                    notMetOrUndecided,
                    List.copyOf(missingFacts),
                    List.copyOf(missingParameters),
                    explanation);
        }
    }
}
