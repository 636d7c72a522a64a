package org.zhengce.benchmarks.profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Summarises recordings the harness kept ({@code benchmarks/target/profiles/*.jfr}) into the report's "where the time
 * goes" section, again or for a run that did not get to write its report:
 *
 * <pre>java -cp benchmarks/target/classes:... org.zhengce.benchmarks.profile.ProfileSummary benchmarks/target/profiles</pre>
 */
public final class ProfileSummary {

    private ProfileSummary() {}

    /** @param args a directory of recordings, or recordings; each named after its case ({@code back-fill.jfr}) */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ProfileSummary <directory of .jfr files | .jfr files>");
        }
        ProfileTable table = new ProfileTable();
        for (Path file : recordings(args)) {
            String name =
                    file.getFileName().toString().replaceFirst("\\.jfr$", "").replace('-', ' ');
            table.add(name, file, Hotspots.of(file));
        }
        System.out.println(table.toMarkdown());
    }

    private static List<Path> recordings(String[] args) throws Exception {
        if (args.length == 1 && Files.isDirectory(Path.of(args[0]))) {
            try (Stream<Path> files = Files.list(Path.of(args[0]))) {
                return files.filter(file -> file.toString().endsWith(".jfr"))
                        .sorted((a, b) -> Long.compare(modified(a), modified(b)))
                        .toList();
            }
        }
        return Stream.of(args).map(Path::of).toList();
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
