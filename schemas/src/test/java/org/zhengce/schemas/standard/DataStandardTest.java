package org.zhengce.schemas.standard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The rules every schema of the data standard keeps (schemas/README.md, "Rules"). */
class DataStandardTest {

    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

    private final Map<String, Schema> named = allNamedTypes();
    private final List<AvroTree.Field> fields = allFields();

    @Test
    void everyRecordAndEnumHasADocWithItsChineseTerm() {
        List<String> missing = named.values().stream()
                .filter(type ->
                        type.getDoc() == null || !CHINESE.matcher(type.getDoc()).find())
                .map(Schema::getFullName)
                .toList();
        assertThat(missing).as("types without a doc naming the Chinese term").isEmpty();
    }

    @Test
    void everyFieldHasADocWithItsChineseTerm() {
        List<String> missing = fields.stream()
                .filter(field -> field.field().doc() == null
                        || !CHINESE.matcher(field.field().doc()).find())
                .map(AvroTree.Field::path)
                .toList();
        assertThat(missing).as("fields without a doc naming the Chinese term").isEmpty();
    }

    @Test
    void everyEnumDocumentsEverySymbolAndHasADefault() {
        List<String> problems = new ArrayList<>();
        for (Schema type : named.values()) {
            if (type.getType() != Schema.Type.ENUM) {
                continue;
            }
            if (type.getEnumDefault() == null) {
                problems.add(type.getFullName() + " has no default symbol");
            }
            for (String symbol : type.getEnumSymbols()) {
                if (!type.getDoc().contains(symbol + ":")) {
                    problems.add(type.getFullName() + " does not document " + symbol);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void moneyIsLongFenNeverFloatingPoint() {
        List<String> problems = new ArrayList<>();
        for (AvroTree.Field field : fields) {
            Schema type = nonNull(field.field().schema());
            if (type.getType() == Schema.Type.FLOAT || type.getType() == Schema.Type.DOUBLE) {
                problems.add(field.path() + " is floating point");
            }
            boolean namedFen = field.field().name().endsWith("Fen");
            boolean documentedFen = field.field().doc().contains("分 fen");
            if (namedFen != documentedFen || (namedFen && type.getType() != Schema.Type.LONG)) {
                problems.add(field.path() + " must be a long named *Fen whose doc says 分 fen");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void timesAreTimestampMillisAndDatesAreDates() {
        List<String> problems = new ArrayList<>();
        for (AvroTree.Field field : fields) {
            String name = field.field().name();
            @Nullable LogicalType logical = nonNull(field.field().schema()).getLogicalType();
            boolean timestamp = logical instanceof LogicalTypes.TimestampMillis;
            boolean date = logical instanceof LogicalTypes.Date;
            if (name.endsWith("At") != timestamp) {
                problems.add(field.path() + ": instants are named *At and typed timestamp-millis");
            }
            boolean dateName = name.endsWith("Date") || name.startsWith("valid") || name.endsWith("Month");
            if (dateName != date) {
                problems.add(field.path() + ": days are named *Date, valid*, *Month and typed date");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void optionalFieldsPutNullFirstWithANullDefault() {
        List<String> problems = new ArrayList<>();
        for (AvroTree.Field field : fields) {
            Schema type = field.field().schema();
            if (type.getType() != Schema.Type.UNION || !type.isNullable()) {
                continue;
            }
            if (type.getTypes().get(0).getType() != Schema.Type.NULL
                    || field.field().defaultVal() != JsonProperties.NULL_VALUE) {
                problems.add(field.path() + " must be [\"null\", ...] with \"default\": null");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everySchemaFileBelongsToATopicValue() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> defined = new HashSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/avro"))) {
            for (Path file :
                    files.filter(path -> path.toString().endsWith(".avsc")).toList()) {
                JsonNode schema = json.readTree(file.toFile());
                defined.add(schema.get("namespace").asText() + "."
                        + schema.get("name").asText());
            }
        }
        assertThat(defined).hasSizeGreaterThan(30);
        assertThat(named.keySet()).as("types used by the topics' values").containsAll(defined);
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() == Schema.Type.UNION && schema.isNullable()) {
            return schema.getTypes().stream()
                    .filter(branch -> branch.getType() != Schema.Type.NULL)
                    .findFirst()
                    .orElse(schema);
        }
        return schema;
    }

    private static Map<String, Schema> allNamedTypes() {
        Map<String, Schema> all = new LinkedHashMap<>();
        PublishedSchemas.topicValues().values().forEach(root -> all.putAll(AvroTree.namedTypes(root)));
        return all;
    }

    private List<AvroTree.Field> allFields() {
        List<AvroTree.Field> all = new ArrayList<>();
        for (Schema type : named.values()) {
            if (type.getType() == Schema.Type.RECORD) {
                type.getFields().forEach(field -> all.add(new AvroTree.Field(type, field)));
            }
        }
        return all;
    }
}
