package org.zhengce.registry;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.zhengce.registry.RegistrySettings.Role;
import org.zhengce.registry.monitoring.RequestMetrics;
import reactor.core.publisher.Mono;

/**
 * Who may do what, before any route is matched. Registering, deleting and changing settings (every {@code POST},
 * {@code PUT} and {@code DELETE} but the two below) need a writer's credentials; looking a schema up ({@code POST
 * /subjects/{s}}) and checking compatibility ({@code POST /compatibility/...}) a reader's or writer's; {@code GET} is
 * open unless {@code registry.auth.anonymous-reads=false}; the health probes are always open. Credentials are HTTP
 * basic or a bearer token, as Confluent's clients send them; credentials that match nobody are refused even where none
 * are needed. A refusal is Confluent's error body: 401 with a {@code WWW-Authenticate} challenge, or 403 (40301) for
 * a reader that tries to write. {@code /actuator/prometheus} is a read; on the management port ({@code
 * management.server.port}, when set) every request is let through: that port serves only probes and metrics.
 */
final class RegistryAccess implements WebFilter, Ordered, ApplicationListener<WebServerInitializedEvent> {

    private static final String MANAGEMENT = "management";

    static final String CHALLENGE = "Basic realm=\"schema-registry\", Bearer realm=\"schema-registry\"";

    private static final Logger log = LoggerFactory.getLogger(RegistryAccess.class);
    /** {@code POST /subjects/{s}}; a segment is neither empty nor {@code .} nor {@code ..}. */
    private static final Pattern LOOKUP = Pattern.compile("/subjects/(?!\\.{1,2}$)[^/]+");
    /** {@code POST /compatibility/subjects/{s}/versions[/{v}]}. */
    private static final Pattern CHECK =
            Pattern.compile("/compatibility/subjects/(?!\\.{1,2}/)[^/]+/versions(/(?!\\.{1,2}$)[^/]+)?");

    private static final MediaType V1 = MediaType.parseMediaType("application/vnd.schemaregistry.v1+json");

    private final Credentials credentials;
    private final boolean anonymousReads;
    private final boolean anonymousWrites;
    private volatile int managementPort = -1;

    /** What a request does, from the least to the most it needs. */
    enum Operation {
        HEALTH,
        READ,
        QUERY,
        WRITE
    }

    RegistryAccess(RegistrySettings.Auth auth) {
        this.credentials = new Credentials(auth);
        this.anonymousReads = auth.anonymousReads();
        this.anonymousWrites = auth.anonymousWrites();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (onManagementPort(request)) {
            return chain.filter(exchange);
        }
        Operation operation = operation(
                request.getMethod(), request.getPath().pathWithinApplication().value());
        if (operation == Operation.HEALTH) {
            return chain.filter(exchange);
        }
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            if (anonymousMay(operation)) {
                return chain.filter(exchange);
            }
            return refuse(
                    exchange,
                    HttpStatus.UNAUTHORIZED,
                    401,
                    operation == Operation.READ
                            ? "Unauthorized: reading the registry needs credentials (HTTP basic or a bearer token)"
                            : "Unauthorized: changing the registry needs a writer's credentials (HTTP basic or a bearer token)");
        }
        Role role = credentials.roleOf(authorization);
        if (role == null) {
            return refuse(
                    exchange,
                    HttpStatus.UNAUTHORIZED,
                    401,
                    "Unauthorized: the credentials match no user or bearer token of the registry");
        }
        if (operation == Operation.WRITE && role != Role.WRITE && !anonymousWrites) {
            return refuse(
                    exchange,
                    HttpStatus.FORBIDDEN,
                    40301,
                    "User is denied operation Write: the role read may only read, look schemas up and check"
                            + " compatibility");
        }
        return chain.filter(exchange);
    }

    /** The management port serves only the actuator's probes and metrics, open to the cluster's scrapers. */
    private boolean onManagementPort(ServerHttpRequest request) {
        InetSocketAddress local = request.getLocalAddress();
        return managementPort > 0 && local != null && local.getPort() == managementPort;
    }

    static Operation operation(@Nullable HttpMethod method, String path) {
        boolean read = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
        if (read && (path.equals("/actuator/health") || path.startsWith("/actuator/health/"))) {
            return Operation.HEALTH;
        }
        if (read) {
            return Operation.READ;
        }
        if (HttpMethod.POST.equals(method)
                && (LOOKUP.matcher(path).matches() || CHECK.matcher(path).matches())) {
            return Operation.QUERY;
        }
        return Operation.WRITE;
    }

    private boolean anonymousMay(Operation operation) {
        return switch (operation) {
            case HEALTH -> true;
            case READ -> anonymousReads;
            case QUERY, WRITE -> anonymousWrites;
        };
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, int errorCode, String message) {
        ServerHttpRequest request = exchange.getRequest();
        log.debug("{} {} refused: {}", request.getMethod(), request.getPath().value(), message);
        RequestMetrics.errorCode(exchange, errorCode);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        }
        response.getHeaders().setContentType(V1);
        // the messages are constants: nothing of the request is echoed into the JSON
        byte[] body =
                ("{\"error_code\":" + errorCode + ",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** The actual management port once its server runs ({@code management.server.port}), open to everyone. */
    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (MANAGEMENT.equals(event.getApplicationContext().getServerNamespace())) {
            managementPort = event.getWebServer().getPort();
        }
    }

    /**
     * First of the filters after the request metrics (which only count): nothing of a refused request is read or
     * parsed.
     */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
