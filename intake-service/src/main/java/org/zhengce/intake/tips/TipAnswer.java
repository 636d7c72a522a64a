package org.zhengce.intake.tips;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a tip: its status as the pipeline gave it ({@code accepted}, {@code duplicate}, ...), the platform
 * event id to follow it by, the fields where an identity number was masked (never the value), and every violation.
 */
record TipAnswer(
        String status, @Nullable UUID platformEventId, List<String> maskedFields, List<TipAnswer.Refusal> violations) {

    /** One broken rule: the field, the rule's code. */
    record Refusal(String field, String rule) {}
}
