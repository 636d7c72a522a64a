package org.zhengce.scoring.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A scoring model document that cannot be used, with every problem found, each with its path in the YAML
 * ({@code rules[3].where.grade.atMost}; the empty path for the document as a whole).
 */
public class InvalidModelException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** One problem: where, and what is wrong. */
    public record Problem(String path, String message) {

        @Override
        public String toString() {
            return path.isEmpty() ? message : path + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    public InvalidModelException(List<Problem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in the order the model is read: the top-level fields, levels, dimensions, rules, categories. */
    public List<Problem> problems() {
        return problems;
    }

    private static String message(List<Problem> problems) {
        return "invalid scoring model (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):"
                + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining());
    }
}
