package org.zhengce.intake.reading;

import org.zhengce.intake.identity.ResidentIdentityNumber;

/** How a value found in the input is shown in a violation: identity numbers masked, then cut, as EventValidator does. */
final class Offending {

    static final int MAX_LENGTH = 100;

    private Offending() {}

    /** {@code value} with every identity-number-shaped run masked, cut to {@value #MAX_LENGTH} characters. */
    static String shown(String value) {
        String masked = ResidentIdentityNumber.maskAllIn(value);
        if (masked.length() <= MAX_LENGTH) {
            return masked;
        }
        int end = Character.isHighSurrogate(masked.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
        return masked.substring(0, end) + "…";
    }
}
