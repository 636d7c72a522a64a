package org.zhengce.intake.validation;

import org.jspecify.annotations.Nullable;

/**
 * One error found in a department event.
 *
 * @param fieldPath where, e.g. {@code fact.members[2].identity.identityNumber}
 * @param rule the rule broken
 * @param offendingValue the value found, with any identity number masked; {@code null} when the value is missing
 */
public record Violation(
        String fieldPath, ValidationRule rule, @Nullable String offendingValue) {

    /** The rule's stable code, e.g. {@code identity-number.check-digit}. */
    public String ruleCode() {
        return rule.code();
    }
}
