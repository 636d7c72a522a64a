package org.zhengce.referral.statistics;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.zhengce.events.WarningCategory;
import org.zhengce.referral.jurisdictions.Jurisdiction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The precision of warnings, published so that the scoring model can be tuned on outcomes: among the cases opened
 * from a warning ({@code warning_id} set), how many verifications found the household in difficulty and how many
 * found a false alarm ({@link Verdict}).
 */
@Service
class WarningPrecision {

    private final DatabaseClient db;

    WarningPrecision(DatabaseClient db) {
        this.db = db;
    }

    /** One group of a grouping-sets query: which dimensions it is grouped by, and its counts. */
    private record Group(
            boolean byChild,
            boolean byCategory,
            boolean byModel,
            @Nullable String child,
            @Nullable String category,
            @Nullable String modelVersion,
            long verified,
            long falseAlarms,
            long excluded,
            long none) {}

    Mono<WarningPrecisionReport> of(StatisticsScope scope) {
        String sql = "select s.child, s.category, s.model_version, grouping(s.child) = 0 as by_child,"
                + " grouping(s.category) = 0 as by_category, grouping(s.model_version) = 0 as by_model,"
                + COUNTS
                + " from (select left(c.community_code, " + scope.childCodeLength() + ") as child, c.category,"
                + " c.model_version, " + Verdict.sql() + " as verdict from cases c"
                + " where c.warning_id is not null and c.community_code like :pattern"
                + " and c.opened_at >= :start and c.opened_at < :end) s"
                + " group by grouping sets ((), (s.child), (s.category), (s.model_version))";
        Mono<List<Group>> groups = db.sql(sql)
                .bind("pattern", scope.communityPattern())
                .bind("start", scope.start())
                .bind("end", scope.end())
                .map(row -> group(row))
                .all()
                .collectList();
        return Mono.zip(groups, byReason(scope), byRule(scope))
                .map(all -> report(scope, all.getT1(), all.getT2(), all.getT3()));
    }

    /**
     * The verdicts by warning reason: each case counted once under every kind of fact that moved its score (the
     * reason's {@code eventType} and {@code dimension}, in any of the warnings kept on it, {@code case_warnings}
     * V11), so that a model owner sees which rule's facts give false alarms. The key is {@code
     * <eventType>@<dimension>}; ordered by dimension, then fact type.
     */
    private Mono<List<Verdicts>> byReason(StatisticsScope scope) {
        String sql = "select s.event_type, s.dimension," + COUNTS
                + " from (select distinct c.id, reason->>'eventType' as event_type,"
                + " reason->>'dimension' as dimension, " + Verdict.sql() + " as verdict from cases c"
                + " join case_warnings w on w.case_id = c.id"
                + " cross join lateral jsonb_array_elements(w.reasons) reason"
                + " where c.warning_id is not null and c.community_code like :pattern"
                + " and c.opened_at >= :start and c.opened_at < :end) s"
                + " group by s.event_type, s.dimension order by s.dimension, s.event_type";
        return db.sql(sql)
                .bind("pattern", scope.communityPattern())
                .bind("start", scope.start())
                .bind("end", scope.end())
                .map(row -> Verdicts.of(
                        row.get("event_type", String.class) + "@" + row.get("dimension", String.class),
                        null,
                        count(row, "verified"),
                        count(row, "false_alarms"),
                        count(row, "excluded"),
                        count(row, "without_verdict")))
                .all()
                .collectList();
    }

    /**
     * The verdicts by the model rule that gave a warning points (the reason's {@code rule}, which scoring names since
     * the warnings' schema has it): each case counted once under every rule behind any of its warnings; reasons kept
     * before then name none and are left out. Ordered by rule id.
     */
    private Mono<List<Verdicts>> byRule(StatisticsScope scope) {
        String sql = "select s.rule," + COUNTS
                + " from (select distinct c.id, reason->>'rule' as rule, " + Verdict.sql() + " as verdict from cases c"
                + " join case_warnings w on w.case_id = c.id"
                + " cross join lateral jsonb_array_elements(w.reasons) reason"
                + " where c.warning_id is not null and c.community_code like :pattern"
                + " and c.opened_at >= :start and c.opened_at < :end and reason->>'rule' is not null) s"
                + " group by s.rule order by s.rule";
        return db.sql(sql)
                .bind("pattern", scope.communityPattern())
                .bind("start", scope.start())
                .bind("end", scope.end())
                .map(row -> Verdicts.of(
                        row.get("rule", String.class),
                        null,
                        count(row, "verified"),
                        count(row, "false_alarms"),
                        count(row, "excluded"),
                        count(row, "without_verdict")))
                .all()
                .collectList();
    }

