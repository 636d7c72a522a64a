package org.zhengce.faults.load;

import java.util.LinkedHashMap;
import java.util.Map;
import org.zhengce.democity.IntakeJson;
import org.zhengce.intake.DepartmentEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One event as a CSV file of one row, in the columns intake's CSV reading takes: the envelope's {@code eventId},
 * {@code occurredAt}, {@code reportedAt}, {@code householdNumber} or {@code identityNumber}, {@code communityCode},
 * then every fact field as {@code fact.<path>} ({@code fact.members[0].identity.identityNumber}).
 */
final class CsvRow {

    private CsvRow() {}

    static String file(DepartmentEvent event) {
        ObjectNode json = IntakeJson.write(event);
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("eventId", json.path("eventId").asString());
        columns.put("occurredAt", json.path("occurredAt").asString());
        columns.put("reportedAt", json.path("reportedAt").asString());
        json.path("subject")
                .properties()
                .forEach(e -> columns.put(e.getKey(), e.getValue().asString()));
        if (json.has("communityCode")) {
            columns.put("communityCode", json.path("communityCode").asString());
        }
        flatten("fact", json.path("fact"), columns);
        return line(columns.keySet()) + "\n" + line(columns.values()) + "\n";
    }

    private static void flatten(String path, JsonNode node, Map<String, String> columns) {
        if (node.isObject()) {
            node.properties().forEach(e -> flatten(path + "." + e.getKey(), e.getValue(), columns));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), columns);
            }
        } else if (!node.isNull()) {
            columns.put(path, node.asString());
        }
    }

    private static String line(Iterable<String> cells) {
        StringBuilder line = new StringBuilder();
        for (String cell : cells) {
            if (!line.isEmpty()) {
                line.append(',');
            }
            boolean quote = cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r");
            line.append(quote ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
        }
        return line.toString();
    }
}
