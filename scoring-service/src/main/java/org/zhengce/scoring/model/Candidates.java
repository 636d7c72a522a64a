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

    /** Notes each instant of an array (in any order). */
    default void addAll(Instant[] instants) {
        for (Instant instant : instants) {
            add(instant);
        }
    }

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
        public @Nullable Instant earliest() {
            return all.isEmpty() ? null : all.first();
        }

        NavigableSet<Instant> all() {
            return all;
        }
    }
}
