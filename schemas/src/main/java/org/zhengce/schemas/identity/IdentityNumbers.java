package org.zhengce.schemas.identity;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds resident identity numbers (GB 11643) in free text and masks them, structurally rather than by one regular
 * expression over the raw characters:
 *
 * <ul>
 *   <li>each character is folded to its NFKC form first, so full-width digits ({@code １１０１０５…}), other decimal
 *       digits and a full-width {@code Ｘ} count as digits and {@code X};
 *   <li>a JSON escape of a digit or {@code X} (a backslash, {@code u} and four hex digits) counts as that character,
 *       so raw JSON text is read as its parsed value would be;
 *   <li>up to three separators between digits are passed over: spaces of any width, dashes, dots, slashes, and what a
 *       reader does not see (a tab or another control character, a zero-width space, a soft hyphen), also written as
 *       JSON escapes;
 *   <li>digits outside the Basic Multilingual Plane (mathematical digits) are digits too;
 *   <li>in a run of digits, every window of 18 (17 digits and a digit or {@code X}) whose birth date is a date and
 *       whose check character is right is a number, also when the run is longer (digits glued to a phone number); a
 *       run of exactly 18 is masked whatever its check character, as a mistyped number still names a person; a run
 *       of exactly 15 whose birth date is a date is a first-generation number.
 * </ul>
 *
 * A mask keeps the region (first 6) and the last character: {@code 110105***********X}. Over-masking a long digit
 * run that merely looks like a number is accepted; letting a number through is not.
 */
