package org.zhengce.democity;

import java.time.LocalDate;

/**
 * Resident identity numbers (GB 11643-1999) that can belong to nobody: region {@value #REGION} is not a GB/T 2260
 * division (no province code starts with 9), while the birth date, the sequence (odd for men, even for women) and the
 * ISO 7064 MOD 11-2 check character are valid, so intake accepts them as it would a real number.
 */
public final class IdentityNumbers {

    /** The fictitious region of every generated identity number. */
    public static final String REGION = "990101";

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";

    private IdentityNumbers() {}

    /** The number of a person born on {@code birthDate} with sequence {@code sequence} (0 to 999). */
    public static String of(LocalDate birthDate, int sequence) {
        return withCheck(first17(birthDate, sequence));
    }

    /** The first 17 digits as a number, to compare and sort without strings. */
    static long first17(LocalDate birthDate, int sequence) {
        if (sequence < 0 || sequence > 999) {
            throw new IllegalArgumentException("sequence must be 0 to 999, was " + sequence);
        }
        long date = birthDate.getYear() * 10_000L + birthDate.getMonthValue() * 100L + birthDate.getDayOfMonth();
        return (990101L * 100_000_000L + date) * 1_000L + sequence;
    }

    static String withCheck(long first17) {
        String digits = Long.toString(first17);
        return digits + checkCharacter(digits);
    }

    /**
     * The check character of the first 17 digits: the sum of digit × weight (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2)
     * modulo 11 indexes {@code 1 0 X 9 8 7 6 5 4 3 2}.
     */
    public static char checkCharacter(CharSequence first17Digits) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (first17Digits.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    /** {@code 990101***********X}: what may be shown of a number. */
    public static String mask(String number) {
        return number.length() < 18 ? "***" : number.substring(0, 6) + "*".repeat(11) + number.charAt(17);
    }
}
