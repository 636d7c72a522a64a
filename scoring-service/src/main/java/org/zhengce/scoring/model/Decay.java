package org.zhengce.scoring.model;

/**
 * How a fact's points fade with its age: not at all, linearly to zero at the end of its window, or halving every
 * half-life. Points are whole numbers, rounded half up; they never grow with age.
 */
sealed interface Decay {

    Decay NONE = new None();

    /** The points a fact of {@code base} points gives at an age, in milliseconds, within a window of that length. */
    int points(int base, long ageMillis, long windowMillis);

    /** An age (ms) at which a fact of {@code base} points surely gives none, for decays without a window. */
    long horizon(int base);

    record None() implements Decay {
        @Override
        public int points(int base, long ageMillis, long windowMillis) {
            return base;
        }

        @Override
        public long horizon(int base) {
            return Long.MAX_VALUE;
        }
    }

    /** {@code round(base × (window − age) / window)}. */
    record Linear() implements Decay {
        @Override
        public int points(int base, long ageMillis, long windowMillis) {
            long remaining = Math.max(0, windowMillis - Math.max(0, ageMillis));
            return (int) ((2L * base * remaining + windowMillis) / (2L * windowMillis));
        }

        @Override
        public long horizon(int base) {
            return Long.MAX_VALUE;
        }
    }

    /** {@code round(base × 0.5^(age / halfLife))}. */
    record HalfLife(long halfLifeMillis) implements Decay {
        @Override
        public int points(int base, long ageMillis, long windowMillis) {
            return (int) Math.round(base * StrictMath.pow(0.5, (double) Math.max(0, ageMillis) / halfLifeMillis));
        }

        @Override
        public long horizon(int base) {
            // after 64 half-lives any int has rounded to zero
            return halfLifeMillis * 64;
        }
    }
}
