package org.zhengce.registry.subjects;

import java.util.Locale;
import java.util.Optional;

/** Whether a subject (or the whole registry) accepts new schemas. */
public enum Mode {
    /** Normal operation: schemas are registered with new ids after a compatibility check. */
    READWRITE,
    /** Nothing can be registered, deleted or reconfigured. */
    READONLY,
    /** Schemas are registered with the ids and versions given in the request, unchecked (migrations). */
    IMPORT;

    static Optional<Mode> forName(String name) {
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
