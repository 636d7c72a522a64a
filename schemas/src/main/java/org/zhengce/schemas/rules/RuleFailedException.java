package org.zhengce.schemas.rules;

import org.apache.kafka.common.errors.SerializationException;
import org.jspecify.annotations.Nullable;

/**
 * A data-contract rule refused a value (its action was {@code ERROR} or {@code DLQ}), or could not run. Names the rule
 * and the direction; never carries the value. A {@link SerializationException}, so Kafka's error handlers treat it as
 * a record that cannot be written or read, not as a broker failure.
 */
public class RuleFailedException extends SerializationException {

    private static final long serialVersionUID = 1L;

    private final String ruleName;
    private final String mode;

    public RuleFailedException(String ruleName, String mode, String message, @Nullable Throwable cause) {
        super("rule '" + ruleName + "' failed on " + mode + ": " + message, cause);
        this.ruleName = ruleName;
        this.mode = mode;
    }

    /** The rule's {@code name} in the contract. */
    public String ruleName() {
        return ruleName;
    }

    /** {@code WRITE} or {@code READ}: the direction the rule ran in. */
    public String mode() {
        return mode;
    }
}
