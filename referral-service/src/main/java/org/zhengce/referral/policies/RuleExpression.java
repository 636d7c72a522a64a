package org.zhengce.referral.policies;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.BooleanLiteral;
import org.springframework.expression.spel.ast.Elvis;
import org.springframework.expression.spel.ast.FloatLiteral;
import org.springframework.expression.spel.ast.IntLiteral;
import org.springframework.expression.spel.ast.LongLiteral;
import org.springframework.expression.spel.ast.MethodReference;
import org.springframework.expression.spel.ast.OpAnd;
import org.springframework.expression.spel.ast.OpDivide;
import org.springframework.expression.spel.ast.OpEQ;
import org.springframework.expression.spel.ast.OpGE;
import org.springframework.expression.spel.ast.OpGT;
import org.springframework.expression.spel.ast.OpLE;
import org.springframework.expression.spel.ast.OpLT;
import org.springframework.expression.spel.ast.OpMinus;
import org.springframework.expression.spel.ast.OpModulus;
import org.springframework.expression.spel.ast.OpMultiply;
import org.springframework.expression.spel.ast.OpNE;
import org.springframework.expression.spel.ast.OpOr;
import org.springframework.expression.spel.ast.OpPlus;
import org.springframework.expression.spel.ast.OperatorNot;
import org.springframework.expression.spel.ast.PropertyOrFieldReference;
import org.springframework.expression.spel.ast.RealLiteral;
import org.springframework.expression.spel.ast.StringLiteral;
import org.springframework.expression.spel.ast.Ternary;
import org.springframework.expression.spel.ast.VariableReference;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

/**
 * One rule expression (a condition or an amount), parsed and checked once (ADR 0007). Two fences: the parsed
 * tree may hold only literals, facts (components of {@link HouseholdFacts}), parameters ({@code #name}), {@code
 * inProgramme('CODE')}, comparisons, arithmetic, {@code and}/{@code or}/{@code not}, {@code a ? b : c} and {@code a ?: b}
 * (no type references, constructors, beans, other methods, navigation, projection, assignment or regular
 * expressions); and it is evaluated in a {@link SimpleEvaluationContext} that reads the facts only, with the facts
 * as root object and the parameters as variables.
 */
final class RuleExpression {

    private static final SpelExpressionParser PARSER = new SpelExpressionParser();
    private static final int MAX_LENGTH = 2_000;

    /** Operators and literals: checked by class, their operands recursively. */
    private static final Set<Class<?>> ALLOWED = Set.of(
            OpAnd.class,
            OpOr.class,
            OperatorNot.class,
            OpEQ.class,
            OpNE.class,
            OpLT.class,
            OpLE.class,
            OpGT.class,
            OpGE.class,
            OpPlus.class,
            OpMinus.class,
            OpMultiply.class,
            OpDivide.class,
            OpModulus.class,
            Ternary.class,
            Elvis.class,
            IntLiteral.class,
            LongLiteral.class,
            RealLiteral.class,
            FloatLiteral.class,
            BooleanLiteral.class);

    /** What the probe evaluation reads: every count 1, every amount 100 fen, every flag false. */
    private static final HouseholdFacts PROBE =
            new HouseholdFacts(1, 100L, 100L, 100L, 1, 1, 1, 1, 1, 1, 1, false, false, false, false, Set.of());

    private final String field;
    private final String source;
    private final SpelExpression expression;
    private final Set<String> parameters;

    private RuleExpression(String field, String source, SpelExpression expression, Set<String> parameters) {
        this.field = field;
        this.source = source;
        this.expression = expression;
        this.parameters = Set.copyOf(parameters);
    }

    /** A condition: parsed, checked and probed to give true or false. */
    static RuleExpression condition(String field, @Nullable String source) {
        RuleExpression expression = parse(field, source);
        Object probe = expression.probe();
        if (probe != null && !(probe instanceof Boolean)) {
            throw new InvalidRuleException(
                    field,
                    "'" + source + "' must give true or false, not "
                            + probe.getClass().getSimpleName());
        }
        return expression;
    }

