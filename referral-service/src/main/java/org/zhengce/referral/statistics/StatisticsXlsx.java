package org.zhengce.referral.statistics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.jspecify.annotations.Nullable;

/**
 * The upward reports as an Excel workbook (xlsx), for the offices that file spreadsheets rather than CSV: one sheet,
 * the bilingual header row in bold and frozen, then the same cells as the CSV, figures as numbers (so a sum or a
 * chart works at once) and text as text (never a formula: a cell starting with {@code =} stays text, so the CSV's
 * apostrophe is not needed here). Written with fastexcel, a small streaming writer.
 */
final class StatisticsXlsx {

    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private StatisticsXlsx() {}

    static byte[] write(StatisticsTables.Table table, String sheetName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "zhengce referral-service", "1.0");
            Worksheet sheet = workbook.newWorksheet(sheetName);
            List<String> header = table.header();
            for (int column = 0; column < header.size(); column++) {
                sheet.value(0, column, header.get(column));
            }
            sheet.range(0, 0, 0, header.size() - 1)
                    .style()
                    .bold()
                    .wrapText(true)
                    .set();
            sheet.freezePane(0, 1);
            int r = 1;
            for (List<@Nullable Object> row : table.rows()) {
                for (int column = 0; column < row.size(); column++) {
                    Object value = row.get(column);
                    if (value instanceof Number number) {
                        sheet.value(r, column, number);
                    } else if (value instanceof String text) {
                        sheet.value(r, column, text);
                    }
                }
                r++;
            }
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the xlsx report", e);
        }
        return out.toByteArray();
    }
}
