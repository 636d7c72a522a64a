package org.zhengce.schemas.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * The committed snapshots of each published schema, {@code schema-history/<full.Name>/v<N>.avsc}
 * (fully resolved JSON, as a registry stores it), and the one compatibility check the build applies.
 */
final class SchemaHistory {

    /** Where the snapshots are committed, relative to the schemas module. */
    static final Path DIRECTORY = Path.of("src/main/resources/schema-history");

    private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.avsc");

    private final Path directory;

    SchemaHistory(Path directory) {
        this.directory = directory;
    }

    /** A committed version of a schema. */
    record Snapshot(int version, Path file, Schema schema) {}

    /** The committed versions of {@code fullName}, oldest first; empty when none is committed. */
    List<Snapshot> snapshots(String fullName) throws IOException {
        Path folder = directory.resolve(fullName);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> {
                        Matcher matcher =
                                VERSION_FILE.matcher(file.getFileName().toString());
                        if (!matcher.matches()) {
                            throw new IllegalStateException(file + " is not named v<N>.avsc");
                        }
                        return new Snapshot(Integer.parseInt(matcher.group(1)), file, parse(file));
                    })
                    .sorted(Comparator.comparingInt(Snapshot::version))
                    .toList();
        }
    }

    /** The file the next version of {@code fullName} must be committed as. */
    Path nextSnapshotFile(String fullName) throws IOException {
        List<Snapshot> snapshots = snapshots(fullName);
        int next = snapshots.isEmpty() ? 1 : snapshots.get(snapshots.size() - 1).version() + 1;
        return directory.resolve(fullName).resolve("v" + next + ".avsc");
    }

    /** Writes {@code schema} as the next version of its full name, and returns the file. */
    Path writeNextSnapshot(Schema schema) throws IOException {
        Path file = nextSnapshotFile(schema.getFullName());
        Files.createDirectories(file.getParent());
        Files.writeString(file, schema.toString(true) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Why a reader with schema {@code reader} cannot read data written with {@code writer}: Avro's
     * own {@link SchemaCompatibility#checkReaderWriterCompatibility} check, one line per
     * incompatibility with its location; empty when it can. A schema that can read every older
     * version is BACKWARD_TRANSITIVE compatible.
     */
    static List<String> incompatibilities(Schema reader, Schema writer) {
        SchemaCompatibility.SchemaCompatibilityResult result = SchemaCompatibility.checkReaderWriterCompatibility(
                        reader, writer)
                .getResult();
        if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        return result.getIncompatibilities().stream()
                .map(SchemaHistory::describe)
                .toList();
    }

    private static String describe(Incompatibility incompatibility) {
        return incompatibility.getType() + " at " + incompatibility.getLocation() + ": " + incompatibility.getMessage();
    }

    private static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read snapshot " + file, e);
        }
    }
}