    /**
     * City-wide, the cases opened in {@code [since, until)}: one entry per model version and category, and one per
     * model version with a null category (all categories).
     */
    Flux<ModelVerdicts> byModelAndCategory(Instant since, Instant until) {
        String sql = "select null::text as child, s.category, s.model_version, false as by_child,"
                + " grouping(s.category) = 0 as by_category, true as by_model,"
                + COUNTS
                + " from (select c.category, c.model_version, " + Verdict.sql() + " as verdict from cases c"
                + " where c.warning_id is not null and c.opened_at >= :start and c.opened_at < :end) s"
                + " group by grouping sets ((s.model_version, s.category), (s.model_version))";
        return db.sql(sql)
                .bind("start", since)
                .bind("end", until)
                .map(row -> group(row))
                .all()
                .map(group -> new ModelVerdicts(
                        group.modelVersion(),
                        group.byCategory() ? group.category() : null,
                        verdicts(group, group.modelVersion(), null)));
    }

    /** The verdicts of one model version and category (null category: all of them). */
    record ModelVerdicts(
            @Nullable String modelVersion, @Nullable String category, Verdicts verdicts) {}

    private static final String COUNTS = " count(*) filter (where s.verdict = 'VERIFIED') as verified,"
            + " count(*) filter (where s.verdict = 'FALSE_ALARM') as false_alarms,"
            + " count(*) filter (where s.verdict = 'EXCLUDED') as excluded,"
            + " count(*) filter (where s.verdict = 'NONE') as without_verdict";

    private static WarningPrecisionReport report(
            StatisticsScope scope, List<Group> groups, List<Verdicts> byReason, List<Verdicts> byRule) {
        Jurisdiction area = scope.area();
        Verdicts total = Verdicts.of(area.code(), area.name(), 0, 0, 0, 0);
        List<Verdicts> byCategory = new ArrayList<>();
        List<Verdicts> byModel = new ArrayList<>();
        Map<String, Group> byChild = new HashMap<>();
        for (Group group : groups) {
            if (group.byChild()) {
                byChild.put(Objects.requireNonNull(group.child()), group);
            } else if (group.byCategory()) {
                String category = Objects.requireNonNull(group.category());
                byCategory.add(verdicts(group, category, categoryName(category)));
            } else if (group.byModel()) {
                byModel.add(verdicts(group, group.modelVersion(), null));
            } else {
                total = verdicts(group, area.code(), area.name());
            }
        }
        byCategory.sort(Comparator.comparingInt(v -> categoryOrder(Objects.requireNonNull(v.key()))));
        byModel.sort(Comparator.comparing(Verdicts::key, Comparator.nullsLast(Comparator.naturalOrder())));
        List<Verdicts> children = new ArrayList<>();
        for (Jurisdiction child : scope.children()) {
            Group group = byChild.get(child.code());
            children.add(
                    group == null
                            ? Verdicts.of(child.code(), child.name(), 0, 0, 0, 0)
                            : verdicts(group, child.code(), child.name()));
        }
        return new WarningPrecisionReport(
                area,
                scope.from(),
                scope.to(),
                scope.zone().getId(),
                Verdict.FALSE_ALARM_REASONS.stream().map(Enum::name).sorted().toList(),
                Verdict.excludedReasons().stream().map(Enum::name).toList(),
                total,
                List.copyOf(byCategory),
                List.copyOf(byModel),
                List.copyOf(children),
                List.copyOf(byReason),
                List.copyOf(byRule));
    }

    /** 救助缺失, 救助不充分, 救助预警 (the categories of {@link WarningCategory}); null for a symbol not known. */
    static @Nullable String categoryName(String category) {
        switch (category) {
            case "ASSISTANCE_MISSING":
                return "救助缺失";
            case "ASSISTANCE_INSUFFICIENT":
                return "救助不充分";
            case "EARLY_WARNING":
                return "救助预警";
            case "UNKNOWN":
                return "未知";
            default:
                return null;
        }
    }

    private static int categoryOrder(String category) {
        for (WarningCategory known : WarningCategory.values()) {
            if (known.name().equals(category)) {
                return known.ordinal();
            }
        }
        return Integer.MAX_VALUE;
    }

    private static Verdicts verdicts(Group group, @Nullable String key, @Nullable String name) {
        return Verdicts.of(key, name, group.verified(), group.falseAlarms(), group.excluded(), group.none());
    }

    private static Group group(Readable row) {
        return new Group(
                Boolean.TRUE.equals(row.get("by_child", Boolean.class)),
                Boolean.TRUE.equals(row.get("by_category", Boolean.class)),
                Boolean.TRUE.equals(row.get("by_model", Boolean.class)),
                row.get("child", String.class),
                row.get("category", String.class),
                row.get("model_version", String.class),
                count(row, "verified"),
                count(row, "false_alarms"),
                count(row, "excluded"),
                count(row, "without_verdict"));
    }

    private static long count(Readable row, String column) {
        Long value = row.get(column, Long.class);
        return value == null ? 0 : value;
    }
}
