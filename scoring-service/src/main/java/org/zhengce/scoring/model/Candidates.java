package org.zhengce.scoring.model;

import java.time.Instant;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The instants after an evaluation's at at which its outcome could change. Scoring needs only the earliest of them
 * ({@link Earliest}: one comparison an instant, nothing kept); the tests that compare the next change with the search
 * see them all ({@link All}).
 */
sealed interface Candidates {

    /** Notes an instant; one not after {@code at} is no candidate. */
    void add(Instant instant);

    /** Notes the instants of a sorted array that are after {@code at}. */
    void addAfter(Instant[] sorted);

    /** The earliest candidate after {@code at}, null when there is none. */
    @Nullable
    Instant earliest();

    /** Keeps the earliest only. */
    final class Earliest implements Candidates {
        private final Instant at;
        private @Nullable Instant earliest;

        Earliest(Instant at) {
            this.at = at;
        }

        @Override
        public void add(Instant instant) {
            if (instant.isAfter(at) && (earliest == null || instant.isBefore(earliest))) {
                earliest = instant;
            }
        }

        @Override
        public void addAfter(Instant[] sorted) {
            int first = firstAfter(sorted, at);
            if (first < sorted.length) {
                add(sorted[first]);
            }
        }

        @Override
        public @Nullable Instant earliest() {
            return earliest;
        }
    }

    /** Keeps every candidate, in order. */
    final class All implements Candidates {
        private final Instant at;
        private final TreeSet<Instant> all = new TreeSet<>();

        All(Instant at) {
            this.at = at;
        }

        @Override
        public void add(Instant instant) {
            if (instant.isAfter(at)) {
                all.add(instant);
            }
        }

        @Override
        public void addAfter(Instant[] sorted) {
            for (int i = firstAfter(sorted, at); i < sorted.length; i++) {
                all.add(sorted[i]);
            }
        }

        @Override
        public @Nullable Instant earliest() {
            return all.isEmpty() ? null : all.first();
        }

        NavigableSet<Instant> all() {
            return all;
        }
    }

    /** The index of the first instant after {@code at} in a sorted array (its length when none is). */
    static int firstAfter(Instant[] sorted, Instant at) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid].isAfter(at)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
