package org.zhengce.referral.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.zhengce.referral.ReferralStackTest;

/**
 * Statistics and the precision of warnings over a fixed set of cases, visits and referrals written straight into
 * the workflow's tables (the demo city's jurisdictions), with the clock held at {@link #NOW}: every figure, the
 * child breakdowns, the period's days in Asia/Shanghai, the CSV files, who may see what, and the 400s.
 */
class StatisticsTests extends ReferralStackTest {

    /** 2026-11-30 12:00 in Beijing: the default period is 2026-11-01 to 2026-11-30. */
    static final Instant NOW = Instant.parse("2026-11-30T04:00:00Z");

    private static final String DISTRICT = "110105";
    private static final String JIANWAI = "110105001";
    private static final String CHAOWAI = "110105002";
    private static final String YONGANLI = "110105001001";
    private static final String JIANGUOLI = "110105001002";
    private static final String JIXIANGLI = "110105002001";
    private static final String FANGCAODI = "110105002002";

    private static final String DISTRICT_SUPERVISOR = supervisor("supervisor-chaoyang", DISTRICT);
    private static final String CHAOWAI_SUPERVISOR = supervisor("supervisor-chaowai", CHAOWAI);
    private static final String WANG_FANG = advisor("advisor-wang-fang", YONGANLI, JIANGUOLI);

    private static boolean loaded;

    @Autowired
    DatabaseClient db;

    @Autowired
    MutableClock clock;

    @Autowired
    PrecisionGauges gauges;

    @Autowired
    MeterRegistry meters;

    @TestConfiguration(proxyBeanMethods = false)
    static class HeldClock {

        @Bean
        @Primary
        MutableClock heldClock() {
            return new MutableClock(NOW);
        }
    }

    /** A clock the test sets; every bean reading time reads it. */
    static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            this.now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /**
     * Once per class (the database is the class's). Hours to first visit count from the warning (else the
     * opening); {@code 2026-11-02T02:00Z} is 10:00 in Beijing, the same day.
     */
    @BeforeEach
    void writeTheCases() {
        if (loaded) {
            return;
        }
        // 永安里 (建外街道)
        kase("A1", YONGANLI, "2026-11-02T02:00:00Z", "ASSISTANCE_MISSING", "m-1")
                .visitedAfterHours(10)
                .verified()
                .referral("COMPREHENSIVE_SERVICE", null, "GRANTED")
                .closed("ASSISTED")
                .insert();
        kase("A2", YONGANLI, "2026-11-03T02:00:00Z", "ASSISTANCE_MISSING", "m-1")
                .visitedAfterHours(20)
                .verified()
                .referral("REFERRAL", "org-yangguang-social-work", "ACCEPTED")
                .referral("TRACKING", null, "ACTIVE")
                .due(NOW.plus(Duration.ofDays(2)))
                .insert();
        kase("A3", YONGANLI, "2026-11-04T02:00:00Z", "ASSISTANCE_INSUFFICIENT", "m-1")
                .visitedAfterHours(30)
                .dismissed("NOT_IN_DIFFICULTY")
                .insert();
        kase("A4", YONGANLI, "2026-11-05T02:00:00Z", "EARLY_WARNING", "m-2")
                .visitedAfterHours(40)
                .dismissed("MOVED_AWAY")
                .insert();
        kase("A5", YONGANLI, "2026-11-20T02:00:00Z", "EARLY_WARNING", "m-2")
                .assistFirst()
                .due(NOW.minus(Duration.ofHours(1)))
                .insert();
        // 建国里 (建外街道)
        kase("B1", JIANGUOLI, "2026-11-10T02:00:00Z", "ASSISTANCE_MISSING", "m-2")
                .visitedAfterHours(4)
                .verified()
                .referral("TRACKING", null, "ENDED")
                .closed("MONITORING_ENDED")
                .insert();
        kase("B2", JIANGUOLI, "2026-11-11T02:00:00Z", "ASSISTANCE_MISSING", "m-2")
                .visitedAfterHours(6)
                .dismissed("ALREADY_ASSISTED")
                .insert();
        // opened before the period: in the backlog (open, overdue), not in the period's figures
        kase("B3", JIANGUOLI, "2026-10-01T02:00:00Z", "ASSISTANCE_MISSING", "m-1")
                .due(NOW.minus(Duration.ofDays(2)))
                .insert();
        // 吉祥里 (朝外街道)
        kase("C1", JIXIANGLI, "2026-11-15T02:00:00Z", "ASSISTANCE_INSUFFICIENT", null)
                .visitedAfterHours(8)
                .verified()
                .referral("REFERRAL", "org-chaoyang-volunteers", "PROPOSED")
                .referral("COMPREHENSIVE_SERVICE", null, "APPLIED")
                .insert();
        // 23:30 on 31 October in Beijing: before the period, though its referral and visit would count otherwise
        kase("C2", JIXIANGLI, "2026-10-31T15:30:00Z", "ASSISTANCE_MISSING", "m-1")
                .visitedAfterHours(1)
                .verified()
                .referral("REFERRAL", "org-chaoyang-volunteers", "DECLINED")
                .due(NOW.minus(Duration.ofHours(3)))
                .insert();
        // 00:30 on 1 November in Beijing (31 October in UTC): in the period; no warning time, hours from opening
        kase("C3", JIXIANGLI, "2026-10-31T16:30:00Z", "ASSISTANCE_MISSING", "m-1")
                .noWarningTime()
                .visitedAfterHours(2)
                .dismissed("DUPLICATE")
                .insert();
        // 芳草地 (朝外街道): a case not from a warning (no warning id): in the statistics, not in the precision
        kase("C4", FANGCAODI, "2026-11-12T02:00:00Z", "ASSISTANCE_MISSING", null)
                .notFromAWarning()
                .visitedAfterHours(12)
                .verified()
                .due(NOW.plus(Duration.ofHours(5)))
                .insert();
        // another district: never in Chaoyang's figures
        kase("X1", "110106001001", "2026-11-06T02:00:00Z", "ASSISTANCE_MISSING", "m-1")
                .visitedAfterHours(1)
                .verified()
                .due(NOW.minus(Duration.ofHours(5)))
                .insert();
        loaded = true;
    }

