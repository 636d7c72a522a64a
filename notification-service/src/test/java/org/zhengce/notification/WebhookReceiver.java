package org.zhengce.notification;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real HTTP webhook receiver, as an SMS gateway would be: it checks every request's HMAC-SHA256 signature over
 * {@code timestamp + "." + body} with its own implementation, answers with the status the test sets, and sends a
 * message only for an Idempotency-Key it has not accepted before (what a well-behaved gateway does).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    public record Request(
            String idempotencyKey,
            boolean signatureValid,
            int answered,
            String body,
            @org.jspecify.annotations.Nullable String traceparent) {}

    private final HttpServer server;
    private final String secret;
    private final AtomicInteger status = new AtomicInteger(200);
    private final List<Request> requests = new ArrayList<>();
    private final Set<String> accepted = new LinkedHashSet<>();
    private final List<String> messagesSent = new ArrayList<>();

    public WebhookReceiver(String secret) {
        this.secret = secret;
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/webhook", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/webhook";
    }

    /** From now on, answer {@code code} (200: up; 503: down; 400: refuses). */
    public void answer(int code) {
        status.set(code);
    }

    /**
     * From now on, hold each request until {@code release} opens, then handle it: a gateway that sends the message
     * but answers too late.
     */
    public void holdUntil(java.util.concurrent.CountDownLatch release) {
        hold = release;
    }

    private volatile java.util.concurrent.@org.jspecify.annotations.Nullable CountDownLatch hold;

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The bodies of the messages actually sent: one per accepted Idempotency-Key. */
    public synchronized List<String> messagesSent() {
        return List.copyOf(messagesSent);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        java.util.concurrent.CountDownLatch release = hold;
        if (release != null) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String timestamp = exchange.getRequestHeaders().getFirst("X-Zhengce-Timestamp");
        String signature = exchange.getRequestHeaders().getFirst("X-Zhengce-Signature");
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        boolean valid = timestamp != null && signature != null && verify(timestamp, body, signature);
        int code = valid ? status.get() : 401;
        synchronized (this) {
            requests.add(new Request(
                    key,
                    valid,
                    code,
                    new String(body, StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("traceparent")));
            if (code == 200 && key != null && accepted.add(key)) {
                messagesSent.add(new String(body, StandardCharsets.UTF_8));
            }
        }
        exchange.sendResponseHeaders(code, -1);
        exchange.close();
    }

    private boolean verify(String timestamp, byte[] body, String signature) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
            return MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public void close() {
        java.util.concurrent.CountDownLatch release = hold;
        if (release != null) {
            release.countDown();
        }
        server.stop(0);
    }
}
