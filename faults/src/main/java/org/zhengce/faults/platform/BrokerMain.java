package org.zhengce.faults.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.zhengce.embedded.EmbeddedKafka;

/**
 * The broker in its own JVM: the {@code embedded} module's KRaft broker on a fixed data directory and port, so that a
 * broker started again after a kill finds its log, its topics and its clients. Stops once stdin closes (the suite
 * closed it, or the suite ended). Arguments: the data directory and the port.
 */
public final class BrokerMain {

    private BrokerMain() {}

    public static void main(String[] args) throws IOException {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder()
                .dataDirectory(Path.of(args[0]))
                .port(Integer.parseInt(args[1]))
                .start()) {
            System.out.println("broker ready at " + kafka.bootstrapServers());
            System.in.transferTo(OutputStream.nullOutputStream());
        }
        // the broker leaves non-daemon threads behind
        System.exit(0);
    }
}
