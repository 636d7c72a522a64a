package org.zhengce.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Clean-up of the temporary directories the embedded servers create. */
final class Directories {

    private static final Logger log = LoggerFactory.getLogger(Directories.class);

    private Directories() {}

    /** Deletes a directory tree; a failure is logged, since it must not hide the caller's outcome. */
    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.warn("Could not delete temporary directory {}", dir, e);
        }
    }
}
