package org.zhengce.launcher;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a newcomer reads in the terminal of a start: the log lines at ERROR, the lines of stack traces, and the WARN
 * lines. Spring Boot's console pattern puts the level after the timestamp; a stack trace is a line naming an
 * exception followed by {@code at ...} frames, or a {@code Caused by:} line.
 */
record StartLog(List<String> errors, List<String> stackTraces, List<String> warnings) {

    private static final Pattern LEVEL = Pattern.compile("^\\S+\\s+(ERROR|WARN)\\s");
    private static final Pattern FRAME = Pattern.compile("^\\s+at [\\w$.<>/]+\\(.*\\)\\s*$");
    private static final Pattern CAUSE = Pattern.compile("^(Caused by|\\s+Suppressed): ");
    private static final Pattern THROWABLE = Pattern.compile("^[\\w$.]+(Exception|Error|Throwable)(: .*)?$");

    static StartLog of(String output) {
        List<String> lines = output.lines().toList();
        List<String> errors =
                lines.stream().filter(line -> level(line).equals("ERROR")).toList();
        List<String> warnings =
                lines.stream().filter(line -> level(line).equals("WARN")).toList();
        List<String> stackTraces = lines.stream()
                .filter(line -> FRAME.matcher(line).matches()
                        || CAUSE.matcher(line).find()
                        || THROWABLE.matcher(line).matches())
                .toList();
        return new StartLog(errors, stackTraces, warnings);
    }

    private static String level(String line) {
        var matcher = LEVEL.matcher(line);
        return matcher.find() ? matcher.group(1) : "";
    }

    /** The first few offending lines, for an assertion message. */
    String summary() {
        return "ERROR lines: " + errors.size() + " " + first(errors) + "\nstack-trace lines: " + stackTraces.size()
                + " " + first(stackTraces) + "\nWARN lines: " + warnings.size() + " " + first(warnings);
    }

    private static List<String> first(List<String> lines) {
        return lines.subList(0, Math.min(lines.size(), 10));
    }
}