public final class IdentityNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK_CHARACTERS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final int LENGTH = 18;
    private static final int FIRST_GENERATION_LENGTH = 15;
    private static final int VISIBLE_PREFIX = 6;
    /** At most this many separators in a row between two digits of one number (" - " is three). */
    private static final int MAX_SEPARATORS = 3;

    private IdentityNumbers() {}

    /** Where a number stands in the text: {@code [start, end)} in the text's chars, and its digits. */
    public record Found(int start, int end, String digits) {

        /** The masked form: the region and the last character kept, e.g. {@code 110105***********X}. */
        public String masked() {
            return digits.substring(0, VISIBLE_PREFIX)
                    + "*".repeat(digits.length() - VISIBLE_PREFIX - 1)
                    + digits.charAt(digits.length() - 1);
        }
    }

    /** Whether {@code text} holds an identity number. */
    public static boolean foundIn(CharSequence text) {
        return !find(text).isEmpty();
    }

    /** {@code text} with every identity number masked ({@link Found#masked()}); the text itself when none is found. */
    public static String maskAllIn(CharSequence text) {
        List<Found> found = find(text);
        if (found.isEmpty()) {
            return text.toString();
        }
        StringBuilder masked = new StringBuilder(text.length());
        int at = 0;
        for (Found number : found) {
            masked.append(text, at, number.start()).append(number.masked());
            at = number.end();
        }
        return masked.append(text, at, text.length()).toString();
    }

    /** Every identity number in {@code text}, in order, none overlapping. */
    public static List<Found> find(CharSequence text) {
        List<Found> found = new ArrayList<>();
        List<Token> run = new ArrayList<>();
        boolean separated = false;
        int i = 0;
        while (i < text.length()) {
            Token token = token(text, i);
            if (token != null) {
                run.add(token);
                i = token.end;
                continue;
            }
            // a few separators between two digits keep the run going; anything else ends it
            if (!run.isEmpty()) {
                int next = afterSeparators(text, i);
                if (next > i && next < text.length() && token(text, next) != null) {
                    separated = true;
                    i = next;
                    continue;
                }
            }
            numbersIn(run, separated, found);
            run.clear();
            separated = false;
            i++;
        }
        numbersIn(run, separated, found);
        return found;
    }

    /**
     * Where the text goes on after at most {@value #MAX_SEPARATORS} separators from {@code i} (a separator character,
     * or its JSON escape); {@code i} itself when there is none.
     */
    private static int afterSeparators(CharSequence text, int i) {
        int at = i;
        for (int n = 0; n < MAX_SEPARATORS && at < text.length(); n++) {
            int width = separatorWidth(text, at);
            if (width == 0) {
                break;
            }
            at += width;
        }
        return at;
    }

    /** How many characters a separator at {@code i} takes: 1, 6 for a JSON unicode escape, 2 for a short one; or 0. */
    private static int separatorWidth(CharSequence text, int i) {
        char c = text.charAt(i);
        if (c == '\\' && i + 1 < text.length()) {
            char escape = text.charAt(i + 1);
            if (escape == 't' || escape == 'n' || escape == 'r' || escape == 'b' || escape == 'f') {
                return 2;
            }
            if (escape == 'u' && i + 5 < text.length()) {
                int code = hex(text, i + 2);
                return code >= 0 && isSeparator((char) code) ? 6 : 0;
            }
            return 0;
        }
        return isSeparator(c) ? 1 : 0;
    }

    /**
     * A digit or {@code X} at {@code i} (as a character, folded, a character outside the Basic Multilingual Plane such
     * as a mathematical digit, or a JSON escape); null when there is none.
     */
    private static Token token(CharSequence text, int i) {
        char c = text.charAt(i);
        if (c == '\\' && i + 5 < text.length() && text.charAt(i + 1) == 'u') {
            int code = hex(text, i + 2);
            if (code >= 0) {
                char escaped = fold(code);
                if (escaped != 0) {
                    return new Token(escaped, i, i + 6);
                }
            }
            return null;
        }
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            char folded = fold(Character.toCodePoint(c, text.charAt(i + 1)));
            return folded == 0 ? null : new Token(folded, i, i + 2);
        }
        char folded = fold(c);
        return folded == 0 ? null : new Token(folded, i, i + 1);
    }

    /** The ASCII digit or 'X' that code point {@code c} is under NFKC, or 0. */
    private static char fold(int c) {
        if (c >= '0' && c <= '9') {
            return (char) c;
        }
        if (c == 'X' || c == 'x') {
            return 'X';
        }
        if (c < 0x80) {
            return 0;
        }
        int digit = Character.digit(c, 10);
        if (digit >= 0) {
            return (char) ('0' + digit);
        }
        String normalised = Normalizer.normalize(new String(Character.toChars(c)), Normalizer.Form.NFKC);
        if (normalised.length() == 1) {
            char n = normalised.charAt(0);
            if (n == 'X' || n == 'x') {
                return 'X';
            }
            if (n >= '0' && n <= '9') {
                return n;
            }
        }
        return 0;
    }

    /**
     * What may stand between the digits of one number: spaces of any width, dashes, dots, slashes, middle dots, and
     * what a reader does not see (control and format characters: a tab, a zero-width space, a soft hyphen).
     */
    private static boolean isSeparator(char c) {
        if (c == '.' || c == '/' || c == '\u00b7' || c == '\u30fb') {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.SPACE_SEPARATOR
                || type == Character.DASH_PUNCTUATION
                || type == Character.FORMAT
                || type == Character.CONTROL;
    }

    private static int hex(CharSequence text, int from) {
        int value = 0;
        for (int i = from; i < from + 4; i++) {
            int d = Character.digit(text.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            value = value * 16 + d;
        }
        return value;
    }

    /**
     * The numbers in one run of digits, added to {@code found}: windows of 18 with a right check character and a
     * birth date anywhere in the run; a run of exactly 18 without separators whatever its check character; a run of
     * exactly 15 without separators with a birth date (a first-generation number has no check character, so only a
     * number standing alone is taken for one: a household number such as {@code 110105001001-0104} is not).
     */
    private static void numbersIn(List<Token> run, boolean separated, List<Found> found) {
        int n = run.size();
        if (n < FIRST_GENERATION_LENGTH) {
            return;
        }
        if (!separated && n == LENGTH && digits(run, 0, LENGTH - 1)) {
            found.add(found(run, 0, LENGTH));
            return;
        }
        if (!separated && n == FIRST_GENERATION_LENGTH) {
            if (isFirstGeneration(run, 0)) {
                found.add(found(run, 0, FIRST_GENERATION_LENGTH));
            }
            return;
        }
        for (int k = 0; k + LENGTH <= n; k++) {
            if (isNumber(run, k)) {
                found.add(found(run, k, LENGTH));
                k += LENGTH - 1;
            }
        }
    }

    private static boolean isNumber(List<Token> run, int k) {
        if (!digits(run, k, LENGTH - 1)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            sum += (run.get(k + i).c - '0') * WEIGHTS[i];
        }
        return run.get(k + LENGTH - 1).c == CHECK_CHARACTERS[sum % 11]
                && isDate(number(run, k + 6, 4), number(run, k + 10, 2), number(run, k + 12, 2));
    }

    private static boolean isFirstGeneration(List<Token> run, int k) {
        return digits(run, k, FIRST_GENERATION_LENGTH)
                && isDate(1900 + number(run, k + 6, 2), number(run, k + 8, 2), number(run, k + 10, 2));
    }

    private static boolean digits(List<Token> run, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (run.get(i).c == 'X') {
                return false;
            }
        }
        return true;
    }

    private static int number(List<Token> run, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + (run.get(i).c - '0');
        }
        return value;
    }

    private static boolean isDate(int year, int month, int day) {
        if (year < 1880 || year > 2100) {
            return false;
        }
        try {
            LocalDate.of(year, month, day);
            return true;
        } catch (DateTimeException notADate) {
            return false;
        }
    }

    private static Found found(List<Token> run, int from, int length) {
        StringBuilder digits = new StringBuilder(length);
        for (int i = from; i < from + length; i++) {
            digits.append(run.get(i).c);
        }
        return new Found(run.get(from).start, run.get(from + length - 1).end, digits.toString());
    }

    private record Token(char c, int start, int end) {}
}