    @AfterEach
    void holdTheClockAgain() {
        clock.set(NOW);
    }

    // --- statistics

    @Test
    void statisticsReadsAreAuditedWithTheCallerAndTheArea() {
        long before = Objects.requireNonNull(db.sql("select coalesce(max(seq), 0) from audit_trail")
                .map(row -> row.get(0, Long.class))
                .one()
                .block());
        statistics("/statistics?area=" + CHAOWAI, CHAOWAI_SUPERVISOR);
        http.get()
                .uri("/statistics?area=" + JIANWAI)
                .headers(h -> h.setBearerAuth(CHAOWAI_SUPERVISOR))
                .exchange()
                .expectStatus()
                .isForbidden();

        assertThat(db.sql("select actor, actor_jurisdictions, action, jurisdiction, outcome from audit_trail"
                                + " where subject = 'statistics' and seq > :before order by seq")
                        .bind("before", before)
                        .map(row -> row.get("actor", String.class) + " "
                                + List.of(Objects.requireNonNull(row.get("actor_jurisdictions", String[].class)))
                                + " " + row.get("action", String.class) + " " + row.get("jurisdiction", String.class)
                                + " " + row.get("outcome", String.class))
                        .all()
                        .collectList()
                        .block())
                .containsExactly(
                        "supervisor-chaowai [" + CHAOWAI + "] READ " + CHAOWAI + " ALLOWED",
                        "supervisor-chaowai [" + CHAOWAI + "] READ " + JIANWAI + " REFUSED");
    }

