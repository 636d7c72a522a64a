package org.zhengce.referral.statistics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The CSV files for upward reporting: UTF-8 with a byte-order mark (so that Excel in a Chinese locale reads it as
 * UTF-8), one header row of Chinese and English column names, CRLF line ends and RFC 4180 quoting. A text cell
 * that a spreadsheet would take for a formula (=, +, -, @) is prefixed with an apostrophe.
 */
final class StatisticsCsv {

    private static final String BOM = "\uFEFF";

    private static final List<String> STATISTICS_HEADER = List.of(
            "区划代码 Area code",
            "区划名称 Area name",
            "层级 Level",
            "统计起始 Period from",
            "统计截止 Period to",
            "新增案件 Cases opened",
            "在办案件 Open now",
            "超期案件 Overdue now",
            "预警至首访中位时长(小时) Median hours warning to first visit",
            "预警至首访P90时长(小时) P90 hours warning to first visit",
            "已走访 Visited",
            "走访率 Visit rate",
            "核实属实 Verified",
            "核实不予立案 Dismissed",
            "已转介 Referred",
            "已结案 Closed",
            "问题已解决 Resolved",
            "问题解决率 Resolution rate",
            "先行救助 Assist first",
            "综合服务转介 Comprehensive service referrals",
            "社会组织转介 Organisation referrals",
            "跟踪监测转介 Tracking referrals",
            "社会组织待接收 Organisation referrals proposed",
            "社会组织已接收 Organisation referrals accepted",
            "社会组织已拒绝 Organisation referrals declined",
            "社会组织已完成 Organisation referrals completed",
            "投诉登记 Complaints filed",
            "按时受理投诉 Complaints acknowledged in time",
            "按时办结投诉 Complaints resolved in time",
            "未办结投诉 Complaints open now");

    private static final List<String> PRECISION_HEADER = List.of(
            "维度 Dimension",
            "分组 Key",
            "名称 Name",
            "统计起始 Period from",
            "统计截止 Period to",
            "核实属实 Verified",
            "误报 False alarms",
            "不计入 Excluded",
            "未核实 Without verdict",
            "有结论 Verdicts",
            "准确率 Precision",
            "误报率 False-alarm rate");

    private StatisticsCsv() {}

    /** The area's row, then one row per child jurisdiction. */
    static byte[] statistics(AreaStatistics statistics) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(STATISTICS_HEADER);
        List<AreaFigures> all = new ArrayList<>();
        all.add(statistics.total());
        all.addAll(statistics.children());
        for (AreaFigures figures : all) {
            Map<String, Long> byStatus = organisationStatuses(figures);
            List<String> row = new ArrayList<>(List.of(
                    figures.code(),
                    text(figures.name()),
                    figures.level().name(),
                    statistics.from().toString(),
                    statistics.to().toString(),
                    number(figures.opened()),
                    number(figures.openNow()),
                    number(figures.overdueNow()),
                    number(figures.medianHoursToFirstVisit()),
                    number(figures.p90HoursToFirstVisit()),
                    number(figures.visited()),
                    number(figures.visitRate()),
                    number(figures.verified()),
                    number(figures.dismissed()),
                    number(figures.referred()),
                    number(figures.closed()),
                    number(figures.resolved()),
                    number(figures.resolutionRate()),
                    number(figures.assistFirst())));
            for (String tier : CaseStatistics.TIERS) {
                row.add(number(figures.referralsByTier().getOrDefault(tier, 0L)));
            }
            for (String status : CaseStatistics.ORGANISATION_STATUSES) {
                row.add(number(byStatus.getOrDefault(status, 0L)));
            }
            row.add(number(figures.complaints().filed()));
            row.add(number(figures.complaints().acknowledgedInTime()));
            row.add(number(figures.complaints().resolvedInTime()));
            row.add(number(figures.complaints().openNow()));
            rows.add(row);
        }
        return write(rows);
    }

    /** One row for the area, then one per category, per model version and per child jurisdiction. */
    static byte[] precision(WarningPrecisionReport report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(PRECISION_HEADER);
        rows.add(precisionRow("TOTAL", report.total(), report));
        report.byCategory().forEach(v -> rows.add(precisionRow("CATEGORY", v, report)));
        report.byModelVersion().forEach(v -> rows.add(precisionRow("MODEL_VERSION", v, report)));
        report.byJurisdiction().forEach(v -> rows.add(precisionRow("JURISDICTION", v, report)));
        return write(rows);
    }

    private static List<String> precisionRow(String dimension, Verdicts verdicts, WarningPrecisionReport report) {
        return List.of(
                dimension,
                text(verdicts.key()),
                text(verdicts.name()),
                report.from().toString(),
                report.to().toString(),
                number(verdicts.verified()),
                number(verdicts.falseAlarms()),
                number(verdicts.excluded()),
                number(verdicts.withoutVerdict()),
                number(verdicts.verdicts()),
                number(verdicts.precision()),
                number(verdicts.falseAlarmRate()));
    }

    private static Map<String, Long> organisationStatuses(AreaFigures figures) {
        Map<String, Long> sums = new java.util.HashMap<>();
        figures.referralsByOrganisation()
                .forEach(organisation ->
                        organisation.byStatus().forEach((status, n) -> sums.merge(status, n, Long::sum)));
        return sums;
    }

    private static byte[] write(List<List<String>> rows) {
        StringBuilder csv = new StringBuilder(BOM);
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    csv.append(',');
                }
                csv.append(cell(row.get(i)));
            }
            csv.append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String cell(String value) {
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

    private static String number(long value) {
        return Long.toString(value);
    }

    private static String number(@Nullable Double value) {
        if (value == null) {
            return "";
        }
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
