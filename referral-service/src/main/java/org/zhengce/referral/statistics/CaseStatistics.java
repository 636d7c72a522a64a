package org.zhengce.referral.statistics;

import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.zhengce.referral.jurisdictions.Jurisdiction;
import reactor.core.publisher.Mono;

/**
 * The figures supervisors watch and report upward, per area and child jurisdiction: open and overdue cases, time
 * from warning to first visit, visit, verification and resolution, referrals by tier and by organisation, complaints
 * filed, acknowledged and resolved in time, the delivery rate of services and the households' evaluations of them.
 * Read from the workflow's columns of {@code cases}, from {@code case_referrals} (V6), {@code complaints} (V20) and
 * {@code service_feedback} (V22); "now" is the injected clock's.
 */
@Service
class CaseStatistics {

    /** The tiers of {@code case_referrals.tier}, in the order they are published. */
    static final List<String> TIERS = List.of("COMPREHENSIVE_SERVICE", "REFERRAL", "TRACKING");

    /** The statuses of a referral to an organisation (PROPOSED → ACCEPTED | DECLINED, ACCEPTED → COMPLETED). */
    static final List<String> ORGANISATION_STATUSES = List.of("PROPOSED", "ACCEPTED", "DECLINED", "COMPLETED");

    /** Outcomes that count as a problem resolved (已纳入救助, 需求已解决). */
    static final List<String> RESOLVED_OUTCOMES = List.of("ASSISTED", "NEEDS_MET");

    /**
     * The statuses of a service (a programme application or a referral to an organisation) that reached the
     * household, that did not, and that are still under way; tracking's {@code ACTIVE} and {@code ENDED} are none of
     * them (monitoring is not a service delivered).
     */
    static final List<String> DELIVERED = List.of("GRANTED", "COMPLETED");

    static final List<String> NOT_DELIVERED = List.of("REJECTED", "DECLINED");
    static final List<String> IN_PROGRESS = List.of("APPLIED", "PROPOSED", "ACCEPTED");

    /** The key of the area's own row (the grouping set without the child). */
    private static final String TOTAL = "";

    private final DatabaseClient db;
    private final Clock clock;

