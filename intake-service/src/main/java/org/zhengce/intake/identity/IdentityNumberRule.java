package org.zhengce.intake.identity;

/** The GB 11643-1999 rule a resident identity number broke, in the order they are checked. */
public enum IdentityNumberRule {
    /** Not exactly 18 characters. */
    LENGTH("identity-number.length"),
    /** The first 17 characters are not all digits, or the last is neither a digit nor 'X'. */
    CHARACTERS("identity-number.characters"),
    /** Characters 7 to 14 are not a calendar date (yyyyMMdd), or the date is in the future. */
    BIRTH_DATE("identity-number.birth-date"),
    /** The last character is not the ISO 7064 MOD 11-2 check character of the first 17. */
    CHECK_DIGIT("identity-number.check-digit");

    private final String code;

    IdentityNumberRule(String code) {
        this.code = code;
    }

    /** The stable code used in violations and error responses, e.g. {@code identity-number.check-digit}. */
    public String code() {
        return code;
    }
}
