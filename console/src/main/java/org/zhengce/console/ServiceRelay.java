package org.zhengce.console;

import io.netty.channel.ChannelOption;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The page's calls to the services: {@code /api/<service>/<path>} is relayed to {@code <service url>/<path>} with the
 * signed-in user's access token (refreshed when due), so the browser never holds a token. Answers stream back as
 * they come (the alert stream's events are flushed one by one). Only the headers the page and the services need
 * cross; links and locations are rewritten to the relay's paths.
 */
@RestController
class ServiceRelay {

    private static final Logger log = LoggerFactory.getLogger(ServiceRelay.class);

    private static final List<String> REQUEST_HEADERS = List.of(
            HttpHeaders.ACCEPT,
            HttpHeaders.ACCEPT_LANGUAGE,
            HttpHeaders.CONTENT_TYPE,
            HttpHeaders.IF_MATCH,
            HttpHeaders.IF_NONE_MATCH,
            "Last-Event-ID");

    private static final List<String> RESPONSE_HEADERS = List.of(
            HttpHeaders.CONTENT_TYPE,
            HttpHeaders.CONTENT_DISPOSITION,
            HttpHeaders.CACHE_CONTROL,
            HttpHeaders.ETAG,
            HttpHeaders.RETRY_AFTER);

    /** Headers whose URLs name the service: rewritten to the relay's path. */
    private static final Set<String> LINK_HEADERS = Set.of(HttpHeaders.LINK, HttpHeaders.LOCATION);

    private final Map<String, URI> services;
    private final String registrationId;
    private final WebClient client;

    ServiceRelay(ConsoleSettings settings, ReactiveOAuth2AuthorizedClientManager authorizedClients) {
        this.services = settings.services();
        this.registrationId = settings.registrationId();
        ServerOAuth2AuthorizedClientExchangeFilterFunction userToken =
                new ServerOAuth2AuthorizedClientExchangeFilterFunction(authorizedClients);
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(
                        HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                                settings.connectTimeout().toMillis())))
                .filter(userToken)
                .build();
    }

    @RequestMapping("/api/{service}/**")
    Mono<Void> relay(@PathVariable String service, ServerWebExchange exchange) {
        URI base = services.get(service);
        ServerHttpResponse response = exchange.getResponse();
        if (base == null) {
            return Problems.write(response, HttpStatus.NOT_FOUND, "No service called '" + service + "'.");
        }
        ServerHttpRequest request = exchange.getRequest();
        String prefix = "/api/" + service;
        String path = request.getPath().pathWithinApplication().value().substring(prefix.length());
        String query = request.getURI().getRawQuery();
        URI target = URI.create(stripSlash(base.toString()) + path + (query == null ? "" : "?" + query));

        WebClient.RequestBodySpec call = client.method(request.getMethod())
                .uri(target)
                .attributes(ServerOAuth2AuthorizedClientExchangeFilterFunction.clientRegistrationId(registrationId))
                .attributes(ServerOAuth2AuthorizedClientExchangeFilterFunction.serverWebExchange(exchange))
                .headers(headers -> REQUEST_HEADERS.forEach(name -> {
                    List<String> values = request.getHeaders().get(name);
                    if (values != null) {
                        headers.put(name, values);
                    }
                }));
        if (hasBody(request)) {
            call.body(BodyInserters.fromDataBuffers(request.getBody()));
        }
        return call.exchangeToMono(answer -> relayAnswer(answer, response, prefix, base))
                .onErrorResume(
                        ClientAuthorizationException.class,
                        e -> exchange.getSession()
                                .flatMap(session -> session.invalidate())
                                .then(Problems.write(
                                        response,
                                        HttpStatus.UNAUTHORIZED,
                                        "The sign-in has expired and could not be renewed: sign in again.")))
                .onErrorResume(WebClientRequestException.class, e -> {
                    log.warn("{} is not reachable at {}: {}", service, base, e.getMessage());
                    return Problems.write(
                            response,
                            HttpStatus.BAD_GATEWAY,
                            "The " + service + " service cannot be reached just now; try again in a moment.");
                });
    }

    private static Mono<Void> relayAnswer(ClientResponse answer, ServerHttpResponse response, String prefix, URI base) {
        response.setStatusCode(answer.statusCode());
        HttpHeaders from = answer.headers().asHttpHeaders();
        RESPONSE_HEADERS.forEach(name -> {
            List<String> values = from.get(name);
            if (values != null) {
                response.getHeaders().put(name, values);
            }
        });
        LINK_HEADERS.forEach(name -> {
            List<String> values = from.get(name);
            if (values != null) {
                response.getHeaders()
                        .put(
                                name,
                                values.stream()
                                        .map(v -> relayed(v, prefix, base))
                                        .toList());
            }
        });
        Flux<DataBuffer> body = answer.bodyToFlux(DataBuffer.class);
        MediaType type = from.getContentType();
        if (type != null && MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type)) {
            // each event as it comes: no buffering, no compression
            return response.writeAndFlushWith(body.map(Flux::just));
        }
        return response.writeWith(body);
    }

    /**
     * A {@code Link} or {@code Location} value with the service's URLs as the relay's paths:
     * {@code </cases/mine?cursor=x>; rel="next"} → {@code </api/referral/cases/mine?cursor=x>; rel="next"}.
     */
    static String relayed(String value, String prefix, URI base) {
        if (!value.contains("<")) {
            return relayedUrl(value.trim(), prefix, base);
        }
        return LINK_TARGET
                .matcher(value)
                .replaceAll(link -> Matcher.quoteReplacement("<" + relayedUrl(link.group(1), prefix, base) + ">"));
    }

    private static final Pattern LINK_TARGET = Pattern.compile("<([^>]*)>");

    private static String relayedUrl(String url, String prefix, URI base) {
        String service = stripSlash(base.toString());
        if (url.startsWith(service + "/") || url.equals(service)) {
            return prefix + url.substring(service.length());
        }
        return url.startsWith("/") ? prefix + url : url;
    }

    private static boolean hasBody(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
