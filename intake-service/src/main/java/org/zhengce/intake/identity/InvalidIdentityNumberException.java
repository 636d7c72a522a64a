package org.zhengce.intake.identity;

/**
 * A string that is not a valid resident identity number. Carries the broken rule and the masked value only; the
 * clear value is never kept, so this exception may be logged or returned to the department as it is. It has no stack
 * trace: it is an expected result of bad input, cheap to raise on every bad line of a large stream.
 */
public final class InvalidIdentityNumberException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final IdentityNumberRule rule;
    private final String maskedValue;

    InvalidIdentityNumberException(IdentityNumberRule rule, String maskedValue) {
        super("resident identity number " + maskedValue + " breaks rule " + rule.code());
        this.rule = rule;
        this.maskedValue = maskedValue;
    }

    public IdentityNumberRule rule() {
        return rule;
    }

    public String maskedValue() {
        return maskedValue;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
