package org.zhengce.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Finds ports nobody listens on, for servers that must know their port before they bind it (the launcher's services,
 * whose redirect URIs the authorisation server registers first; the embedded broker and database).
 *
 * <p>A port the operating system picks for {@code bind(0)} comes from its ephemeral range, the same range it takes the
 * local port of every outgoing connection from: between choosing such a port and binding it, a Kafka client's or an
 * HTTP client's connection can take it, and the server fails to start with "address already in use" (the more
 * connections the process has open, the likelier). So on Linux a port is chosen just below the ephemeral range
 * ({@code /proc/sys/net/ipv4/ip_local_port_range}), which outgoing connections never use, and never handed out twice
 * in this JVM; elsewhere, or when that window is full, the system picks.
 */
public final class FreePorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int WINDOW = 12_000;
    private static final int LOWEST = 1_024;
    private static final int ATTEMPTS = 64;
    private static final Set<Integer> handedOut = new HashSet<>();

    private FreePorts() {}

    /**
     * A port nothing listens on now, outside the ephemeral range where the system allows it. Another process may
     * still take it before the caller binds it; callers that can retry do.
     */
    public static synchronized int reserve() {
        int[] window = quietWindow();
        if (window != null) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(window[0], window[1]);
                if (!handedOut.contains(port) && !inUse(port)) {
                    handedOut.add(port);
                    return port;
                }
            }
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = systemChosen();
            if (handedOut.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free TCP port in " + ATTEMPTS + " attempts");
    }

    /** True when nothing can bind the port on all addresses right now. */
    static boolean inUse(int port) {
        try (ServerSocket all = new ServerSocket(port)) {
            all.close();
            try (ServerSocket loopback = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return false;
            }
        } catch (IOException bindFailure) {
            // The failure is the answer.
            return true;
        }
    }

    static int validate(String setting, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(setting + " must be between 0 and 65535 (0 = a free port), was " + port);
        }
        return port;
    }

    /** {@code [from, to)} just below the system's ephemeral range, or null where there is none to read. */
    static int @Nullable [] quietWindow() {
        // Read as lines: /proc reports a size its files do not have, and a read of that size stops short.
        try (BufferedReader reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
            String[] range = String.valueOf(reader.readLine()).trim().split("\\s+");
            int ephemeralLow = Integer.parseInt(range[0]);
            int from = Math.max(LOWEST, ephemeralLow - WINDOW);
            return ephemeralLow - from < 100 ? null : new int[] {from, ephemeralLow};
        } catch (IOException | RuntimeException notLinux) {
            return null;
        }
    }

    private static int systemChosen() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free TCP port", e);
        }
    }
}