    /** An amount in fen: parsed, checked and probed to give a number. */
    static RuleExpression amount(String field, @Nullable String source) {
        RuleExpression expression = parse(field, source);
        Object probe = expression.probe();
        if (probe != null && !(probe instanceof Number)) {
            throw new InvalidRuleException(
                    field,
                    "'" + source + "' must give a number of fen, not "
                            + probe.getClass().getSimpleName());
        }
        return expression;
    }

    private static RuleExpression parse(String field, @Nullable String source) {
        if (source == null || source.isBlank()) {
            throw new InvalidRuleException(field, "an expression is required");
        }
        if (source.length() > MAX_LENGTH) {
            throw new InvalidRuleException(field, "longer than " + MAX_LENGTH + " characters");
        }
        SpelExpression expression;
        try {
            expression = PARSER.parseRaw(source);
        } catch (ParseException e) {
            throw new InvalidRuleException(field, "'" + source + "' does not parse: " + e.getSimpleMessage());
        }
        Set<String> parameters = new TreeSet<>();
        check(field, source, expression.getAST(), parameters);
        return new RuleExpression(field, source, expression, parameters);
    }

    private static void check(String field, String source, SpelNode node, Set<String> parameters) {
        if (node instanceof PropertyOrFieldReference reference) {
            if (!FactsAccessor.FACTS.containsKey(reference.getName())) {
                throw new InvalidRuleException(
                        field,
                        "'" + reference.getName() + "' in '" + source + "' is not a household fact (facts: "
                                + FactsAccessor.names() + ")");
            }
            return;
        }
        if (node instanceof VariableReference) {
            String name = node.toStringAST().substring(1);
            if (name.equals("root") || name.equals("this")) {
                throw new InvalidRuleException(field, "#" + name + " is not allowed in '" + source + "'");
            }
            parameters.add(name);
            return;
        }
        if (node instanceof MethodReference method) {
            if (!method.getName().equals("inProgramme")
                    || method.getChildCount() != 1
                    || !(method.getChild(0) instanceof StringLiteral)) {
                throw new InvalidRuleException(
                        field,
                        "'" + node.toStringAST() + "' in '" + source + "' is not allowed: the only function is"
                                + " inProgramme('CODE')");
            }
            return;
        }
        if (!ALLOWED.contains(node.getClass())) {
            throw new InvalidRuleException(
                    field,
                    "'" + node.toStringAST() + "' in '" + source + "' is not allowed: rules use facts, #parameters,"
                            + " literals, comparisons, arithmetic, and/or/not, a ? b : c, a ?: b and inProgramme('CODE') only");
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            check(field, source, node.getChild(i), parameters);
        }
    }

    /** Evaluates on the probe household with every parameter 1: catches type errors (e.g. {@code 'a' < 1}). */
    private @Nullable Object probe() {
        Map<String, Object> values = new java.util.HashMap<>();
        parameters.forEach(name -> values.put(name, 1L));
        try {
            return value(PROBE, values);
        } catch (EvaluationException e) {
            throw new InvalidRuleException(field, "'" + source + "' cannot be evaluated: " + e.getMessage());
        } catch (ArithmeticException e) {
            // depends on the data (a division by a fact that is zero here): decided at evaluation
            return null;
        }
    }

    /**
     * The expression's value for {@code facts} and {@code variables}.
     *
     * @throws EvaluationException when it fails; when a fact it needs is unknown, the cause chain holds a {@link
     *     FactsAccessor.MissingFact} (see {@link #missingFact})
     */
    @Nullable
    Object value(HouseholdFacts facts, Map<String, Object> variables) {
        SimpleEvaluationContext context = SimpleEvaluationContext.forPropertyAccessors(FactsAccessor.INSTANCE)
                .withInstanceMethods()
                .withAssignmentDisabled()
                .withRootObject(facts)
                .build();
        variables.forEach(context::setVariable);
        return expression.getValue(context);
    }

    /** The unknown fact that stopped an evaluation, if that is why it failed. */
    static @Nullable String missingFact(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FactsAccessor.MissingFact missing) {
                return missing.fact();
            }
        }
        return null;
    }

    /** An amount's value in whole fen (half up). */
    static long fen(Object value) {
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException("not a number: " + value);
        }
        return new BigDecimal(number.toString())
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    /** The parameters ({@code #name}) it reads. */
    Set<String> parameters() {
        return parameters;
    }

    String source() {
        return source;
    }
}
