package org.zhengce.intake.decisions;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A department's webhook receiver for tests: the JDK's HTTP server on a free local port, answering each path with the
 * statuses it is told in turn (the last one repeated), and keeping every request it got.
 */
final class DepartmentEndpoint implements AutoCloseable {

    /** A request as received: its headers (lower-case names, first value) and its body's bytes. */
    record Received(Map<String, String> headers, byte[] body) {

        String header(String name) {
            String value = headers.get(name);
            if (value == null) {
                throw new AssertionError("no header " + name + " in " + headers.keySet());
            }
            return value;
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Integer>> answers = new ConcurrentHashMap<>();
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();

    DepartmentEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new Received(headers, body));
            exchange.sendResponseHeaders(next(path), -1);
            exchange.close();
        });
        server.start();
    }

    /** Answers requests to {@code path} with {@code statuses} in turn, then the last one for ever. */
    URI answering(String path, Integer... statuses) {
        answers.put(path, new ArrayDeque<>(List.of(statuses)));
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    List<Received> received(String path) {
        return List.copyOf(received.getOrDefault(path, List.of()));
    }

    private synchronized int next(String path) {
        Deque<Integer> queue = answers.get(path);
        if (queue == null || queue.isEmpty()) {
            return 404;
        }
        return queue.size() > 1 ? queue.poll() : queue.peek();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
