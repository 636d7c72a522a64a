package org.zhengce.referral.statistics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The tables of the upward reports, one for the statistics and one for the precision of warnings: a header row of
 * Chinese and English column names, then typed cells (text, whole numbers, decimals; null when empty) that the CSV
 * and the xlsx rendering each write in their own way, so both files always hold the same figures.
 */
final class StatisticsTables {

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
            "未办结投诉 Complaints open now",
            "服务事项 Services committed",
            "服务已送达 Services delivered",
            "服务未送达 Services not delivered",
            "服务办理中 Services in progress",
            "服务送达率 Delivery rate",
            "服务评价 Services evaluated",
            "平均满意度 Average satisfaction",
            "评价称已送达 Evaluations saying delivered",
            "评价称未送达 Evaluations saying not delivered");

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

    private StatisticsTables() {}

    /** A report: the header, then rows of cells, each a {@link String}, a {@link Long}, a {@link Double} or null. */
    record Table(List<String> header, List<List<@Nullable Object>> rows) {}

    /** The area's row, then one row per child jurisdiction. */
    static Table statistics(AreaStatistics statistics) {
        List<List<@Nullable Object>> rows = new ArrayList<>();
        List<AreaFigures> all = new ArrayList<>();
        all.add(statistics.total());
        all.addAll(statistics.children());
        for (AreaFigures figures : all) {
            Map<String, Long> byStatus = organisationStatuses(figures);
            List<@Nullable Object> row = new ArrayList<>(List.of(
                    figures.code(),
                    figures.name(),
                    figures.level().name(),
                    statistics.from().toString(),
                    statistics.to().toString(),
                    figures.opened(),
                    figures.openNow(),
                    figures.overdueNow()));
            row.add(figures.medianHoursToFirstVisit());
            row.add(figures.p90HoursToFirstVisit());
            row.add(figures.visited());
            row.add(figures.visitRate());
            row.add(figures.verified());
            row.add(figures.dismissed());
            row.add(figures.referred());
            row.add(figures.closed());
            row.add(figures.resolved());
            row.add(figures.resolutionRate());
            row.add(figures.assistFirst());
            for (String tier : CaseStatistics.TIERS) {
                row.add(figures.referralsByTier().getOrDefault(tier, 0L));
            }
            for (String status : CaseStatistics.ORGANISATION_STATUSES) {
                row.add(byStatus.getOrDefault(status, 0L));
            }
            row.add(figures.complaints().filed());
            row.add(figures.complaints().acknowledgedInTime());
            row.add(figures.complaints().resolvedInTime());
            row.add(figures.complaints().openNow());
            row.add(figures.delivery().services());
            row.add(figures.delivery().delivered());
            row.add(figures.delivery().notDelivered());
            row.add(figures.delivery().inProgress());
            row.add(figures.delivery().deliveryRate());
            row.add(figures.feedback().evaluations());
            row.add(figures.feedback().averageSatisfaction());
            row.add(figures.feedback().saidDelivered());
            row.add(figures.feedback().saidNotDelivered());
            rows.add(row);
        }
        return new Table(STATISTICS_HEADER, rows);
    }

    /**
     * One row for the area, then one per category, per model version, per child jurisdiction, per reason and per rule.
     */
    static Table precision(WarningPrecisionReport report) {
        List<List<@Nullable Object>> rows = new ArrayList<>();
        rows.add(precisionRow("TOTAL", report.total(), report));
        report.byCategory().forEach(v -> rows.add(precisionRow("CATEGORY", v, report)));
        report.byModelVersion().forEach(v -> rows.add(precisionRow("MODEL_VERSION", v, report)));
        report.byJurisdiction().forEach(v -> rows.add(precisionRow("JURISDICTION", v, report)));
        report.byReason().forEach(v -> rows.add(precisionRow("REASON", v, report)));
        report.byRule().forEach(v -> rows.add(precisionRow("RULE", v, report)));
        return new Table(PRECISION_HEADER, rows);
    }

    private static List<@Nullable Object> precisionRow(
            String dimension, Verdicts verdicts, WarningPrecisionReport report) {
        List<@Nullable Object> row = new ArrayList<>();
        row.add(dimension);
        row.add(verdicts.key());
        row.add(verdicts.name());
        row.add(report.from().toString());
        row.add(report.to().toString());
        row.add(verdicts.verified());
        row.add(verdicts.falseAlarms());
        row.add(verdicts.excluded());
        row.add(verdicts.withoutVerdict());
        row.add(verdicts.verdicts());
        row.add(verdicts.precision());
        row.add(verdicts.falseAlarmRate());
        return row;
    }

    private static Map<String, Long> organisationStatuses(AreaFigures figures) {
        Map<String, Long> sums = new HashMap<>();
        figures.referralsByOrganisation()
                .forEach(organisation ->
                        organisation.byStatus().forEach((status, n) -> sums.merge(status, n, Long::sum)));
        return sums;
    }
}
