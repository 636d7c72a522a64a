package org.zhengce.scoring.audit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.server.ServerWebExchange;
import org.zhengce.kit.audit.AuditedRequests;
import org.zhengce.kit.crypto.KeyedHash;

/**
 * Questions one instance of scoring forwards to another on a caller's behalf (a household the other holds, its part
 * of a report): audited once, where the caller asked. The forwarding instance signs each question in the
 * {@value #SIGNATURE} header: a keyed hash, under the secret the instances share ({@code scoring.audit.peer-secret}),
 * of when it was sent, the method, path and query and the caller's {@code Authorization}; the instance asked
 * recognises a valid, recent signature and leaves the question unaudited. Nothing a caller can send imitates it
 * ({@code ?local=true} alone is audited like any question). Without a secret nothing is recognised: a forwarded
 * question is audited by both instances.
 *
 * <p>The instance asked tells the forwarding one, in the {@value #COMMUNITY} header of its answer to a recognised
 * question only, the household's community, so the audit names it where the caller asked.
 */
public final class ForwardedQueries {

    /** The signature of a forwarded question: {@code <epoch seconds>.<Base64url tag>}. */
    public static final String SIGNATURE = "Scoring-Forwarded";

    /** The household's community, in the answer to a forwarded question. */
    public static final String COMMUNITY = "Scoring-Household-Community";

    private static final String RECOGNISED = ForwardedQueries.class.getName() + ".recognised";

    private final @Nullable KeyedHash peers;
    private final Duration within;
    private final Clock clock;

    ForwardedQueries(@Nullable KeyedHash peers, Duration within, Clock clock) {
        this.peers = peers;
        this.within = within;
        this.clock = clock;
    }

    /** Signs every question the peers' client sends (nothing without a secret). */
    public ExchangeFilterFunction signing() {
        return (request, next) -> {
            if (peers == null) {
                return next.exchange(request);
            }
            long at = clock.instant().getEpochSecond();
            String tag = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(peers.hash(canonical(
                                    at,
                                    request.method(),
                                    request.url(),
                                    request.headers().getFirst(HttpHeaders.AUTHORIZATION)))
                            .bytes());
            return next.exchange(ClientRequest.from(request)
                    .headers(headers -> headers.set(SIGNATURE, at + "." + tag))
                    .build());
        };
    }

    /** Whether {@code exchange} is a question another instance forwarded, validly signed and recent. */
    public boolean isForwarded(ServerWebExchange exchange) {
        Object known = exchange.getAttributes().get(RECOGNISED);
        if (known instanceof Boolean recognised) {
            return recognised;
        }
        boolean recognised = recognise(exchange);
        exchange.getAttributes().put(RECOGNISED, recognised);
        return recognised;
    }

    /**
     * Names the community of the household {@code exchange}'s answer is about, for its audit; on a forwarded
     * question, for the audit of the instance that forwarded it.
     */
    public void concerning(ServerWebExchange exchange, @Nullable String community) {
        if (community == null) {
            return;
        }
        AuditedRequests.concerning(exchange, community);
        if (isForwarded(exchange)) {
            exchange.getResponse().getHeaders().set(COMMUNITY, community);
        }
    }

    /** Names, for the audit of {@code exchange}, the community the instance that answered it named, if any. */
    public void concerningAnswer(ServerWebExchange exchange, HttpHeaders answer) {
        String community = answer.getFirst(COMMUNITY);
        if (community != null && !community.isBlank()) {
            AuditedRequests.concerning(exchange, community);
        }
    }

    private boolean recognise(ServerWebExchange exchange) {
        String signature = exchange.getRequest().getHeaders().getFirst(SIGNATURE);
        if (peers == null || signature == null) {
            return false;
        }
        int dot = signature.indexOf('.');
        if (dot < 1) {
            return false;
        }
        long at;
        byte[] tag;
        try {
            at = Long.parseLong(signature.substring(0, dot));
            tag = Base64.getUrlDecoder().decode(signature.substring(dot + 1));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - at) > within.toSeconds()) {
            return false;
        }
        return peers.verify(
                new KeyedHash.Tag(peers.activeKeyId(), tag),
                canonical(
                        at,
                        exchange.getRequest().getMethod(),
                        exchange.getRequest().getURI(),
                        exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION)));
    }

    private static byte[] canonical(long at, HttpMethod method, URI uri, @Nullable String authorization) {
        String query = uri.getRawQuery();
        return (at + "\n" + method.name() + "\n" + uri.getRawPath() + "\n" + (query == null ? "" : query) + "\n"
                        + (authorization == null ? "" : authorization))
                .getBytes(StandardCharsets.UTF_8);
    }
}
