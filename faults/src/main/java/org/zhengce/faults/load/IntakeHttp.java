package org.zhengce.faults.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.IndexedRecord;
import org.jspecify.annotations.Nullable;
import org.zhengce.democity.IntakeJson;
import org.zhengce.intake.DepartmentEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Intake's three HTTP ways in, as a department uses them with its API key: one JSON event, NDJSON lines, a CSV file
 * with one row. Each delivery's answer is read into an {@link Answer} per event; a refusal keeps the rule, never the
 * offending value.
 */
final class IntakeHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();
    private final URI intake;

    IntakeHttp(URI intake) {
        this.intake = intake;
    }

    /** A new API key of {@code department}, issued with the platform admin's key; null for a department intake does not know. */
    @Nullable
    String issueKey(String adminKey, String department) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(intake.resolve("/admin/departments/" + department + "/api-keys"))
                        .timeout(Duration.ofSeconds(30))
                        .header("X-API-Key", adminKey)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 404) {
            return null;
        }
        if (answer.statusCode() != 201) {
            throw new IOException("no key for " + department + ": " + answer.statusCode());
        }
        return JSON.readTree(answer.body()).get("apiKey").asString();
    }

    Answer single(String key, DepartmentEvent event) throws InterruptedException {
        try {
            HttpResponse<String> answer = post(
                    key, "/events", "application/json", new String(IntakeJson.line(event), StandardCharsets.UTF_8));
            int status = answer.statusCode();
            if (status == 202 || status == 200) {
                return outcome(JSON.readTree(answer.body()));
            }
            return byStatus(status, answer.body());
        } catch (IOException e) {
            return new Answer.Again(e.getClass().getSimpleName());
        }
    }

    /** One answer per event, in order. */
    List<Answer> lines(String key, List<DepartmentEvent> events) throws InterruptedException {
        StringBuilder body = new StringBuilder();
        for (DepartmentEvent event : events) {
            body.append(new String(IntakeJson.line(event), StandardCharsets.UTF_8))
                    .append('\n');
        }
        List<Answer> answers = new ArrayList<>();
        try {
            HttpResponse<String> answer = post(key, "/events", "application/x-ndjson", body.toString());
            if (answer.statusCode() != 200) {
                Answer all = byStatus(answer.statusCode(), answer.body());
                events.forEach(e -> answers.add(all));
                return answers;
            }
            List<JsonNode> results = new ArrayList<>();
            for (String line : answer.body().split("\n")) {
                if (!line.isBlank()) {
                    results.add(JSON.readTree(line));
                }
            }
            for (int i = 0; i < events.size(); i++) {
                answers.add(i < results.size() ? outcome(results.get(i)) : new Answer.Again("no result line"));
            }
            return answers;
        } catch (IOException e) {
            events.forEach(event -> answers.add(new Answer.Again(e.getClass().getSimpleName())));
            return answers;
        }
    }

    Answer csv(String key, DepartmentEvent event) throws InterruptedException {
        String type = ((IndexedRecord) event.getFact()).getSchema().getName();
        try {
            HttpResponse<String> answer = post(
                    key,
                    "/submissions?type=" + type + "&fileName="
                            + URLEncoder.encode(event.getEventId() + ".csv", StandardCharsets.UTF_8),
                    "text/csv",
                    CsvRow.file(event));
            if (answer.statusCode() != 201) {
                return byStatus(answer.statusCode(), answer.body());
            }
            JsonNode report = JSON.readTree(answer.body());
            if (report.path("accepted").asInt() + report.path("duplicates").asInt() == 1) {
                return Answer.ACCEPTED;
            }
            if (report.path("rejected").asInt() > 0) {
                return new Answer.Refused("csv row rejected");
            }
            return new Answer.Again("csv " + report.path("status").asString("") + ", pending "
                    + report.path("pending").asInt());
        } catch (IOException e) {
            return new Answer.Again(e.getClass().getSimpleName());
        }
    }

    /** Posts {@code body} as {@code contentType} with a department's key; NDJSON answers in NDJSON. */
    private HttpResponse<String> post(String key, String path, String contentType, String body)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(intake.resolve(path))
                        .timeout(Duration.ofSeconds(60))
                        .header("X-API-Key", key)
                        .header("Content-Type", contentType)
                        .header("Accept", contentType.equals("application/x-ndjson") ? contentType : "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static Answer outcome(JsonNode result) {
        String status = result.path("status").asString("");
        return switch (status) {
            case "accepted", "duplicate" -> Answer.ACCEPTED;
            case "pending" -> new Answer.Again("pending");
            default -> new Answer.Refused(status + " " + rules(result));
        };
    }

    private static Answer byStatus(int status, String body) {
        if (status == 400 || status == 403 || status == 409 || status == 413 || status == 422) {
            try {
                return new Answer.Refused(status + " " + rules(JSON.readTree(body)));
            } catch (RuntimeException unreadable) {
                return new Answer.Refused(Integer.toString(status));
            }
        }
        return new Answer.Again(Integer.toString(status));
    }

    /** The rules broken, by field path and rule code: never the offending values. */
    private static String rules(JsonNode result) {
        List<String> rules = new ArrayList<>();
        for (JsonNode violation : result.path("violations")) {
            rules.add(violation.path("fieldPath").asString("") + " "
                    + violation.path("rule").asString(""));
        }
        return rules.isEmpty() ? result.path("title").asString("") : String.join(", ", rules);
    }
}