    CaseStatistics(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    Mono<AreaStatistics> of(StatisticsScope scope) {
        Instant now = clock.instant();
        Mono<Map<String, CaseCounts>> counts = caseCounts(scope, now);
        Mono<Map<String, List<ReferralCount>>> referrals = referralCounts(scope);
        Mono<Map<String, AreaFigures.ComplaintFigures>> complaints = complaintCounts(scope, now);
        Mono<Map<FeedbackKey, FeedbackCount>> feedback = feedbackCounts(scope);
        return Mono.zip(counts, referrals, complaints, feedback).map(all -> {
            Map<String, CaseCounts> byCode = all.getT1();
            Map<String, List<ReferralCount>> referralsByCode = all.getT2();
            Map<String, AreaFigures.ComplaintFigures> complaintsByCode = all.getT3();
            Map<FeedbackKey, FeedbackCount> feedbackByKey = all.getT4();
            Jurisdiction area = scope.area();
            AreaFigures total = figures(
                    area,
                    TOTAL,
                    byCode.get(TOTAL),
                    referralsByCode.get(TOTAL),
                    complaintsByCode.get(TOTAL),
                    feedbackByKey);
            List<AreaFigures> children = scope.children().stream()
                    .map(child -> figures(
                            child,
                            child.code(),
                            byCode.get(child.code()),
                            referralsByCode.get(child.code()),
                            complaintsByCode.get(child.code()),
                            feedbackByKey))
                    .toList();
            return new AreaStatistics(
                    area, scope.from(), scope.to(), scope.zone().getId(), now, total, children);
        });
    }

    /** A group of the feedback query: an area or child ({@link #TOTAL} for the area), and an organisation or null. */
    private record FeedbackKey(String code, @Nullable String organisationId) {}

    private record FeedbackCount(long evaluations, long satisfactionSum, long saidDelivered, long saidNotDelivered) {

        AreaFigures.FeedbackFigures figures() {
            return new AreaFigures.FeedbackFigures(
                    evaluations, Ratios.mean(satisfactionSum, evaluations), saidDelivered, saidNotDelivered);
        }
    }

    private record CaseCounts(
            long opened,
            long openNow,
            long overdueNow,
            @Nullable Double medianHours,
            @Nullable Double p90Hours,
            long visited,
            long verified,
            long dismissed,
            long referred,
            long closed,
            long resolved,
            long assistFirst) {

        static final CaseCounts NONE = new CaseCounts(0, 0, 0, null, null, 0, 0, 0, 0, 0, 0, 0);
    }

    private record ReferralCount(
            String tier,
            @Nullable String organisationId,
            @Nullable String organisationName,
            String status,
            long count) {}

    private Mono<Map<String, CaseCounts>> caseCounts(StatisticsScope scope, Instant now) {
        // cases of the area open now (whenever opened) or opened in the period; figures for the area and each child
        String sql = "select s.child, grouping(s.child) = 1 as total,"
                + " count(*) filter (where s.in_period) as opened,"
                + " count(*) filter (where s.status = 'OPEN') as open_now,"
                + " count(*) filter (where s.status = 'OPEN' and s.due_at < :now) as overdue_now,"
                + " percentile_cont(0.5) within group (order by s.hours_to_visit) filter (where s.in_period)"
                + " as median_hours,"
                + " percentile_cont(0.9) within group (order by s.hours_to_visit) filter (where s.in_period)"
                + " as p90_hours,"
                + " count(*) filter (where s.in_period and s.first_visited_at is not null) as visited,"
                + " count(*) filter (where s.in_period and s.verified_at is not null) as verified,"
                + " count(*) filter (where s.in_period and s.dismissed_at is not null) as dismissed,"
                + " count(*) filter (where s.in_period and s.referred_at is not null) as referred,"
                + " count(*) filter (where s.in_period and s.stage = 'CLOSED') as closed,"
                + " count(*) filter (where s.in_period and s.stage = 'CLOSED' and s.outcome in ("
                + quoted(RESOLVED_OUTCOMES) + ")) as resolved,"
                + " count(*) filter (where s.in_period and s.assist_first) as assist_first"
                + " from (select left(c.community_code, " + scope.childCodeLength() + ") as child, c.status,"
                + " c.stage, c.due_at, c.first_visited_at, c.verified_at, c.dismissed_at, c.referred_at,"
                + " c.outcome, c.assist_first, (c.opened_at >= :start and c.opened_at < :end) as in_period,"
                + " (extract(epoch from (c.first_visited_at - coalesce(c.warning_at, c.opened_at))) / 3600)"
                + "::double precision as hours_to_visit"
                + " from cases c where c.community_code like :pattern"
                + " and (c.status = 'OPEN' or (c.opened_at >= :start and c.opened_at < :end))) s"
                + " group by grouping sets ((s.child), ())";
        return db.sql(sql)
                .bind("now", now)
                .bind("start", scope.start())
                .bind("end", scope.end())
                .bind("pattern", scope.communityPattern())
                .map(row -> Map.entry(
                        Boolean.TRUE.equals(row.get("total", Boolean.class)) ? TOTAL : string(row, "child"),
                        new CaseCounts(
                                count(row, "opened"),
                                count(row, "open_now"),
                                count(row, "overdue_now"),
                                row.get("median_hours", Double.class),
                                row.get("p90_hours", Double.class),
                                count(row, "visited"),
                                count(row, "verified"),
                                count(row, "dismissed"),
                                count(row, "referred"),
                                count(row, "closed"),
                                count(row, "resolved"),
                                count(row, "assist_first"))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private Mono<Map<String, List<ReferralCount>>> referralCounts(StatisticsScope scope) {
        // the referrals of the cases opened in the period, by tier, organisation and status; area and children
        String child = "left(c.community_code, " + scope.childCodeLength() + ")";
        String sql = "select " + child + " as child, grouping(" + child + ") = 1 as total, r.tier,"
                + " r.organisation_id, o.name as organisation_name, r.status, count(*) as referrals"
                + " from case_referrals r join cases c on c.id = r.case_id"
                + " left join organisations o on o.id = r.organisation_id"
                + " where c.community_code like :pattern and c.opened_at >= :start and c.opened_at < :end"
                + " group by grouping sets ((" + child + ", r.tier, r.organisation_id, o.name, r.status),"
                + " (r.tier, r.organisation_id, o.name, r.status))";
        return db.sql(sql)
                .bind("start", scope.start())
                .bind("end", scope.end())
                .bind("pattern", scope.communityPattern())
                .map(row -> Map.entry(
                        Boolean.TRUE.equals(row.get("total", Boolean.class)) ? TOTAL : string(row, "child"),
                        new ReferralCount(
                                string(row, "tier"),
                                row.get("organisation_id", String.class),
                                row.get("organisation_name", String.class),
                                string(row, "status"),
                                count(row, "referrals"))))
                .all()
                .collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
                .map(multimap -> {
                    Map<String, List<ReferralCount>> lists = new HashMap<>();
                    multimap.forEach((code, values) -> lists.put(code, List.copyOf(values)));
                    return lists;
                });
    }

    private Mono<Map<String, AreaFigures.ComplaintFigures>> complaintCounts(StatisticsScope scope, Instant now) {
        // complaints about the area's cases (V20) filed in the period or unresolved now; area and children
        String sql = "select s.child, grouping(s.child) = 1 as total,"
                + " count(*) filter (where s.in_period) as filed,"
                + " count(*) filter (where s.in_period and s.acknowledged_at <= s.acknowledge_by)"
                + " as acknowledged_in_time,"
                + " count(*) filter (where s.in_period and s.resolved_at <= s.resolve_by) as resolved_in_time,"
                + " count(*) filter (where s.status <> 'RESOLVED' and s.filed_at <= :now) as open_now"
                + " from (select left(c.community_code, " + scope.childCodeLength() + ") as child, c.status,"
                + " c.filed_at, c.acknowledged_at, c.acknowledge_by, c.resolved_at, c.resolve_by,"
                + " (c.filed_at >= :start and c.filed_at < :end) as in_period"
                + " from complaints c where c.community_code like :pattern"
                + " and (c.status <> 'RESOLVED' or (c.filed_at >= :start and c.filed_at < :end))) s"
                + " group by grouping sets ((s.child), ())";
        return db.sql(sql)
                .bind("now", now)
                .bind("start", scope.start())
                .bind("end", scope.end())
                .bind("pattern", scope.communityPattern())
                .map(row -> Map.entry(
                        Boolean.TRUE.equals(row.get("total", Boolean.class)) ? TOTAL : string(row, "child"),
                        new AreaFigures.ComplaintFigures(
                                count(row, "filed"),
                                count(row, "acknowledged_in_time"),
                                count(row, "resolved_in_time"),
                                count(row, "open_now"))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private Mono<Map<FeedbackKey, FeedbackCount>> feedbackCounts(StatisticsScope scope) {
        // the households' evaluations (V22) of the services of the cases opened in the period: per area and child,
        // and per organisation in each (services of programmes have no organisation)
        String child = "left(c.community_code, " + scope.childCodeLength() + ")";
        String sql = "select " + child + " as child, grouping(" + child + ") = 1 as total,"
                + " r.organisation_id, grouping(r.organisation_id) = 0 as by_organisation,"
                + " count(*) as evaluations, sum(f.satisfaction) as satisfaction_sum,"
                + " count(*) filter (where f.delivered) as said_delivered,"
                + " count(*) filter (where not f.delivered) as said_not_delivered"
                + " from service_feedback f join case_referrals r on r.id = f.referral_id"
                + " join cases c on c.id = f.case_id"
                + " where c.community_code like :pattern and c.opened_at >= :start and c.opened_at < :end"
                + " group by grouping sets ((" + child + "), (), (" + child + ", r.organisation_id),"
                + " (r.organisation_id))"
                // a programme's services have no organisation: in the area's figures, not an organisation's
                + " having not (grouping(r.organisation_id) = 0 and r.organisation_id is null)";
        return db.sql(sql)
                .bind("start", scope.start())
                .bind("end", scope.end())
                .bind("pattern", scope.communityPattern())
                .map(row -> Map.entry(
                        new FeedbackKey(
                                Boolean.TRUE.equals(row.get("total", Boolean.class)) ? TOTAL : string(row, "child"),
                                Boolean.TRUE.equals(row.get("by_organisation", Boolean.class))
                                        ? row.get("organisation_id", String.class)
                                        : null),
                        new FeedbackCount(
                                count(row, "evaluations"),
                                count(row, "satisfaction_sum"),
                                count(row, "said_delivered"),
                                count(row, "said_not_delivered"))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static AreaFigures figures(
            Jurisdiction jurisdiction,
            String key,
            @Nullable CaseCounts found,
            @Nullable List<ReferralCount> referrals,
            AreaFigures.@Nullable ComplaintFigures complaints,
            Map<FeedbackKey, FeedbackCount> feedback) {
        CaseCounts counts = found == null ? CaseCounts.NONE : found;
        Map<String, Long> byTier = new LinkedHashMap<>();
        TIERS.forEach(tier -> byTier.put(tier, 0L));
        Map<String, OrganisationTally> byOrganisation = new TreeMap<>();
        Map<String, Long> byOutcome = new HashMap<>();
        for (ReferralCount referral : referrals == null ? List.<ReferralCount>of() : referrals) {
            byTier.merge(referral.tier(), referral.count(), Long::sum);
            byOutcome.merge(referral.status(), referral.count(), Long::sum);
            if (referral.organisationId() != null) {
                byOrganisation
                        .computeIfAbsent(
                                referral.organisationId(), id -> new OrganisationTally(id, referral.organisationName()))
                        .add(referral.status(), referral.count());
            }
        }
        List<AreaFigures.OrganisationReferrals> organisations = new ArrayList<>();
        byOrganisation
                .values()
                .forEach(tally -> organisations.add(tally.referrals(feedback.get(new FeedbackKey(key, tally.id)))));
        FeedbackCount evaluated = feedback.get(new FeedbackKey(key, null));
        return new AreaFigures(
                jurisdiction.code(),
                jurisdiction.name(),
                jurisdiction.level(),
                counts.opened(),
                counts.openNow(),
                counts.overdueNow(),
                Ratios.hours(counts.medianHours()),
                Ratios.hours(counts.p90Hours()),
                counts.visited(),
                Ratios.of(counts.visited(), counts.opened()),
                counts.verified(),
                counts.dismissed(),
                counts.referred(),
                counts.closed(),
                counts.resolved(),
                Ratios.of(counts.resolved(), counts.closed()),
                counts.assistFirst(),
                Collections.unmodifiableMap(byTier),
                List.copyOf(organisations),
                complaints == null ? AreaFigures.ComplaintFigures.NONE : complaints,
                AreaFigures.Delivery.of(
                        sum(byOutcome, DELIVERED), sum(byOutcome, NOT_DELIVERED), sum(byOutcome, IN_PROGRESS)),
                evaluated == null ? AreaFigures.FeedbackFigures.NONE : evaluated.figures());
    }

    private static long sum(Map<String, Long> byStatus, List<String> statuses) {
        return statuses.stream()
                .mapToLong(status -> byStatus.getOrDefault(status, 0L))
                .sum();
    }

    private static final class OrganisationTally {
        private final String id;
        private final @Nullable String name;
        private final Map<String, Long> byStatus = new LinkedHashMap<>();
        private long total;

        OrganisationTally(String id, @Nullable String name) {
            this.id = id;
            this.name = name;
            ORGANISATION_STATUSES.forEach(status -> byStatus.put(status, 0L));
        }

        void add(String status, long count) {
            byStatus.merge(status, count, Long::sum);
            total += count;
        }

        AreaFigures.OrganisationReferrals referrals(@Nullable FeedbackCount evaluated) {
            return new AreaFigures.OrganisationReferrals(
                    id,
                    name,
                    total,
                    Collections.unmodifiableMap(byStatus),
                    evaluated == null ? 0 : evaluated.evaluations(),
                    evaluated == null ? null : Ratios.mean(evaluated.satisfactionSum(), evaluated.evaluations()));
        }
    }

    static String quoted(List<String> symbols) {
        return String.join(", ", symbols.stream().map(s -> "'" + s + "'").toList());
    }

    private static long count(Readable row, String column) {
        Long value = row.get(column, Long.class);
        return value == null ? 0 : value;
    }

    private static String string(Readable row, String column) {
        return Objects.requireNonNull(row.get(column, String.class), column);
    }
}
