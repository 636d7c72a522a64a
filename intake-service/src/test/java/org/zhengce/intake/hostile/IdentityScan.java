package org.zhengce.intake.hostile;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zhengce.schemas.identity.IdentityNumbers;

/**
 * Looks for readable identity numbers in what a run left behind, two ways, so that a scan cannot pass by sharing the
 * masker's blind spot: the platform's detector ({@link IdentityNumbers}, which finds numbers of any person), and a
 * plain search for each number the corpus injected, in its canonical form and its birth-date-and-sequence digits,
 * after folding the text as a reader would (NFKC, JSON escapes decoded, digits of any script as ASCII, spaces, dashes,
 * dots, slashes, control and invisible characters removed). Text in Base64 (a dead letter of bytes) is decoded and looked at
 * too.
 */
final class IdentityScan {

    private static final Pattern BASE64 = Pattern.compile("base64:([A-Za-z0-9+/=]{8,})");
    private static final Pattern EMBEDDED_DIRECTORY = Pattern.compile("(embedded-(?:kafka|postgres)-)[0-9]+");
    /** A trace id (32) or span id (16) in lower-case hex, as a traceparent header and the logs' MDC carry them. */
    private static final Pattern TRACE_IDS = Pattern.compile("(?<![0-9a-f])(?:[0-9a-f]{32}|[0-9a-f]{16})(?![0-9a-f])");
    /** A UUID (platform event ids, tip ids, warning ids): its last group may be all digits and run into the next field. */
    private static final Pattern UUIDS =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final Pattern JSON_ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");

    private final Map<String, List<String>> injected = new LinkedHashMap<>();
    private final Map<String, Integer> scanned = new LinkedHashMap<>();
    private final List<String> findings = new ArrayList<>();

    /** @param numbers the numbers written into the run's inputs, canonical (18 or 15 characters) */
    IdentityScan(List<String> numbers) {
        for (String number : numbers) {
            String canonical = number.toUpperCase(Locale.ROOT);
            List<String> forms = new ArrayList<>();
            forms.add(canonical);
            // birth date and sequence: what is left when region and check character are cut off
            forms.add(canonical.length() == 18 ? canonical.substring(6, 17) : canonical.substring(6, 15));
            injected.put(canonical, forms);
        }
    }

    /** Looks at {@code text} of {@code kind} (topic, log, row, response), found at {@code where}. */
    void scan(String kind, String where, String text) {
        scanned.merge(kind, 1, Integer::sum);
        look(kind, where, text);
        Matcher base64 = BASE64.matcher(text);
        while (base64.find()) {
            try {
                byte[] decoded = Base64.getDecoder().decode(base64.group(1));
                look(kind, where + " (base64)", new String(decoded, StandardCharsets.UTF_8));
                look(kind, where + " (base64, bytes)", new String(decoded, StandardCharsets.ISO_8859_1));
            } catch (IllegalArgumentException notBase64) {
                // not Base64 after all: the text itself was looked at
            }
        }
    }

    /** Looks at bytes as UTF-8 text and byte by byte. */
    void scan(String kind, String where, byte[] bytes) {
        scan(kind, where, new String(bytes, StandardCharsets.UTF_8));
        look(kind, where + " (bytes)", new String(bytes, StandardCharsets.ISO_8859_1));
    }

    private void look(String kind, String where, String text) {
        // the in-process broker's and database's directories are named by a random number, and trace context (a
        // traceparent header, a log line's MDC) carries a random trace id and span id in hex: the detector may take a
        // digit run in either for a number (it masks a digit run with a valid check character whatever it is; one trace
        // id in a few thousand holds one), so both are passed over here, and so are UUIDs (a UUID's last group may be
        // twelve digits that run on into the digits of the next field in an Avro record's bytes); nothing else is, and
        // the plain search for the injected numbers below still reads them
        String withoutRandomIds = UUIDS.matcher(TRACE_IDS
                        .matcher(EMBEDDED_DIRECTORY.matcher(text).replaceAll("$1"))
                        .replaceAll("<random-id>"))
                .replaceAll("<uuid>");
        List<IdentityNumbers.Found> found = IdentityNumbers.find(withoutRandomIds);
        if (!found.isEmpty()) {
            findings.add(kind + " " + where + ": the detector finds " + found.size() + " number(s), the first masked "
                    + found.get(0).masked() + " in …"
                    + around(withoutRandomIds, found.get(0).start()) + "…");
        }
        String folded = folded(text);
        injected.forEach((number, forms) -> {
            for (String form : forms) {
                int at = folded.indexOf(form);
                if (at >= 0) {
                    findings.add(kind + " " + where + ": injected number " + IdentityNumbers.maskAllIn(number)
                            + " readable (as "
                            + (form.equals(number) ? "itself" : "its digits " + form.substring(0, 4) + "…") + ")");
                    return;
                }
            }
        });
    }

    /** Text as a reader takes it in: NFKC, JSON escapes decoded, digits as ASCII, separators and invisibles gone. */
    static String folded(String text) {
        Matcher escapes = JSON_ESCAPE.matcher(text);
        StringBuilder unescaped = new StringBuilder();
        while (escapes.find()) {
            escapes.appendReplacement(
                    unescaped, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(escapes.group(1), 16))));
        }
        escapes.appendTail(unescaped);
        String normalised = Normalizer.normalize(unescaped, Normalizer.Form.NFKC);
        StringBuilder folded = new StringBuilder(normalised.length());
        normalised.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (type == Character.SPACE_SEPARATOR
                    || type == Character.DASH_PUNCTUATION
                    || type == Character.FORMAT
                    || type == Character.CONTROL
                    || c == '.'
                    || c == '/'
                    || c == '_'
                    || c == '·'
                    || c == '・') {
                return;
            }
            int digit = Character.digit(c, 10);
            if (digit >= 0) {
                folded.append((char) ('0' + digit));
            } else {
                folded.appendCodePoint(Character.toUpperCase(c));
            }
        });
        return folded.toString();
    }

    private static String around(String text, int at) {
        int from = Math.max(0, at - 20);
        int to = Math.min(text.length(), at + 30);
        return IdentityNumbers.maskAllIn(text.substring(from, to)).replaceAll("\\p{Cntrl}", "?");
    }

    List<String> findings() {
        return List.copyOf(findings);
    }

    /** How many texts of each kind were looked at. */
    Map<String, Integer> scanned() {
        return Map.copyOf(scanned);
    }
}
