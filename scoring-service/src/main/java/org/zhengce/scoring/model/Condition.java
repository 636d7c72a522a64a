package org.zhengce.scoring.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One {@code where} comparison of a rule: a fact's field against values read from the model. Numbers are compared as
 * {@code long}s, enums by symbol, booleans and text by equality. A field without a value (an optional field left
 * empty) matches no comparison.
 */
record Condition(String field, Op op, List<Object> values) {

    enum Op {
        EQUALS("equals"),
        IN("in"),
        NOT_IN("notIn"),
        AT_LEAST("atLeast"),
        AT_MOST("atMost"),
        ABOVE("above"),
        BELOW("below");

        final String yaml;

        Op(String yaml) {
            this.yaml = yaml;
        }

        boolean ordering() {
            return this == AT_LEAST || this == AT_MOST || this == ABOVE || this == BELOW;
        }

        boolean takesList() {
            return this == IN || this == NOT_IN;
        }
    }

    Condition {
        values = List.copyOf(values);
    }

    boolean test(@Nullable Object value) {
        if (value == null) {
            return false;
        }
        if (op.ordering()) {
            long actual = ((Number) value).longValue();
            long bound = ((Number) values.get(0)).longValue();
            return switch (op) {
                case AT_LEAST -> actual >= bound;
                case AT_MOST -> actual <= bound;
                case ABOVE -> actual > bound;
                case BELOW -> actual < bound;
                default -> throw new IllegalStateException(op.name());
            };
        }
        boolean listed = values.stream().anyMatch(v -> same(v, value));
        return op == Op.NOT_IN ? !listed : listed;
    }

    private static boolean same(Object expected, Object actual) {
        if (expected instanceof Number e && actual instanceof Number a) {
            return e.longValue() == a.longValue();
        }
        return expected.equals(actual);
    }
}
