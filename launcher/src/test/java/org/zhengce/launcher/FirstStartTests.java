package org.zhengce.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import org.zhengce.embedded.EmbeddedKafka;

/**
 * A newcomer's first start, as the README's run command does it: an empty data folder, the demo feed on with its
 * defaults. The platform comes up, the demo feed's stories open a case, and the terminal shows no ERROR line and no
 * stack trace; then a restart on the same data, which goes on scoring, just as quietly. Every WARN line is printed
 * in the test's report, for a reader to judge whether it names something an operator must act on.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartTests {

    private static final String CASE_EVENTS = "case.events";
    private static final String SCORES = "household.scores";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aFirstStartAndARestartPrintNoErrorAndNoStackTrace(CapturedOutput output) throws Exception {
        // in the build's folder, as the README's run keeps its data in the checkout: Kafka Streams warns about a state
        // directory under the system's temporary folder, which a newcomer's run does not have
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "first-start-");
        String[] args = LocalRun.arguments(data);

        long scoresAtStop;
        try (ConfigurableApplicationContext platform = LocalRun.start(args)) {
            LocalRun.awaitServicesUp(platform, http);
            EmbeddedKafka kafka = platform.getBean(EmbeddedKafka.class);
            Awaitility.await("a case opened from the demo feed's stories")
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> endOffsets(kafka, CASE_EVENTS) > 0);
            scoresAtStop = endOffsets(kafka, SCORES);
        }
        StartLog firstStart = StartLog.of(output.getAll());
        report("first start", firstStart);

        int restartFrom = output.getAll().length();
        try (ConfigurableApplicationContext platform = LocalRun.start(args)) {
            LocalRun.awaitServicesUp(platform, http);
            EmbeddedKafka kafka = platform.getBean(EmbeddedKafka.class);
            Awaitility.await("new scores after the restart")
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> endOffsets(kafka, SCORES) > scoresAtStop);
        }
        StartLog restart = StartLog.of(output.getAll().substring(restartFrom));
        report("restart", restart);

        assertThat(firstStart.errors()).as(firstStart.summary()).isEmpty();
        assertThat(firstStart.stackTraces()).as(firstStart.summary()).isEmpty();
        assertThat(restart.errors()).as(restart.summary()).isEmpty();
        assertThat(restart.stackTraces()).as(restart.summary()).isEmpty();
        // kept for inspection when an assertion above fails
        FileSystemUtils.deleteRecursively(data);
    }

    private static long endOffsets(EmbeddedKafka kafka, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG,
                "first-start-check"))) {
            int partitions = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .size();
            Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, partitions)
                    .boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(info -> info.offset())
                    .sum();
        }
    }

    private static void report(String start, StartLog log) {
        System.err.printf(
                "[FirstStartTests] %s: %d ERROR, %d stack-trace lines, %d WARN%n",
                start,
                log.errors().size(),
                log.stackTraces().size(),
                log.warnings().size());
        log.warnings().forEach(line -> System.err.println("[FirstStartTests]   " + line));
    }
}
