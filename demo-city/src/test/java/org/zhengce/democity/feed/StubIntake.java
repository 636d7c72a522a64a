package org.zhengce.democity.feed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.zhengce.democity.IntakeRules;
import org.zhengce.intake.DepartmentEvent;
import org.zhengce.intake.reading.EventJson;
import org.zhengce.intake.reading.ReadEvent;

/**
 * Intake's HTTP surface as the feed meets it, on the JDK's server: readiness, issuing keys with the admin key,
 * {@code POST /events} NDJSON checked line by line with intake's own reader and rules, answering as intake does. The
 * first {@code throttled} event requests get 429 with {@code Retry-After: 1}.
 */
final class StubIntake implements AutoCloseable {

    static final String ADMIN_KEY = "admin-key-for-tests";

    private final HttpServer server;
    private final EventJson json = new EventJson();
    private final Map<String, String> keyOfDepartment = new ConcurrentHashMap<>();
    private final AtomicInteger throttled;
    final List<DepartmentEvent> accepted = Collections.synchronizedList(new ArrayList<>());
    final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger refusedWith429 = new AtomicInteger();

    StubIntake(int throttled) throws IOException {
        this.throttled = new AtomicInteger(throttled);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/actuator/health/readiness",
                exchange -> answer(exchange, 200, "application/json", "{\"status\":\"UP\"}"));
        server.createContext("/admin/departments/", this::issueKey);
        server.createContext("/events", this::events);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void issueKey(HttpExchange exchange) throws IOException {
        if (!ADMIN_KEY.equals(exchange.getRequestHeaders().getFirst("X-API-Key"))) {
            answer(exchange, 401, "application/problem+json", "{\"title\":\"Unauthorized\"}");
            return;
        }
        String department = exchange.getRequestURI().getPath().split("/")[3];
        String key = "k" + department.hashCode() + ".secret";
        keyOfDepartment.put(key, department);
        answer(exchange, 201, "application/json", "{\"department\":\"" + department + "\",\"apiKey\":\"" + key + "\"}");
    }

    private void events(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String department =
                keyOfDepartment.get(String.valueOf(exchange.getRequestHeaders().getFirst("X-API-Key")));
        if (department == null) {
            answer(exchange, 401, "application/problem+json", "{\"title\":\"Unauthorized\"}");
            return;
        }
        if (!"application/x-ndjson".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            answer(exchange, 415, "application/problem+json", "{\"title\":\"Unsupported\"}");
            return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (throttled.getAndDecrement() > 0) {
            refusedWith429.incrementAndGet();
            exchange.getResponseHeaders().add("Retry-After", "1");
            answer(exchange, 429, "application/problem+json", "{\"title\":\"Too many requests\"}");
            return;
        }
        IntakeRules rules = new IntakeRules(Instant.now());
        StringBuilder results = new StringBuilder();
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            byte[] line = lines[i].getBytes(StandardCharsets.UTF_8);
            ReadEvent read = json.read(line);
            List<String> found = read.event() == null ? List.of("unreadable") : rules.problems(line, read.event());
            if (read.event() != null && !read.event().getDepartment().name().equals(department)) {
                found = List.of("sent by " + department);
            }
            if (found.isEmpty()) {
                accepted.add(read.event());
                results.append("{\"line\":")
                        .append(i + 1)
                        .append(",\"eventId\":\"")
                        .append(read.eventId())
                        .append("\",\"status\":\"accepted\"}\n");
            } else {
                problems.add(read.eventId() + ": " + found);
                results.append("{\"line\":")
                        .append(i + 1)
                        .append(",\"eventId\":\"")
                        .append(read.eventId())
                        .append("\",\"status\":\"rejected\",\"violations\":[{\"fieldPath\":\"\",\"rule\":\"x\"}]}\n");
            }
        }
        answer(exchange, 200, "application/x-ndjson", results.toString());
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
