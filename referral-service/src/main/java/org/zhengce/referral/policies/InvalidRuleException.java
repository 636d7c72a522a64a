package org.zhengce.referral.policies;

/** A programme definition or parameter that cannot be used, naming its field (e.g. {@code conditions[0].when}). */
final class InvalidRuleException extends RuntimeException {

    private final String field;

    InvalidRuleException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
