package org.zhengce.registry.compatibility;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Checks a new Avro schema against earlier versions with Avro's own {@link SchemaCompatibility},
 * and words the problems the way Confluent's registry does: one {@code {errorType:..,
 * description:.., additionalInfo:..}} entry per problem, then the failing old version, the old
 * schema and the level.
 */
public final class AvroCompatibility {

    private static final int MAX_OLD_SCHEMA_LENGTH = 10_240;

    private AvroCompatibility() {}

    /**
     * The problems that stop {@code candidate} from being registered at {@code level}; empty when it
     * is compatible. Plain levels look at the newest previous version only; transitive levels walk
     * from newest to oldest and report the first version that fails.
     *
     * @param previousNewestFirst the versions that are not deleted, newest first
     */
    public static List<String> check(
            CompatibilityLevel level, Schema candidate, List<PreviousVersion> previousNewestFirst) {
        if (level == CompatibilityLevel.NONE || previousNewestFirst.isEmpty()) {
            return List.of();
        }
        List<PreviousVersion> targets = level.transitive() ? previousNewestFirst : previousNewestFirst.subList(0, 1);
        for (PreviousVersion previous : targets) {
            List<String> problems = new ArrayList<>();
            if (level.forward()) {
                problems.addAll(problems(previous.schema(), candidate, "old", "new"));
            }
            if (level.backward()) {
                problems.addAll(problems(candidate, previous.schema(), "new", "old"));
            }
            if (!problems.isEmpty()) {
                problems.add("{oldSchemaVersion: " + previous.version() + "}");
                problems.add(oldSchema(previous.schema().toString()));
                problems.add("{validateFields: 'false', compatibility: '" + level.name() + "'}");
                return problems;
            }
        }
        return List.of();
    }

    private static List<String> problems(Schema reader, Schema writer, String readerName, String writerName) {
        List<String> problems = new ArrayList<>();
        for (Incompatibility incompatibility : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult()
                .getIncompatibilities()) {
            problems.add("{errorType:'" + incompatibility.getType() + "', description:'"
                    + describe(incompatibility, readerName, writerName) + "', additionalInfo:'"
                    + incompatibility.getMessage() + "'}");
        }
        return problems;
    }

    private static String describe(Incompatibility incompatibility, String reader, String writer) {
        String path = incompatibility.getLocation();
        switch (incompatibility.getType()) {
            case NAME_MISMATCH:
                return "The name of the schema has changed (path '" + path + "')";
            case FIXED_SIZE_MISMATCH:
                return "The size of FIXED type field at path '" + path + "' in the " + reader
                        + " schema does not match with the " + writer + " schema";
            case MISSING_ENUM_SYMBOLS:
                return "The " + reader + " schema is missing enum symbols '" + incompatibility.getMessage()
                        + "' at path '" + path + "' in the " + writer + " schema";
            case READER_FIELD_MISSING_DEFAULT_VALUE:
                return "The field '" + incompatibility.getMessage() + "' at path '" + path + "' in the " + reader
                        + " schema has no default value and is missing in the " + writer + " schema";
            case TYPE_MISMATCH:
                return "The type (path '" + path + "') of a field in the " + reader + " schema does not match with the "
                        + writer + " schema";
            case MISSING_UNION_BRANCH:
                return "The " + reader + " schema is missing a type inside a union field at path '" + path + "' in the "
                        + writer + " schema";
            default:
                return incompatibility.getType() + " at path '" + path + "'";
        }
    }

    private static String oldSchema(String schema) {
        if (schema.length() <= MAX_OLD_SCHEMA_LENGTH) {
            return "{oldSchema: '" + schema + "'}";
        }
        return "{oldSchema: <truncated> '" + schema.substring(0, MAX_OLD_SCHEMA_LENGTH) + "...'}";
    }
}
