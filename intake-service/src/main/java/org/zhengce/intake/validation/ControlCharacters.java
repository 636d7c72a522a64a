package org.zhengce.intake.validation;

/**
 * C0 control characters in text: no field of the data standard may hold one (tab, carriage return and line feed
 * aside), and PostgreSQL cannot store U+0000 at all, in {@code text} or in {@code jsonb}. What is kept of a refused
 * value shows each one as its escape (a backslash, {@code u} and four hex digits), so it can be read and stored.
 */
public final class ControlCharacters {

    private ControlCharacters() {}

    /** Whether {@code text} holds a C0 control character other than tab, carriage return or line feed. */
    public static boolean foundIn(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (refused(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} with each refused control character written as its escape (U+0000 as backslash-u-0000). */
    public static String escaped(String text) {
        if (!foundIn(text)) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (refused(c)) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return shown.toString();
    }

    private static boolean refused(char c) {
        return c < 0x20 && c != '\t' && c != '\r' && c != '\n';
    }
}