    @Test
    void districtFiguresAndEachStreetsAreExact() {
        AreaStatistics statistics = statistics("/statistics?area=" + DISTRICT, DISTRICT_SUPERVISOR);

        assertThat(statistics.area().code()).isEqualTo(DISTRICT);
        assertThat(statistics.from()).hasToString("2026-11-01");
        assertThat(statistics.to()).hasToString("2026-11-30");
        assertThat(statistics.timeZone()).isEqualTo("Asia/Shanghai");
        assertThat(statistics.asOf()).isEqualTo(NOW);
        // hours to first visit 2, 4, 6, 8, 10, 12, 20, 30, 40: median 10, p90 30 + 0.2 × 10
        assertThat(summary(statistics.total()))
                .isEqualTo("opened=10 openNow=6 overdueNow=3 median=10.0 p90=32.0 visited=9 visitRate=0.9"
                        + " verified=5 dismissed=4 referred=4 closed=2 resolved=1 resolutionRate=0.5 assistFirst=1");
        assertThat(statistics.total().referralsByTier())
                .containsExactly(
                        java.util.Map.entry("COMPREHENSIVE_SERVICE", 2L),
                        java.util.Map.entry("REFERRAL", 2L),
                        java.util.Map.entry("TRACKING", 2L));
        assertThat(organisations(statistics.total()))
                .isEqualTo("org-chaoyang-volunteers 朝阳志愿服务队 1 {PROPOSED=1, ACCEPTED=0, DECLINED=0, COMPLETED=0};"
                        + " org-yangguang-social-work 阳光社工服务中心 1 {PROPOSED=0, ACCEPTED=1, DECLINED=0,"
                        + " COMPLETED=0}");

        // services: A1's dibao granted; A2's and C1's referrals and C1's application under way; tracking is none
        assertThat(statistics.total().delivery()).isEqualTo(new AreaFigures.Delivery(4, 1, 0, 3, 0.25));
        assertThat(statistics.total().feedback()).isEqualTo(AreaFigures.FeedbackFigures.NONE);

        assertThat(statistics.children()).extracting(AreaFigures::code).containsExactly(JIANWAI, CHAOWAI);
        AreaFigures jianwai = statistics.children().get(0);
        assertThat(jianwai.name()).isEqualTo("建外街道");
        // 4, 6, 10, 20, 30, 40: median (10 + 20) / 2, p90 30 + 0.5 × 10
        assertThat(summary(jianwai))
                .isEqualTo("opened=7 openNow=3 overdueNow=2 median=15.0 p90=35.0 visited=6 visitRate=0.8571"
                        + " verified=3 dismissed=3 referred=3 closed=2 resolved=1 resolutionRate=0.5 assistFirst=1");
        assertThat(jianwai.referralsByTier())
                .containsEntry("COMPREHENSIVE_SERVICE", 1L)
                .containsEntry("TRACKING", 2L);
        AreaFigures chaowai = statistics.children().get(1);
        // 2, 8, 12: median 8, p90 8 + 0.8 × 4; nothing closed: no resolution rate
        assertThat(summary(chaowai))
                .isEqualTo("opened=3 openNow=3 overdueNow=1 median=8.0 p90=11.2 visited=3 visitRate=1.0"
                        + " verified=2 dismissed=1 referred=1 closed=0 resolved=0 resolutionRate=null assistFirst=0");
        assertThat(organisations(chaowai))
                .isEqualTo("org-chaoyang-volunteers 朝阳志愿服务队 1 {PROPOSED=1, ACCEPTED=0, DECLINED=0, COMPLETED=0}");
    }

    @Test
    void streetFiguresBreakDownByCommunityIncludingOnesWithoutCases() {
        AreaStatistics statistics = statistics("/statistics?area=" + JIANWAI, DISTRICT_SUPERVISOR);

        assertThat(statistics.children())
                .extracting(AreaFigures::code)
                .containsExactly(YONGANLI, JIANGUOLI, "110105001003");
        assertThat(summary(statistics.children().get(0)))
                .isEqualTo("opened=5 openNow=2 overdueNow=1 median=25.0 p90=37.0 visited=4 visitRate=0.8"
                        + " verified=2 dismissed=2 referred=2 closed=1 resolved=1 resolutionRate=1.0 assistFirst=1");
        // B3 (opened in October) is open and overdue, but not among the period's cases
        assertThat(summary(statistics.children().get(1)))
                .isEqualTo("opened=2 openNow=1 overdueNow=1 median=5.0 p90=5.8 visited=2 visitRate=1.0"
                        + " verified=1 dismissed=1 referred=1 closed=1 resolved=0 resolutionRate=0.0 assistFirst=0");
        assertThat(summary(statistics.children().get(2)))
                .isEqualTo("opened=0 openNow=0 overdueNow=0 median=null p90=null visited=0 visitRate=null"
                        + " verified=0 dismissed=0 referred=0 closed=0 resolved=0 resolutionRate=null assistFirst=0");
        assertThat(statistics.children().get(2).referralsByTier()).containsOnlyKeys(CaseStatistics.TIERS);
        assertThat(statistics.children().get(2).referralsByOrganisation()).isEmpty();
    }

    @Test
    void theDaysOfThePeriodAreBeijingDays() {
        // C2 was opened at 23:30 on 31 October in Beijing, C3 at 00:30 on 1 November (both 31 October in UTC)
        AreaStatistics october =
                statistics("/statistics?area=" + JIXIANGLI + "&from=2026-10-31&to=2026-10-31", CHAOWAI_SUPERVISOR);
        assertThat(october.total().opened()).isEqualTo(1);
        assertThat(october.total().medianHoursToFirstVisit()).isEqualTo(1.0);
        assertThat(october.total().referralsByTier()).containsEntry("REFERRAL", 1L);
        assertThat(october.children()).isEmpty();

        AreaStatistics firstOfNovember =
                statistics("/statistics?area=" + JIXIANGLI + "&from=2026-11-01&to=2026-11-01", CHAOWAI_SUPERVISOR);
        assertThat(firstOfNovember.total().opened()).isEqualTo(1);
        assertThat(firstOfNovember.total().dismissed()).isEqualTo(1);
        assertThat(firstOfNovember.total().medianHoursToFirstVisit()).isEqualTo(2.0);
        // open and overdue are the backlog now, whatever the period
        assertThat(firstOfNovember.total().openNow()).isEqualTo(2);
        assertThat(firstOfNovember.total().overdueNow()).isEqualTo(1);

        AreaStatistics onlyFrom = statistics("/statistics?area=" + YONGANLI + "&from=2026-11-04", WANG_FANG);
        assertThat(onlyFrom.to()).hasToString("2026-11-30");
        assertThat(onlyFrom.total().opened()).isEqualTo(3);
        AreaStatistics onlyTo = statistics("/statistics?area=" + YONGANLI + "&to=2026-11-04", WANG_FANG);
        assertThat(onlyTo.from()).hasToString("2026-10-06");
        assertThat(onlyTo.total().opened()).isEqualTo(3);
    }

