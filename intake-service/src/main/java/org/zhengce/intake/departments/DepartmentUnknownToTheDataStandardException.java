package org.zhengce.intake.departments;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A code that is not a department of the data standard (a symbol of {@code org.zhengce.events.Department}), or is
 * its placeholder {@code OTHER}: 400, naming the rule and how to add a department. Registering it would only issue
 * a key for events that are all refused {@code department.matches-sender}: every event names its department by a
 * symbol, and a reader reads a symbol it does not know as {@code OTHER}.
 */
public class DepartmentUnknownToTheDataStandardException extends ErrorResponseException {

    /** The rule of a code that is not a symbol of the data standard's Department enum. */
    public static final String KNOWN_TO_DATA_STANDARD = "department.known-to-data-standard";

    /** The rule of {@code OTHER}, the placeholder for a department a reader does not know yet. */
    public static final String NOT_OTHER = "department.not-other";

    /** Where adding a department is described, step by step. */
    static final String HOW_TO_ADD = "README.md, section \"Adding a department\" (#adding-a-department)";

    private static final String PLACEHOLDER = org.zhengce.events.Department.OTHER.name();

    private DepartmentUnknownToTheDataStandardException(ProblemDetail problem) {
        super(HttpStatus.BAD_REQUEST, problem, null);
    }

    /** The refusal of {@code code}, or empty when it is a department of the data standard this intake knows. */
    static Optional<DepartmentUnknownToTheDataStandardException> refusalOf(String code) {
        if (code.equals(PLACEHOLDER)) {
            return Optional.of(new DepartmentUnknownToTheDataStandardException(problem(
                    code,
                    NOT_OTHER,
                    "department OTHER cannot be registered: OTHER is not a department but the data standard's"
                            + " placeholder, the symbol a reader gives a department its version does not know yet;"
                            + " events naming it could not be told from those of a department added later. Register"
                            + " the department's own symbol; to add one, follow " + HOW_TO_ADD)));
        }
        if (knownCodes().contains(code)) {
            return Optional.empty();
        }
        return Optional.of(new DepartmentUnknownToTheDataStandardException(problem(
                code,
                KNOWN_TO_DATA_STANDARD,
                "department " + code + " is not a Department symbol of the data standard"
                        + " (schemas/src/main/avro/common/Department.avsc): every event it sent would be refused "
                        + "department.matches-sender. Known: " + String.join(", ", knownCodes()) + ". To add it"
                        + " (a symbol with its doc, its topic " + topicOf(code) + ", then its registration here),"
                        + " follow " + HOW_TO_ADD)));
    }

    /** The departments of the data standard this intake was built with, {@code OTHER} excepted. */
    static List<String> knownCodes() {
        return Arrays.stream(org.zhengce.events.Department.values())
                .map(Enum::name)
                .filter(code -> !code.equals(PLACEHOLDER))
                .toList();
    }

    /** The department's own topic, as the topic catalogue names it: the code in lower case with '-' for '_'. */
    static String topicOf(String code) {
        return "dept." + code.toLowerCase(Locale.ROOT).replace('_', '-') + ".events";
    }

    private static ProblemDetail problem(String code, String rule, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Department unknown to the data standard");
        problem.setProperty("department", code);
        problem.setProperty("rule", rule);
        problem.setProperty("knownDepartments", knownCodes());
        problem.setProperty("addingADepartment", HOW_TO_ADD);
        return problem;
    }
}
