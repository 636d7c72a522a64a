package org.zhengce.intake.reporting;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A schema registry in front of the real one (the JDK's HTTP server), for a test class's own application: each
 * request passes {@link Gate} first, which may answer it itself (a registry down) or hold it (an answer in flight);
 * otherwise it is forwarded and the real registry's answer returned.
 */
final class RegistryInFront implements AutoCloseable {

    /** What happens to a request before it is forwarded. */
    interface Gate {

        /** The answer to give instead of forwarding, or null to forward. */
        @Nullable
        Answer before() throws InterruptedException;
    }

    record Answer(int status, byte[] body) {}

    private final HttpServer server;

    private RegistryInFront(HttpServer server) {
        this.server = server;
    }

    /** Started in front of the registry at {@code registryUrl}. */
    static RegistryInFront start(Supplier<String> registryUrl, Gate gate) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            HttpClient client = HttpClient.newHttpClient();
            server.createContext("/", exchange -> {
                try (exchange) {
                    Answer answer = gate.before();
                    if (answer == null) {
                        HttpRequest.Builder forward = HttpRequest.newBuilder(
                                        URI.create(registryUrl.get() + exchange.getRequestURI()))
                                .method(
                                        exchange.getRequestMethod(),
                                        HttpRequest.BodyPublishers.ofByteArray(
                                                exchange.getRequestBody().readAllBytes()));
                        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
                        if (contentType != null) {
                            forward.header("Content-Type", contentType);
                        }
                        HttpResponse<byte[]> forwarded =
                                client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                        answer = new Answer(forwarded.statusCode(), forwarded.body());
                    }
                    exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
                    exchange.sendResponseHeaders(answer.status(), answer.body().length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer.body());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            });
            server.start();
            return new RegistryInFront(server);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