    @Test
    void overdueFollowsTheClock() {
        assertThat(statistics("/statistics?area=" + CHAOWAI, CHAOWAI_SUPERVISOR)
                        .total()
                        .overdueNow())
                .isEqualTo(1);
        // C4's visit was due at NOW + 5h
        clock.set(NOW.plus(Duration.ofHours(6)));
        AreaStatistics later = statistics("/statistics?area=" + CHAOWAI, CHAOWAI_SUPERVISOR);
        assertThat(later.asOf()).isEqualTo(NOW.plus(Duration.ofHours(6)));
        assertThat(later.total().overdueNow()).isEqualTo(2);
        assertThat(later.children().get(1).overdueNow()).isEqualTo(1);
    }

    // --- precision of warnings

    @Test
    void precisionCountsVerifiedAgainstFalseAlarmsByCategoryModelAndJurisdiction() {
        WarningPrecisionReport report = http.get()
                .uri("/statistics/warning-precision?area=" + DISTRICT)
                .headers(h -> h.setBearerAuth(DISTRICT_SUPERVISOR))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(WarningPrecisionReport.class)
                .returnResult()
                .getResponseBody();
        assertThat(report).isNotNull();
        assertThat(report.falseAlarmReasons()).containsExactly("ALREADY_ASSISTED", "NOT_IN_DIFFICULTY");
        assertThat(report.excludedReasons())
                .containsExactly("MOVED_AWAY", "DECEASED", "DUPLICATE", "DECLINED", "OTHER");
        // C4 is not from a warning; B3, C2 and X1 are outside the period or the district
        assertThat(verdicts(report.total()))
                .isEqualTo("110105 朝阳区 verified=4 falseAlarms=2 excluded=2 withoutVerdict=1 verdicts=6"
                        + " precision=0.6667 falseAlarmRate=0.3333");
        assertThat(report.byCategory().stream().map(StatisticsTests::verdicts))
                .containsExactly(
                        "ASSISTANCE_MISSING 救助缺失 verified=3 falseAlarms=1 excluded=1 withoutVerdict=0 verdicts=4"
                                + " precision=0.75 falseAlarmRate=0.25",
                        "ASSISTANCE_INSUFFICIENT 救助不充分 verified=1 falseAlarms=1 excluded=0 withoutVerdict=0"
                                + " verdicts=2 precision=0.5 falseAlarmRate=0.5",
                        "EARLY_WARNING 救助预警 verified=0 falseAlarms=0 excluded=1 withoutVerdict=1 verdicts=0"
                                + " precision=null falseAlarmRate=null");
        assertThat(report.byModelVersion().stream().map(StatisticsTests::verdicts))
                .containsExactly(
                        "m-1 null verified=2 falseAlarms=1 excluded=1 withoutVerdict=0 verdicts=3 precision=0.6667"
                                + " falseAlarmRate=0.3333",
                        "m-2 null verified=1 falseAlarms=1 excluded=1 withoutVerdict=1 verdicts=2 precision=0.5"
                                + " falseAlarmRate=0.5",
                        "null null verified=1 falseAlarms=0 excluded=0 withoutVerdict=0 verdicts=1 precision=1.0"
                                + " falseAlarmRate=0.0");
        assertThat(report.byJurisdiction().stream().map(StatisticsTests::verdicts))
                .containsExactly(
                        "110105001 建外街道 verified=3 falseAlarms=2 excluded=1 withoutVerdict=1 verdicts=5"
                                + " precision=0.6 falseAlarmRate=0.4",
                        "110105002 朝外街道 verified=1 falseAlarms=0 excluded=1 withoutVerdict=0 verdicts=1"
                                + " precision=1.0 falseAlarmRate=0.0");
    }

