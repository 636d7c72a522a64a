package org.zhengce.registry.compatibility;

import java.util.Locale;
import java.util.Optional;

/**
 * Confluent's compatibility levels. BACKWARD: the new schema can read data written with the old
 * one; FORWARD: the old schema can read data written with the new one; FULL: both. Plain levels
 * check against the latest version only, transitive ones against every version that is not deleted.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** The level named {@code name}, ignoring case, as Confluent's registry accepts it. */
    public static Optional<CompatibilityLevel> forName(String name) {
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    boolean backward() {
        return backward;
    }

    boolean forward() {
        return forward;
    }

    boolean transitive() {
        return transitive;
    }
}
