package org.zhengce.referral.web;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * An {@code If-Match} header: the versions (entity tags {@code "<version>"}) a change was made on. Absent or
 * {@code *}: any version. A tag that is not a version the thing has now does not match, so the change is refused
 * (412); weak tags ({@code W/"..."}) never match, as RFC 9110 says for {@code If-Match}.
 */
public record IfMatch(@Nullable List<String> tags) {

    public static final IfMatch ANY = new IfMatch(null);

    public static IfMatch of(@Nullable String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return ANY;
        }
        return new IfMatch(Arrays.stream(header.split(",")).map(String::trim).toList());
    }

    /** The entity tag of {@code version}: {@code "7"}. */
    public static String tag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Tags the answer with {@code ETag: "<version>"}, for a later {@code If-Match}. It is also {@code no-store}: what
     * the answer shows changes without a new version too (a note, a deadline passing), so it must never be revalidated
     * into a stale {@code 304}; that is also why the tag is set here rather than on a {@code ResponseEntity}, which
     * would answer {@code If-None-Match} with one.
     */
    public static void tag(ServerHttpResponse response, long version) {
        response.getHeaders().setETag(tag(version));
        response.getHeaders().setCacheControl(CacheControl.noStore());
    }

    /** True when no version was named, or {@code version} is one of them ({@code "7"}, or {@code 7} unquoted). */
    public boolean matches(long version) {
        return tags == null || tags.contains(tag(version)) || tags.contains(Long.toString(version));
    }
}
