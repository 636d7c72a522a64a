package org.zhengce.faults.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.zhengce.embedded.EmbeddedDatabases;

/**
 * PostgreSQL (zonky's embedded binaries) started from a JVM of its own on a fixed data directory and port, with the
 * services' databases. The postmaster is a process of its own: the suite kills it by the pid in {@code
 * postmaster.pid}, then this JVM, and starts both again on the same directory. Arguments: the data directory, the
 * port, then the databases.
 */
public final class DatabaseMain {

    private DatabaseMain() {}

    public static void main(String[] args) throws IOException {
        try (EmbeddedDatabases databases = EmbeddedDatabases.builder()
                .dataDirectory(Path.of(args[0]))
                .port(Integer.parseInt(args[1]))
                .databases(Arrays.copyOfRange(args, 2, args.length))
                .start()) {
            System.out.println("postgresql ready on port " + databases.port());
            System.in.transferTo(OutputStream.nullOutputStream());
        }
        System.exit(0);
    }
}
