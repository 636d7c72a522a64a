package org.zhengce.schemas.catalogue;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long a topic keeps its records: a duration, or for ever.
 *
 * @param duration the time records are kept; empty when they are kept for ever
 */
public record Retention(Optional<Duration> duration) {

    private static final String INFINITE = "infinite";

    public Retention {
        duration.ifPresent(value -> {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("retention must be positive, found " + value);
            }
        });
    }

    /** Records are kept for ever (Kafka's {@code retention.ms=-1}). */
    public static Retention infinite() {
        return new Retention(Optional.empty());
    }

    /** Records are kept for {@code duration}. */
    public static Retention of(Duration duration) {
        return new Retention(Optional.of(duration));
    }

    /**
     * Reads the catalogue's notation: an ISO-8601 duration such as {@code P7D} or {@code PT12H}, or
     * {@code infinite}.
     *
     * @throws IllegalArgumentException when the text is neither
     */
    public static Retention parse(String text) {
        if (INFINITE.equals(text)) {
            return infinite();
        }
        try {
            return of(Duration.parse(text));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "retention must be an ISO-8601 duration such as P7D, or 'infinite', found '" + text + "'", e);
        }
    }

    /** Whether records are kept for ever. */
    public boolean isInfinite() {
        return duration.isEmpty();
    }

    /** Kafka's {@code retention.ms}: the duration in milliseconds, or -1 when records are kept for ever. */
    public long toMillis() {
        return duration.map(Duration::toMillis).orElse(-1L);
    }

    /** The catalogue's notation, as {@link #parse(String)} reads it. */
    @Override
    public String toString() {
        return duration.map(Retention::format).orElse(INFINITE);
    }

    private static String format(Duration duration) {
        return duration.toSeconds() % Duration.ofDays(1).toSeconds() == 0
                ? "P" + duration.toDays() + "D"
                : duration.toString();
    }
}
