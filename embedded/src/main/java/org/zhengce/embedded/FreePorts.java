package org.zhengce.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Finds ports nobody listens on by letting the operating system pick one. */
final class FreePorts {

    private FreePorts() {}

    /**
     * Binds a socket to port 0 on all addresses, reads the port the system chose and closes
     * the socket. Another process may take the port before the caller binds it; callers retry.
     */
    static int reserve() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free TCP port", e);
        }
    }

    /** True when nothing can bind the port on all addresses right now. */
    static boolean inUse(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return false;
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
}
