package org.zhengce.intake.identity;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.Sex;
import org.zhengce.schemas.identity.IdentityNumbers;

/**
 * A valid 18-character resident identity number (公民身份号码, GB 11643-1999): 6-digit region code, 8-digit birth
 * date (yyyyMMdd), 3-digit sequence (odd for men, even for women) and the ISO 7064 MOD 11-2 check character (a digit
 * or 'X').
 *
 * <p>Printing it never shows the number: {@link #toString()} and {@link #masked()} keep the region code (6
 * characters, not personal) and the check character and replace the 11 characters in between, the birth date and the
 * sequence, by '*': {@code 110105***********X}. The clear value is only reachable inside this package, by the
 * {@link Pseudonymiser}.
 */
public final class ResidentIdentityNumber {

    /** Birth dates are calendar dates in China; "today" is taken in this zone whatever the clock's zone. */
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    static final int LENGTH = 18;
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK_CHARACTERS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final int VISIBLE_PREFIX = 6;
    private static final int MASK_FROM_LENGTH = 12;
    private static final int MASK_MAX_LENGTH = 32;

    private final String value;
    private final LocalDate birthDate;

    private ResidentIdentityNumber(String value, LocalDate birthDate) {
        this.value = value;
        this.birthDate = birthDate;
    }

    /**
     * Parses and validates a resident identity number: length, characters, birth date (a calendar date, not after
     * today in China by {@code clock}) and check character, in that order. Surrounding whitespace is ignored and a
     * lower-case 'x' is read as 'X'.
     *
     * @throws InvalidIdentityNumberException naming the first broken rule, with the masked value only
     */
    public static ResidentIdentityNumber parse(CharSequence raw, Clock clock) {
        String candidate = raw.toString().strip();
        if (candidate.length() != LENGTH) {
            throw invalid(IdentityNumberRule.LENGTH, candidate);
        }
        for (int i = 0; i < LENGTH - 1; i++) {
            if (!isAsciiDigit(candidate.charAt(i))) {
                throw invalid(IdentityNumberRule.CHARACTERS, candidate);
            }
        }
        char last = Character.toUpperCase(candidate.charAt(LENGTH - 1));
        if (!isAsciiDigit(last) && last != 'X') {
            throw invalid(IdentityNumberRule.CHARACTERS, candidate);
        }
        String normalised = candidate.substring(0, LENGTH - 1) + last;
        LocalDate birthDate = birthDateOf(normalised);
        if (birthDate == null || birthDate.isAfter(LocalDate.ofInstant(clock.instant(), CHINA))) {
            throw invalid(IdentityNumberRule.BIRTH_DATE, normalised);
        }
        if (checkCharacter(normalised) != last) {
            throw invalid(IdentityNumberRule.CHECK_DIGIT, normalised);
        }
        return new ResidentIdentityNumber(normalised, birthDate);
    }

    /**
     * The ISO 7064 MOD 11-2 check character of the first 17 digits of {@code digits}: the sum of digit × weight
     * (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) modulo 11 indexes {@code 1 0 X 9 8 7 6 5 4 3 2}.
     */
    public static char checkCharacter(CharSequence digits) {
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            sum += (digits.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS[sum % 11];
    }

    /**
     * Masks any string that may be an identity number, valid or not, so it can be shown in an error, a log line or
     * the rejected-event store: from 12 to 32 characters the first 6 and the last one stay and the rest becomes '*';
     * shorter strings are masked entirely; longer ones keep the first 6 and the last one and say how long they were.
     */
    public static String mask(CharSequence raw) {
        int length = raw.length();
        if (length < MASK_FROM_LENGTH) {
            return "*".repeat(length);
        }
        String prefix = raw.subSequence(0, VISIBLE_PREFIX).toString();
        char last = raw.charAt(length - 1);
        if (length > MASK_MAX_LENGTH) {
            return prefix + "***" + last + " (" + length + " characters)";
        }
        return prefix + "*".repeat(length - VISIBLE_PREFIX - 1) + last;
    }

    /**
     * Masks every identity number found in free text (a note, an address, a value typed into the wrong column, raw
     * JSON text), by the platform's one detector ({@link IdentityNumbers}): full-width digits, separators inside the
     * number, JSON escapes, numbers glued to other digits and 15-digit first-generation numbers included; a run of
     * exactly 18 is masked whether or not its check character is right.
     */
    public static String maskAllIn(CharSequence text) {
        return IdentityNumbers.maskAllIn(text);
    }

    /** The masked form, e.g. {@code 110105***********X}. */
    public String masked() {
        return mask(value);
    }

    /** The 6-digit administrative region code where the number was issued. */
    public String regionCode() {
        return value.substring(0, VISIBLE_PREFIX);
    }

    /** The birth date encoded in the number. */
    public LocalDate birthDate() {
        return birthDate;
    }

    /** The sex encoded in the number: an odd sequence digit (the 17th character) is male, an even one female. */
    public Sex sex() {
        return (value.charAt(LENGTH - 2) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
    }

    /**
     * The clear, normalised number (upper-case 'X'). Package-private on purpose: only the {@link Pseudonymiser} may
     * read it, to compute the keyed pseudonym.
     */
    String clearValueForPseudonymiser() {
        return value;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ResidentIdentityNumber that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The masked form; never the clear number. */
    @Override
    public String toString() {
        return masked();
    }

    private static @Nullable LocalDate birthDateOf(String digits) {
        int year = Integer.parseInt(digits, 6, 10, 10);
        int month = Integer.parseInt(digits, 10, 12, 10);
        int day = Integer.parseInt(digits, 12, 14, 10);
        if (year < 1800
                || month < 1
                || month > 12
                || day < 1
                || day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static InvalidIdentityNumberException invalid(IdentityNumberRule rule, String candidate) {
        return new InvalidIdentityNumberException(rule, mask(candidate));
    }
}
