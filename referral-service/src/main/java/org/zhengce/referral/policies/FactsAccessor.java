package org.zhengce.referral.policies;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.expression.AccessException;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.PropertyAccessor;
import org.springframework.expression.TypedValue;

/**
 * The only property access rule expressions have: the components of {@link HouseholdFacts}, read only. An
 * unknown (null) fact is not a value: reading it throws {@link MissingFact}, so that a condition needing it is
 * undecided (and says which fact), while {@code a or b} that is decided by {@code a} never reads {@code b}.
 */
final class FactsAccessor implements PropertyAccessor {

    /** The facts by name; {@code activeProgrammes} is read through {@code inProgramme('CODE')} only. */
    static final Map<String, Method> FACTS = Arrays.stream(HouseholdFacts.class.getRecordComponents())
            .filter(component -> !component.getName().equals("activeProgrammes"))
            .collect(Collectors.toUnmodifiableMap(RecordComponent::getName, RecordComponent::getAccessor));

    static final FactsAccessor INSTANCE = new FactsAccessor();

    private FactsAccessor() {}

    /** A fact a rule needs is unknown. */
    static final class MissingFact extends AccessException {

        private final String fact;

        MissingFact(String fact) {
            super("fact " + fact + " is unknown");
            this.fact = fact;
        }

        String fact() {
            return fact;
        }
    }

    @Override
    public Class<?>[] getSpecificTargetClasses() {
        return new Class<?>[] {HouseholdFacts.class};
    }

    @Override
    public boolean canRead(EvaluationContext context, @Nullable Object target, String name) {
        return target instanceof HouseholdFacts && FACTS.containsKey(name);
    }

    @Override
    public TypedValue read(EvaluationContext context, @Nullable Object target, String name) throws AccessException {
        Method accessor = FACTS.get(name);
        if (accessor == null || !(target instanceof HouseholdFacts)) {
            throw new AccessException("no fact " + name);
        }
        Object value;
        try {
            value = accessor.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new AccessException("cannot read fact " + name, e);
        }
        if (value == null) {
            throw new MissingFact(name);
        }
        return new TypedValue(value);
    }

    @Override
    public boolean canWrite(EvaluationContext context, @Nullable Object target, String name) {
        return false;
    }

    @Override
    public void write(EvaluationContext context, @Nullable Object target, String name, @Nullable Object newValue)
            throws AccessException {
        throw new AccessException("facts are read only");
    }

    /** Used by {@link RuleExpression} to list the known facts in messages. */
    static String names() {
        return FACTS.keySet().stream().sorted().collect(Collectors.joining(", "));
    }
}
