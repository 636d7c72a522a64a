package org.zhengce.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * One run of {@code node --test} in {@code interop/node}: its output streamed to the test log line by
 * line, its exit code, and its test cases read back from Node's JUnit reporter.
 */
record NodeTestRun(int exitCode, String output, List<NodeTestCase> cases) {

    private static final Logger log = LoggerFactory.getLogger(NodeTestRun.class);

    /** A test case as Node's runner reported it; {@code failure} is null when it passed. */
    record NodeTestCase(String name, @Nullable String failure) {}

    static NodeTestRun run(
            String nodeExecutable,
            Path workingDirectory,
            Map<String, String> environment,
            Path reportFile,
            Duration timeout)
            throws IOException, InterruptedException {
        Files.deleteIfExists(reportFile);
        var command = List.of(
                nodeExecutable,
                "--test",
                "--test-reporter=spec",
                "--test-reporter-destination=stdout",
                "--test-reporter=junit",
                "--test-reporter-destination=" + reportFile);
        log.info("Running {} in {}", String.join(" ", command), workingDirectory);
        var builder =
                new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        var process = builder.start();

        var output = new StringBuffer();
        var reader = new Thread(() -> streamLines(process.getInputStream(), output), "node-output");
        reader.setDaemon(true);
        reader.start();

        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            reader.join(Duration.ofSeconds(10).toMillis());
            throw new AssertionError("node --test did not finish within " + timeout + "; its output:\n" + output);
        }
        reader.join(Duration.ofSeconds(10).toMillis());
        var cases = Files.exists(reportFile) ? readJunitReport(reportFile) : List.<NodeTestCase>of();
        return new NodeTestRun(process.exitValue(), output.toString(), cases);
    }

    private static void streamLines(java.io.InputStream stream, StringBuffer output) {
        try (var lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                log.info("[node] {}", line);
                output.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the output of node --test failed", e);
        }
    }

    private static List<NodeTestCase> readJunitReport(Path reportFile) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var document = factory.newDocumentBuilder().parse(reportFile.toFile());
            NodeList testcases = document.getElementsByTagName("testcase");
            var cases = new ArrayList<NodeTestCase>();
            for (int i = 0; i < testcases.getLength(); i++) {
                var testcase = (Element) testcases.item(i);
                cases.add(new NodeTestCase(qualifiedName(testcase), failureOf(testcase)));
            }
            return cases;
        } catch (Exception e) {
            throw new IllegalStateException("Node's JUnit report " + reportFile + " cannot be read", e);
        }
    }

    /** The test's name behind the names of the {@code describe} blocks around it. */
    private static String qualifiedName(Element testcase) {
        var name = new StringBuilder(testcase.getAttribute("name"));
        for (Node parent = testcase.getParentNode(); parent instanceof Element suite; parent = suite.getParentNode()) {
            if (suite.getTagName().equals("testsuite")) {
                name.insert(0, suite.getAttribute("name") + " > ");
            }
        }
        return name.toString();
    }

    private static @Nullable String failureOf(Element testcase) {
        NodeList failures = testcase.getElementsByTagName("failure");
        if (failures.getLength() == 0) {
            return null;
        }
        var failure = (Element) failures.item(0);
        return failure.getAttribute("message") + "\n" + failure.getTextContent().strip();
    }
}
