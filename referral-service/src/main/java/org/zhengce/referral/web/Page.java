package org.zhengce.referral.web;

import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One page of a list: its items, and the cursor of the next page (null on the last). Answered as a JSON array; the
 * next page is in {@code Link: </same/path?same=query&cursor=...>; rel="next"}.
 */
public record Page<T>(List<T> items, @Nullable String next) {

    public Page {
        items = List.copyOf(items);
    }

    /** The same page position with other items (the same ones, shown otherwise). */
    public <U> Page<U> with(List<U> shown) {
        return new Page<>(shown, next);
    }

    /** The answer to {@code request}: 200, the items, and a {@code Link} to the next page when there is one. */
    public ResponseEntity<List<T>> response(ServerHttpRequest request) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (next != null) {
            answer.header(HttpHeaders.LINK, "<" + nextUri(request.getURI(), next) + ">; rel=\"next\"");
        }
        return answer.body(items);
    }

    /** The request's path and query (as sent, relative: a proxy in front keeps its own prefix) with the cursor. */
    static String nextUri(URI uri, String cursor) {
        UriComponentsBuilder next = UriComponentsBuilder.newInstance().path(uri.getRawPath());
        if (uri.getRawQuery() != null) {
            next.query(uri.getRawQuery());
        }
        return next.replaceQueryParam("cursor", cursor).build().toUriString();
    }
}
