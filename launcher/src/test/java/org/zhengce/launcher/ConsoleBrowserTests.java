package org.zhengce.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.console.ConsoleApplication;
import org.zhengce.democity.DemoCity;
import org.zhengce.democity.IntakeJson;
import org.zhengce.democity.Story;
import org.zhengce.intake.DepartmentEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console in a real browser (Debian's Chromium driven by playwright-core, console/web/e2e): this class starts
 * the whole platform on free ports, registers the demo city's story households through intake as their departments
 * would, and hands the browser suite a fixture: the console's URL, the demo password, the services' URLs, department
 * tokens and each story's trigger events, which the suite sends through intake when it wants a warning. Deadlines
 * are short (a visit is due 40 s after assignment) so that the supervisor sees overdue cases within the run, and so
 * are the console's access tokens, so that the page works on renewed ones.
 */
class ConsoleBrowserTests {

    private static final Logger log = LoggerFactory.getLogger(ConsoleBrowserTests.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Path WEB = Path.of(System.getProperty("console.web.directory", "../console/web"));
    /**
     * Short deadlines, so that a case goes overdue within the run; and the console's access tokens live 20 s, less
     * than the console's minute of clock skew, so every call the page makes renews its token with the refresh token.
     */
    private static final Map<String, String> SHORT_TIMES = Map.of(
            "referral.cases.visit", "PT40S",
            "referral.cases.visit-urgent", "PT40S",
            "referral.cases.deadline-sweep", "PT2S",
            "auth-server.console.access-token-time-to-live", "PT20S");

    @TempDir
    static Path data;

    private static LocalPlatform platform;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startThePlatform() {
        // every service reads system properties: for this run only
        SHORT_TIMES.forEach(System::setProperty);
        platform = LocalPlatform.start(data, false);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        SHORT_TIMES.keySet().forEach(System::clearProperty);
    }

    @Test
    void advisorsSupervisorsAndOrganisationsWorkTheirCasesInTheBrowser() throws Exception {
        Path chromium = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
        assertThat(chromium)
                .as("Debian's Chromium drives the console's browser tests: apt-get install -y chromium"
                        + " (.ci/run installs it), or -Dconsole.chromium=<path>")
                .isExecutable();

        LocalDate day = LocalDate.now(CHINA);
        List<Story> stories = DemoCity.builder()
                .seed(20261201L)
                .households(60)
                .build()
                .stories(day.atStartOfDay(CHINA).toInstant(), "b" + day.format(DateTimeFormatter.BASIC_ISO_DATE));
        Map<String, String> departmentTokens = new LinkedHashMap<>();
        List<Map<String, Object>> fixtureStories = new ArrayList<>();
        for (Story story : stories) {
            for (DepartmentEvent event : story.baseline()) {
                report(event, departmentTokens);
            }
            List<Map<String, Object>> trigger = new ArrayList<>();
            for (DepartmentEvent event : story.trigger()) {
                trigger.add(Map.of(
                        "department", event.getDepartment().name(),
                        "body", JSON.readTree(IntakeJson.line(event))));
            }
            fixtureStories.add(Map.of(
                    "title", story.title(),
                    "category", story.expected().name(),
                    "household", story.household().number(),
                    "community", story.household().community().code(),
                    "trigger", trigger));
        }
        for (Story story : stories) {
            for (DepartmentEvent event : story.trigger()) {
                departmentTokens.computeIfAbsent(event.getDepartment().name(), platform::departmentToken);
            }
        }

        Path fixture = data.resolve("console-e2e-fixture.json");
        Path screenshots = Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));
        Files.createDirectories(screenshots);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("console", platform.url(ConsoleApplication.NAME));
        values.put("issuer", platform.issuer());
        values.put("password", platform.demoPassword());
        values.put("intake", platform.url("intake-service"));
        values.put("referral", platform.url("referral-service"));
        values.put("notification", platform.url("notification-service"));
        values.put("departmentTokens", departmentTokens);
        values.put("stories", fixtureStories);
        values.put("screenshots", screenshots.toAbsolutePath().toString());
        values.put("chromium", chromium.toString());
        Files.writeString(fixture, JSON.writeValueAsString(values));

        assertThat(runBrowserSuite(fixture))
                .as("the browser suite's exit code (its output is above)")
                .isZero();
    }

    private static void report(DepartmentEvent event, Map<String, String> tokens) throws Exception {
        String token = tokens.computeIfAbsent(event.getDepartment().name(), platform::departmentToken);
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(platform.url("intake-service") + "/events"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(IntakeJson.line(event)))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
    }

    /** {@code node --test e2e/} in console/web, its output in this test's log; the exit code. */
    private static int runBrowserSuite(Path fixture) throws Exception {
        ProcessBuilder node = new ProcessBuilder(
                        System.getProperty("node.executable", "node"),
                        "--test",
                        "--test-concurrency=1",
                        "--test-reporter=spec",
                        "e2e/")
                .directory(WEB.toFile())
                .redirectErrorStream(true);
        node.environment().put("CONSOLE_E2E_FIXTURE", fixture.toAbsolutePath().toString());
        Process process = node.start();
        try (BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            output.lines().forEach(line -> log.info("[browser] {}", line));
        }
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the browser suite did not finish in 20 minutes");
        }
        return process.exitValue();
    }
}
