package org.zhengce.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    private static final Comparison PRODUCER = new Comparison(
            new Spread(300_000, 280_000, 320_000), new Spread(270_000, 250_000, 290_000), new Spread(0.9, 0.87, 0.93));
    private static final Comparison CONSUMER = new Comparison(
            new Spread(700_000, 650_000, 720_000), new Spread(420_000, 400_000, 450_000), new Spread(0.6, 0.55, 0.64));

    private final Report report = new Report(
            ZonedDateTime.parse("2026-11-23T10:15:00+08:00"),
            "abc1234",
            new Machine(2, "AMD EPYC", 24L << 30, 2L << 30, "Linux 6.1 amd64", "OpenJDK 17.0.15 -Xmx2g"),
            0.4,
            1.8,
            new BenchmarkSettings(200_000, 5, 1, 6, 42),
            List.of(
                    ResultRow.throughput("Serde producer, records/s", PRODUCER, 0.85),
                    ResultRow.throughput("Serde consumer, records/s", CONSUMER, 0.80)),
            List.of("Producer method.", "Consumer method."));

    @Test
    void aRowGivenAsContextShowsADashForMetWhateverItsRatio() {
        ResultRow context = ResultRow.context("Scoring against a raw consumer, records/s", CONSUMER);

        String table = Report.table(List.of(context, ResultRow.throughput("Serde consumer", CONSUMER, 0.80)));

        assertThat(context.contextOnly()).isTrue();
        assertThat(table)
                .contains("| Scoring against a raw consumer, records/s | 700,000 (650,000–720,000) |"
                        + " 420,000 (400,000–450,000) | 0.60 (0.55–0.64) | — (context) | — |")
                .contains("| ≥ 0.80 | ✗ |");
    }

    @Test
    void throughputRowShowsMediansWithRangesTheRatioAndTheGoal() {
        ResultRow row = ResultRow.throughput("Serde producer, records/s", PRODUCER, 0.85);

        assertThat(row.raw()).isEqualTo("300,000 (280,000–320,000)");
        assertThat(row.ours()).isEqualTo("270,000 (250,000–290,000)");
        assertThat(row.ratio()).isEqualTo("0.90 (0.87–0.93)");
        assertThat(row.goal()).isEqualTo("≥ 0.85");
        assertThat(row.met()).isTrue();
    }

    @Test
    void tableHasRatioGoalAndMetColumnsWithATickOrACross() {
        String table = Report.table(report.rows());

        assertThat(table.lines().findFirst().orElseThrow())
                .isEqualTo("| Benchmark | Raw kafka-clients | Ours | Ratio ours/raw | Goal | Met |");
        assertThat(table)
                .contains("| Serde producer, records/s | 300,000 (280,000–320,000) | 270,000 (250,000–290,000)"
                        + " | 0.90 (0.87–0.93) | ≥ 0.85 | ✓ |")
                .contains("| 0.60 (0.55–0.64) | ≥ 0.80 | ✗ |");
    }

    @Test
    void sectionStatesDateCommitMachineLoadSizesAndMethod() {
        String section = report.toMarkdown();

        assertThat(section)
                .contains("## Run of 2026-11-23 10:15 +08:00, commit abc1234")
                .contains("2 cores (AMD EPYC), 24.0 GiB RAM, max heap 2.0 GiB; Linux 6.1 amd64; OpenJDK 17.0.15 -Xmx2g")
                .contains("load average 0.4 before, 1.8 after")
                .contains("200,000 distinct events, 1 warm-up + 5 measured rounds per side, 6 partitions")
                .contains("median of 5 measured rounds")
                .contains("Producer method. Consumer method.");
    }

    @Test
    void firstRunCreatesTheFileWithItsIntroductionAndLaterRunsAppend(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("docs/benchmarks.md");

        report.appendTo(file);
        report.appendTo(file);

        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).startsWith(Report.INTRO);
        assertThat(text.split("## Run of ", -1)).hasSize(3);
    }

    @Test
    void smallRatiosKeepTwoSignificantDigits() {
        assertThat(ResultRow.ratio(new Spread(0.0094, 0.0071, 0.012))).isEqualTo("0.0094 (0.0071–0.0120)");
        assertThat(ResultRow.ratio(new Spread(0.00031, 0.00028, 0.00035))).isEqualTo("0.00031 (0.00028–0.00035)");
        assertThat(ResultRow.ratio(new Spread(0.15, 0.09, 0.2))).isEqualTo("0.15 (0.09–0.20)");
    }

    @Test
    void spreadTakesTheMiddleValueOrTheMeanOfTheTwoMiddleOnes() {
        assertThat(Spread.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Spread(2.0, 1.0, 3.0));
        assertThat(Spread.of(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(new Spread(2.5, 1.0, 4.0));
    }

    @Test
    void furtherSectionsFollowTheMethod() {
        Report withSection = new Report(
                report.startedAt(),
                report.commit(),
                report.machine(),
                report.loadBefore(),
                report.loadAfter(),
                new BenchmarkSettings(50_000, 3, 1, 6, 42, true),
                report.rows(),
                report.methods(),
                List.of("\n### Peak heap and CPU per service\n"));

        String section = withSection.toMarkdown();

        assertThat(section).contains("- Sizes: a quick run (-Dbench.quick=true");
        assertThat(section.indexOf("### Peak heap and CPU per service"))
                .isGreaterThan(section.indexOf("Consumer method."));
    }
}
