package org.zhengce.intake.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Fixed, made-up resident identity numbers for tests, with check characters computed here independently of the code
 * under test. None belongs to a real person; the first is the example printed in GB 11643-1999 itself.
 */
public final class IdentityNumbers {

    // declared first: the numbers below are computed with them during class initialisation
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    /** 2026-11-23 12:00 in China. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T04:00:00Z"), ZoneId.of("Asia/Shanghai"));

    /** The standard's own example: region 110105, born 1949-12-31, sequence 002 (female), check 'X'. */
    public static final String STANDARD_EXAMPLE = "11010519491231002X";
    /** Region 110105, born 1980-01-01, sequence 123 (male). */
    public static final String HEAD = valid("110105", "19800101", "123");
    /** Region 110105, born 1985-06-15, sequence 124 (female). */
    public static final String SPOUSE = valid("110105", "19850615", "124");
    /** Region 110105, born 2010-03-01, sequence 135 (male). */
    public static final String CHILD = valid("110105", "20100301", "135");

    private IdentityNumbers() {}

    /** A valid number from its parts, check character computed by ISO 7064 MOD 11-2. */
    public static String valid(String region, String birthDate, String sequence) {
        String body = region + birthDate + sequence;
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += Character.digit(body.charAt(i), 10) * WEIGHTS[i];
        }
        return body + CHECK.charAt(sum % 11);
    }

    /** {@code valid} with its check character replaced by the next one, so it is wrong. */
    public static String withWrongCheckDigit(String valid) {
        char check = valid.charAt(17);
        char wrong = CHECK.charAt((CHECK.indexOf(check) + 1) % CHECK.length());
        return valid.substring(0, 17) + wrong;
    }
}
