package org.zhengce.referral.statistics;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The CSV files for upward reporting: UTF-8 with a byte-order mark (so that Excel in a Chinese locale reads it as
 * UTF-8), one header row of Chinese and English column names, CRLF line ends and RFC 4180 quoting. A text cell
 * that a spreadsheet would take for a formula (=, +, -, @) is prefixed with an apostrophe.
 */
final class StatisticsCsv {

    private static final String BOM = "\uFEFF";

    private StatisticsCsv() {}

    static byte[] write(StatisticsTables.Table table) {
        StringBuilder csv = new StringBuilder(BOM);
        line(csv, table.header().stream().map(StatisticsCsv::text).toList());
        for (List<@Nullable Object> row : table.rows()) {
            line(csv, row.stream().map(StatisticsCsv::cell).toList());
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(quoted(cells.get(i)));
        }
        csv.append("\r\n");
    }

    private static String cell(@Nullable Object value) {
        if (value instanceof Double decimal) {
            return BigDecimal.valueOf(decimal).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Long whole) {
            return Long.toString(whole);
        }
        return text((String) value);
    }

    private static String quoted(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    private static String text(@Nullable String value) {
        if (value == null) {
            return "";
        }
        return !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