    @Test
    void anAreaWithoutVerdictsHasNullRatiosAndZeroCounts() {
        http.get()
                .uri("/statistics/warning-precision?area=110105001003")
                .headers(h -> h.setBearerAuth(DISTRICT_SUPERVISOR))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total.verdicts")
                .isEqualTo(0)
                .jsonPath("$.total.precision")
                .value(value -> assertThat(value).isNull())
                .jsonPath("$.total.falseAlarmRate")
                .value(value -> assertThat(value).isNull())
                .jsonPath("$.byCategory")
                .isEmpty()
                .jsonPath("$.byJurisdiction")
                .isEmpty();
    }

    @Test
    void precisionGaugesGiveTheModelOwnersTheCityWideFiguresByModelVersion() {
        gauges.refresh();
        // the trailing 90 days, city-wide: B3 (no verdict yet), C2 and X1 (another district; both verified) too
        assertThat(gauge(PrecisionGauges.PRECISION, "m-1", "ALL", null)).isEqualTo(0.8);
        assertThat(gauge(PrecisionGauges.PRECISION, "m-1", "ASSISTANCE_MISSING", null))
                .isEqualTo(1.0);
        assertThat(gauge(PrecisionGauges.PRECISION, "m-2", "ALL", null)).isEqualTo(0.5);
        assertThat(gauge(PrecisionGauges.PRECISION, "none", "ALL", null)).isEqualTo(1.0);
        assertThat(gauge(PrecisionGauges.VERDICTS, "m-1", "ALL", "verified")).isEqualTo(4.0);
        assertThat(gauge(PrecisionGauges.VERDICTS, "m-1", "ALL", "false_alarm")).isEqualTo(1.0);
        assertThat(gauge(PrecisionGauges.VERDICTS, "m-1", "ALL", "excluded")).isEqualTo(1.0);
        assertThat(gauge(PrecisionGauges.VERDICTS, "m-1", "ALL", "without_verdict"))
                .isEqualTo(1.0);
        // no verdict among m-2's early warnings: no precision gauge for them
        assertThat(meters.find(PrecisionGauges.PRECISION)
                        .tags("model_version", "m-2", "category", "EARLY_WARNING")
                        .gauge())
                .isNull();
    }

    // --- CSV

