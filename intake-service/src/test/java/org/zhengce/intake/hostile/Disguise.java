package org.zhengce.intake.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * An identity number written so that a masker looking for 18 ASCII digits misses it: how a careless or hostile sender
 * writes one into free text. {@code value} is the text as a parsed JSON string (or a CSV cell, or an Avro string)
 * holds it; {@code json} is how it is written inside a JSON string (escapes included).
 */
record Disguise(String name, String value, String json) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Disguise of(String name, String value) {
        return new Disguise(name, value, jsonContent(value));
    }

    /** The content of the JSON string of {@code value}, without its quotes. */
    static String jsonContent(String value) {
        String quoted = JSON.writeValueAsString(value);
        return quoted.substring(1, quoted.length() - 1);
    }

    /** Every disguise of the 18-character {@code number}, and of the 15-digit first-generation {@code old}. */
    static List<Disguise> of18(String number, String old) {
        List<Disguise> all = new ArrayList<>();
        all.add(of("plain", number));
        all.add(new Disguise("json-escaped-digits", number, escaped(number, 0, number.length())));
        all.add(new Disguise("json-escaped-one-digit", number, escaped(number, 7, 8)));
        all.add(of("full-width-digits", mapped(number, c -> c == 'X' ? 'Ｘ' : 0xFF10 + (c - '0'))));
        all.add(of("arabic-indic-digits", mapped(number, c -> c == 'X' ? 'X' : 0x0660 + (c - '0'))));
        all.add(of("spaces-inside", grouped(number, " ")));
        all.add(of("dashes-inside", grouped(number, "-")));
        all.add(of("ideographic-spaces-inside", grouped(number, "\u3000")));
        all.add(of("en-dashes-inside", grouped(number, "\u2013")));
        all.add(of("no-break-spaces-inside", grouped(number, "\u00a0")));
        all.add(of("dots-inside", grouped(number, ".")));
        all.add(of("space-between-every-digit", String.join(" ", number.split(""))));
        all.add(of("lower-case-x", number.toLowerCase(java.util.Locale.ROOT)));
        all.add(of("glued-to-a-phone-number", "13911112222" + number));
        all.add(of("glued-on-both-sides", "13911112222" + number + "0101"));
        all.add(of("inside-chinese-text", "身份证号" + number + "住址不详"));
        all.add(of("first-generation-15-digits", old));
        all.add(of("first-generation-full-width", mapped(old, c -> 0xFF10 + (c - '0'))));
        // written so a reader sees the number, and a masker of single ASCII separators does not
        all.add(of("zero-width-spaces-inside", grouped(number, "\u200b")));
        all.add(of("soft-hyphens-inside", grouped(number, "\u00ad")));
        all.add(of("spaced-dashes-inside", grouped(number, " - ")));
        all.add(of("slashes-inside", grouped(number, "/")));
        all.add(of("tabs-inside", grouped(number, "\t")));
        all.add(of("mathematical-bold-digits", mapped(number, c -> c == 'X' ? 'X' : 0x1D7CE + (c - '0'))));
        return all;
    }

    /** A few disguises, for the places where the corpus tries fewer (identifiers, keys). */
    static List<Disguise> few(String number, String old) {
        List<String> names = List.of(
                "plain",
                "json-escaped-digits",
                "full-width-digits",
                "dashes-inside",
                "glued-to-a-phone-number",
                "first-generation-15-digits");
        return of18(number, old).stream().filter(d -> names.contains(d.name())).toList();
    }

    /** {@code number} in groups 6-8-4 (region, birth date, sequence and check) joined by {@code separator}. */
    static String grouped(String number, String separator) {
        return number.substring(0, 6) + separator + number.substring(6, 14) + separator + number.substring(14);
    }

    private static String escaped(String number, int from, int to) {
        StringBuilder json = new StringBuilder(number.substring(0, from));
        for (int i = from; i < to; i++) {
            json.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) number.charAt(i)));
        }
        return json.append(number.substring(to)).toString();
    }

    private static String mapped(String number, IntUnaryOperator digit) {
        StringBuilder text = new StringBuilder();
        number.chars().forEach(c -> text.appendCodePoint(digit.applyAsInt(c)));
        return text.toString();
    }
}
