package org.zhengce.schemas.rules;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.Program;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CEL programs, compiled once per expression with dev.cel (Google's CEL for Java). A {@code CEL} rule sees {@code
 * message}; a {@code CEL_FIELD} rule sees {@code value}, {@code name}, {@code fullName}, {@code typeName}, {@code tags}
 * and {@code message} (the record holding the field), as Confluent binds them. An expression may start with a guard,
 * {@code guard ; body}: when the guard is false (or fails) a condition holds and a transform changes nothing, unless the
 * rule's {@code cel.ignore.guard.separator} parameter is true. Besides CEL's standard functions, both kinds of rule
 * have CEL's string extensions ({@code trim}, {@code upperAscii}, {@code substring}, {@code replace}, {@code split}
 * ...) and math extensions ({@code math.greatest}, {@code math.least} ...), as Confluent's executors give them (its
 * Java {@code CelUtils}, its JavaScript executor's {@code STRINGS_EXT_FUNCS}): a contract written for Confluent's
 * serdes compiles here too. Thread-safe.
 */
final class CelPrograms {

    static final String IGNORE_GUARD_SEPARATOR = "cel.ignore.guard.separator";

    /** The expressions of a few contracts: bounded so a registry serving thousands of rules cannot exhaust memory. */
    private static final int CAPACITY = 1000;

    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .enableTimestampEpoch(true)
            .build();

    private static final Cel MESSAGE_RULES = CelFactory.standardCelBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(CelExtensions.strings(), CelExtensions.math(OPTIONS))
            .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.math(OPTIONS))
            .addVar("message", SimpleType.DYN)
            .build();

    private static final Cel FIELD_RULES = CelFactory.standardCelBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(CelExtensions.strings(), CelExtensions.math(OPTIONS))
            .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.math(OPTIONS))
            .addVar("value", SimpleType.DYN)
            .addVar("name", SimpleType.STRING)
            .addVar("fullName", SimpleType.STRING)
            .addVar("typeName", SimpleType.STRING)
            .addVar("tags", ListType.create(SimpleType.STRING))
            .addVar("message", SimpleType.DYN)
            .build();

    private final Map<Key, Program> programs = new ConcurrentHashMap<>();

    /** What an expression gave: {@code guarded} when its guard was false and the body did not run. */
    record Outcome(Object value, boolean guarded) {}

    /** Runs {@code expr} of a {@code CEL} ({@code field} false) or {@code CEL_FIELD} rule over {@code bindings}. */
    Outcome run(String expr, boolean field, boolean ignoreGuard, Map<String, ?> bindings)
            throws RuleEvaluationException {
        String body = expr;
        int separator = expr.indexOf(';');
        if (!ignoreGuard && separator >= 0) {
            String guard = expr.substring(0, separator);
            body = expr.substring(separator + 1);
            if (!guard.isBlank()) {
                Object passed;
                try {
                    passed = eval(guard, field, bindings);
                } catch (RuleEvaluationException e) {
                    passed = Boolean.FALSE;
                }
                if (Boolean.FALSE.equals(passed)) {
                    return new Outcome(Boolean.TRUE, true);
                }
            }
        }
        return new Outcome(eval(body, field, bindings), false);
    }

    private Object eval(String expr, boolean field, Map<String, ?> bindings) throws RuleEvaluationException {
        Program program = program(new Key(expr.strip(), field));
        try {
            return program.eval(bindings);
        } catch (CelEvaluationException e) {
            throw new RuleEvaluationException("CEL expression failed: " + e.getMessage(), e);
        }
    }

    private Program program(Key key) throws RuleEvaluationException {
        Program known = programs.get(key);
        if (known != null) {
            return known;
        }
        Cel cel = key.field() ? FIELD_RULES : MESSAGE_RULES;
        try {
            Program program = cel.createProgram(cel.compile(key.expr()).getAst());
            if (programs.size() >= CAPACITY) {
                programs.clear();
            }
            programs.put(key, program);
            return program;
        } catch (CelValidationException e) {
            throw new RuleEvaluationException("CEL expression does not compile: " + e.getMessage(), e);
        } catch (CelEvaluationException e) {
            throw new RuleEvaluationException("CEL expression cannot be planned: " + e.getMessage(), e);
        }
    }

    private record Key(String expr, boolean field) {}

    /** A rule could not be run: its expression does not compile, fails on the value, or gives the wrong kind of result. */
    static final class RuleEvaluationException extends Exception {

        private static final long serialVersionUID = 1L;

        RuleEvaluationException(String message, Throwable cause) {
            super(message, cause);
        }

        RuleEvaluationException(String message) {
            super(message);
        }
    }
}