    @Test
    void statisticsCsvHasABomABilingualHeaderAndOneRowPerJurisdiction() {
        EntityExchangeResult<byte[]> result = http.get()
                .uri("/statistics?area=" + DISTRICT + "&format=csv")
                .headers(h -> h.setBearerAuth(DISTRICT_SUPERVISOR))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
                .expectHeader()
                .value(
                        HttpHeaders.CONTENT_DISPOSITION,
                        value -> assertThat(value)
                                .startsWith("attachment")
                                .contains("filename=\"statistics-110105-2026-11-01-2026-11-30.csv\""))
                .expectBody(byte[].class)
                .returnResult();
        assertThat(result.getResponseHeaders().getContentType().getCharset()).isEqualTo(StandardCharsets.UTF_8);
        List<List<String>> rows = csv(Objects.requireNonNull(result.getResponseBody()));
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0))
                .hasSize(39)
                .startsWith("区划代码 Area code", "区划名称 Area name", "层级 Level")
                .contains("超期案件 Overdue now", "走访率 Visit rate", "问题解决率 Resolution rate")
                .contains("社会组织已完成 Organisation referrals completed")
                .endsWith(
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
        assertThat(rows.get(1))
                .containsExactly(
                        "110105",
                        "朝阳区",
                        "DISTRICT",
                        "2026-11-01",
                        "2026-11-30",
                        "10",
                        "6",
                        "3",
                        "10",
                        "32",
                        "9",
                        "0.9",
                        "5",
                        "4",
                        "4",
                        "2",
                        "1",
                        "0.5",
                        "1",
                        "2",
                        "2",
                        "2",
                        "1",
                        "1",
                        "0",
                        "0",
                        // no complaints in this class (ComplaintTests counts them)
                        "0",
                        "0",
                        "0",
                        "0",
                        // A1's dibao granted; A2's and C1's organisation referrals and C1's application under way
                        "4",
                        "1",
                        "0",
                        "3",
                        "0.25",
                        // no evaluation in this class (OutcomeStatisticsTests averages them)
                        "0",
                        "",
                        "0",
                        "0");
        assertThat(rows.get(2)).startsWith("110105001", "建外街道", "STREET");
        assertThat(rows.get(3))
                .containsExactly(
                        "110105002",
                        "朝外街道",
                        "STREET",
                        "2026-11-01",
                        "2026-11-30",
                        "3",
                        "3",
                        "1",
                        "8",
                        "11.2",
                        "3",
                        "1",
                        "2",
                        "1",
                        "1",
                        "0",
                        "0",
                        "",
                        "0",
                        "1",
                        "1",
                        "0",
                        "1",
                        "0",
                        "0",
                        "0",
                        "0",
                        "0",
                        "0",
                        "0",
                        "2",
                        "0",
                        "0",
                        "2",
                        "0",
                        "0",
                        "",
                        "0",
                        "0");
    }

    @Test
    void precisionCsvIsChosenByTheAcceptHeaderWithOneRowPerBreakdown() {
        byte[] body = http.get()
                .uri("/statistics/warning-precision?area=" + DISTRICT)
                .headers(h -> {
                    h.setBearerAuth(DISTRICT_SUPERVISOR);
                    h.set(HttpHeaders.ACCEPT, "text/csv");
                })
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
                .expectHeader()
                .value(
                        HttpHeaders.CONTENT_DISPOSITION,
                        value -> assertThat(value)
                                .contains("filename=\"warning-precision-110105-2026-11-01-2026-11-30.csv\""))
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        List<List<String>> rows = csv(Objects.requireNonNull(body));
        assertThat(rows.get(0))
                .containsExactly(
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
        assertThat(rows.stream().skip(1).map(row -> row.get(0) + " " + row.get(1) + " " + row.get(10)))
                .containsExactly(
                        "TOTAL 110105 0.6667",
                        "CATEGORY ASSISTANCE_MISSING 0.75",
                        "CATEGORY ASSISTANCE_INSUFFICIENT 0.5",
                        "CATEGORY EARLY_WARNING ",
                        "MODEL_VERSION m-1 0.6667",
                        "MODEL_VERSION m-2 0.5",
                        "MODEL_VERSION  1",
                        "JURISDICTION 110105001 0.6",
                        "JURISDICTION 110105002 1");
        assertThat(rows.get(1))
                .containsExactly(
                        "TOTAL",
                        "110105",
                        "朝阳区",
                        "2026-11-01",
                        "2026-11-30",
                        "4",
                        "2",
                        "2",
                        "1",
                        "6",
                        "0.6667",
                        "0.3333");
    }

    // --- who may see what

    @Test
    void supervisorOfAnotherStreetIsRefused() {
        forbidden("/statistics?area=" + JIANWAI, CHAOWAI_SUPERVISOR);
        forbidden("/statistics?area=" + YONGANLI, CHAOWAI_SUPERVISOR);
        forbidden("/statistics?area=" + DISTRICT, CHAOWAI_SUPERVISOR);
        forbidden("/statistics/warning-precision?area=" + JIANWAI + "&format=csv", CHAOWAI_SUPERVISOR);
        ok("/statistics?area=" + FANGCAODI, CHAOWAI_SUPERVISOR);
        ok("/statistics/warning-precision?area=" + CHAOWAI, CHAOWAI_SUPERVISOR);
    }

    @Test
    void advisorSeesOnlyACommunityTheyCover() {
        ok("/statistics?area=" + JIANGUOLI, WANG_FANG);
        ok("/statistics/warning-precision?area=" + YONGANLI, WANG_FANG);
        forbidden("/statistics?area=" + JIANWAI, WANG_FANG);
        forbidden("/statistics/warning-precision?area=" + DISTRICT, WANG_FANG);
        forbidden("/statistics?area=" + JIXIANGLI, WANG_FANG);
    }

    @Test
    void platformAdminSeesTheAreasTheirJurisdictionsCover() {
        ok("/statistics?area=" + DISTRICT, token("admin-city", List.of("PLATFORM_ADMIN"), List.of("1101")));
        ok("/statistics?area=1101", token("admin-city", List.of("PLATFORM_ADMIN"), List.of("1101")));
        forbidden("/statistics?area=" + DISTRICT, admin());
        http.get().uri("/statistics?area=" + DISTRICT).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void malformedOrUnknownParametersAreBadRequestsNamingTheField() {
        badRequest("/statistics", "area");
        badRequest("/statistics?area=11010500", "area");
        badRequest("/statistics?area=abcdef", "area");
        badRequest("/statistics?area=110105009", "area");
        badRequest("/statistics/warning-precision?area=110105009001", "area");
        badRequest("/statistics?area=" + DISTRICT + "&from=2026-11-10&to=2026-11-01", "from");
        badRequest("/statistics?area=" + DISTRICT + "&from=2026-13-01", "from");
        badRequest("/statistics?area=" + DISTRICT + "&to=30.11.2026", "to");
        badRequest("/statistics?area=" + DISTRICT + "&from=2024-01-01&to=2026-11-30", "from");
        badRequest("/statistics?area=" + DISTRICT + "&format=pdf", "format");
        // a problem, as JSON, even when CSV was asked for
        http.get()
                .uri("/statistics?area=abc")
                .headers(h -> {
                    h.setBearerAuth(DISTRICT_SUPERVISOR);
                    h.set(HttpHeaders.ACCEPT, "text/csv");
                })
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("area");
    }

    @Test
    void theOpenApiDocumentDescribesBothEndpoints() {
        http.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paths['/statistics'].get.responses['200'].content['application/json'].schema.$ref")
                .isEqualTo("#/components/schemas/AreaStatistics")
                .jsonPath("$.paths['/statistics/warning-precision'].get.responses['200'].content['text/csv']")
                .exists();
    }

    // --- helpers

    private AreaStatistics statistics(String uri, String token) {
        AreaStatistics statistics = http.get()
                .uri(uri)
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(AreaStatistics.class)
                .returnResult()
                .getResponseBody();
        return Objects.requireNonNull(statistics);
    }

    private void ok(String uri, String token) {
        http.get()
                .uri(uri)
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private void forbidden(String uri, String token) {
        http.get()
                .uri(uri)
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Outside your jurisdiction");
    }

    private void badRequest(String uri, String field) {
        http.get()
                .uri(uri)
                .headers(h -> h.setBearerAuth(DISTRICT_SUPERVISOR))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo(field);
    }

    private @Nullable Double gauge(String name, String model, String category, @Nullable String verdict) {
        var search = meters.find(name).tags("model_version", model, "category", category);
        if (verdict != null) {
            search = search.tag("verdict", verdict);
        }
        Gauge gauge = search.gauge();
        return gauge == null ? null : gauge.value();
    }

    private static String summary(AreaFigures f) {
        return "opened=" + f.opened() + " openNow=" + f.openNow() + " overdueNow=" + f.overdueNow() + " median="
                + f.medianHoursToFirstVisit() + " p90=" + f.p90HoursToFirstVisit() + " visited=" + f.visited()
                + " visitRate=" + f.visitRate() + " verified=" + f.verified() + " dismissed=" + f.dismissed()
                + " referred=" + f.referred() + " closed=" + f.closed() + " resolved=" + f.resolved()
                + " resolutionRate=" + f.resolutionRate() + " assistFirst=" + f.assistFirst();
    }

    private static String organisations(AreaFigures f) {
        return f.referralsByOrganisation().stream()
                .map(o -> o.id() + " " + o.name() + " " + o.referrals() + " " + o.byStatus())
                .collect(Collectors.joining("; "));
    }

    private static String verdicts(Verdicts v) {
        return v.key() + " " + v.name() + " verified=" + v.verified() + " falseAlarms=" + v.falseAlarms()
                + " excluded=" + v.excluded() + " withoutVerdict=" + v.withoutVerdict() + " verdicts=" + v.verdicts()
                + " precision=" + v.precision() + " falseAlarmRate=" + v.falseAlarmRate();
    }

    /** The rows of a CSV file that must start with a UTF-8 BOM and contain no quoted cells. */
    private static List<List<String>> csv(byte[] body) {
        assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n").doesNotContain("\"");
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.split("\r\n")) {
            rows.add(List.of(line.split(",", -1)));
        }
        return rows;
    }

    // --- the fixture: cases written as the workflow writes them

    private TestCase kase(
            String name, String community, String openedAt, String category, @Nullable String modelVersion) {
        return new TestCase(name, community, Instant.parse(openedAt), category, modelVersion);
    }

    /** One case and its referrals; the warning was raised two hours before the case was opened. */
    private final class TestCase {
        private final String name;
        private final String community;
        private final Instant openedAt;
        private final String category;
        private final @Nullable String modelVersion;
        private @Nullable Instant warningAt;
        private boolean fromWarning = true;
        private String stage = "ASSIGNED";
        private boolean assistFirst;
        private @Nullable Instant dueAt;
        private @Nullable Instant visitedAt;
        private @Nullable Instant verifiedAt;
        private @Nullable Instant dismissedAt;
        private @Nullable String dismissalReason;
        private @Nullable Instant referredAt;
        private @Nullable Instant closedAt;
        private @Nullable String outcome;
        private final List<String[]> referrals = new ArrayList<>();

        TestCase(String name, String community, Instant openedAt, String category, @Nullable String modelVersion) {
            this.name = name;
            this.community = community;
            this.openedAt = openedAt;
            this.category = category;
            this.modelVersion = modelVersion;
            this.warningAt = openedAt.minus(Duration.ofHours(2));
        }

        TestCase noWarningTime() {
            warningAt = null;
            return this;
        }

        TestCase notFromAWarning() {
            fromWarning = false;
            return this;
        }

        TestCase visitedAfterHours(long hours) {
            visitedAt = Objects.requireNonNullElse(warningAt, openedAt).plus(Duration.ofHours(hours));
            stage = "VISITED";
            return this;
        }

        TestCase verified() {
            verifiedAt = Objects.requireNonNull(visitedAt).plus(Duration.ofHours(1));
            stage = "VERIFIED";
            return this;
        }

        TestCase dismissed(String reason) {
            dismissedAt = Objects.requireNonNull(visitedAt).plus(Duration.ofHours(1));
            dismissalReason = reason;
            stage = "DISMISSED";
            return this;
        }

        TestCase referral(String tier, @Nullable String organisation, String status) {
            referredAt = Objects.requireNonNull(verifiedAt).plus(Duration.ofHours(1));
            stage = "REFERRED";
            referrals.add(new String[] {tier, organisation, status});
            return this;
        }

        TestCase closed(String caseOutcome) {
            closedAt = Objects.requireNonNull(verifiedAt).plus(Duration.ofDays(3));
            outcome = caseOutcome;
            stage = "CLOSED";
            return this;
        }

        TestCase assistFirst() {
            assistFirst = true;
            return this;
        }

        TestCase due(Instant at) {
            dueAt = at;
            return this;
        }

        UUID id() {
            return UUID.nameUUIDFromBytes(("statistics-case-" + name).getBytes(StandardCharsets.UTF_8));
        }

        void insert() {
            boolean closed = stage.equals("CLOSED") || stage.equals("DISMISSED");
            DatabaseClient.GenericExecuteSpec sql = db.sql("insert into cases (id, household_number, community_code,"
                            + " status, urgency, category, warning_id, owner_id, owner_role, version, opened_at,"
                            + " updated_at, stage, model_version, warning_at, assist_first, due_step, due_at,"
                            + " first_visited_at, verified_at, dismissed_at, dismissal_reason, referred_at, tier,"
                            + " closed_at, outcome) values (:id, :household, :community, :status, 'IN_STAGES',"
                            + " :category, :warning, 'advisor-wang-fang', 'ADVISOR', 1, :opened, :opened, :stage,"
                            + " :model, :warningAt, :assistFirst, :dueStep, :dueAt, :visited, :verified, :dismissed,"
                            + " :reason, :referred, :tier, :closedAt, :outcome)")
                    .bind("id", id())
                    .bind("household", "H-STATS-" + name)
                    .bind("community", community)
                    .bind("status", closed ? "CLOSED" : "OPEN")
                    .bind("category", category)
                    .bind("opened", openedAt)
                    .bind("stage", stage)
                    .bind("assistFirst", assistFirst);
            sql = bind(sql, "warning", fromWarning ? "warning-" + name : null, String.class);
            sql = bind(sql, "model", modelVersion, String.class);
            sql = bind(sql, "warningAt", warningAt, Instant.class);
            sql = bind(sql, "dueStep", dueAt == null ? null : visitedAt == null ? "VISIT" : "PLAN", String.class);
            sql = bind(sql, "dueAt", dueAt, Instant.class);
            sql = bind(sql, "visited", visitedAt, Instant.class);
            sql = bind(sql, "verified", verifiedAt, Instant.class);
            sql = bind(sql, "dismissed", dismissedAt, Instant.class);
            sql = bind(sql, "reason", dismissalReason, String.class);
            sql = bind(sql, "referred", referredAt, Instant.class);
            sql = bind(sql, "tier", referrals.isEmpty() ? null : referrals.get(0)[0], String.class);
            sql = bind(sql, "closedAt", closedAt, Instant.class);
            sql = bind(sql, "outcome", outcome, String.class);
            sql.then().block(Duration.ofSeconds(10));
            for (int i = 0; i < referrals.size(); i++) {
                String[] referral = referrals.get(i);
                String tier = referral[0];
                DatabaseClient.GenericExecuteSpec insert = db.sql("insert into case_referrals (id, case_id,"
                                + " plan_version, tier, programme, organisation_id, service, status, created_at,"
                                + " updated_at) values (:id, :case, 1, :tier, :programme, :organisation, :service,"
                                + " :status, :at, :at)")
                        .bind("id", UUID.nameUUIDFromBytes((name + "-referral-" + i).getBytes(StandardCharsets.UTF_8)))
                        .bind("case", id())
                        .bind("tier", tier)
                        .bind("status", referral[2])
                        .bind("at", Objects.requireNonNull(referredAt));
                insert = bind(insert, "programme", tier.equals("COMPREHENSIVE_SERVICE") ? "DIBAO" : null, String.class);
                insert = bind(insert, "organisation", referral[1], String.class);
                insert = bind(insert, "service", referral[1] == null ? null : "care.elderly-visit", String.class);
                insert.then().block(Duration.ofSeconds(10));
            }
        }

        private static DatabaseClient.GenericExecuteSpec bind(
                DatabaseClient.GenericExecuteSpec sql, String name, @Nullable Object value, Class<?> type) {
            return value == null ? sql.bindNull(name, type) : sql.bind(name, value);
        }
    }
}
