package org.zhengce.referral.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A page asked of a list endpoint: {@code limit} items (1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when not
 * given) after the position named by {@code cursor}, an opaque string the previous page's {@code Link} gave (absent:
 * the first page). The position is the sort key of the previous page's last item, so a page never repeats or skips
 * an item that stays in place while others come and go.
 */
public record PageRequest(int limit, @Nullable String cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final String SEPARATOR = "\u001f";

    /** The page the query parameters ask for; 400 naming {@code limit} outside 1..200 or not a number. */
    public static PageRequest of(@Nullable String limit, @Nullable String cursor) {
        int parsed = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                parsed = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                parsed = 0;
            }
            if (parsed < 1 || parsed > MAX_LIMIT) {
                throw RequestProblem.invalid(
                        "limit", "must be a whole number from 1 to " + MAX_LIMIT + ", not '" + limit + "'");
            }
        }
        return new PageRequest(parsed, cursor == null || cursor.isBlank() ? null : cursor.trim());
    }

    /** The first {@value #DEFAULT_LIMIT}. */
    public static PageRequest first() {
        return new PageRequest(DEFAULT_LIMIT, null);
    }

    /**
     * The position this page starts after, read by {@code reader} from the cursor's parts; null for the first page.
     * 400 naming {@code cursor} when it cannot be read (not one of ours, or made for another list).
     */
    public <K> @Nullable K after(Function<List<String>, K> reader) {
        if (cursor == null) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return reader.apply(List.of(decoded.split(SEPARATOR, -1)));
        } catch (RuntimeException e) {
            throw RequestProblem.invalid(
                    "cursor", "cannot be read; take it from the Link header, or leave it out for the first page");
        }
    }

    /** How many rows to fetch: one more than the page, which tells whether there is a next one. */
    public int fetch() {
        return limit + 1;
    }

    /**
     * The page of {@code fetched} (up to {@link #fetch} rows in the list's order), with a cursor after its last item
     * when more were fetched; {@code position} gives an item's sort key as the parts the cursor keeps.
     */
    public <T> Page<T> page(List<T> fetched, Function<T, List<String>> position) {
        if (fetched.size() <= limit) {
            return new Page<>(List.copyOf(fetched), null);
        }
        List<T> items = List.copyOf(fetched.subList(0, limit));
        String parts = String.join(SEPARATOR, position.apply(items.get(limit - 1)));
        return new Page<>(
                items, Base64.getUrlEncoder().withoutPadding().encodeToString(parts.getBytes(StandardCharsets.UTF_8)));
    }
}
