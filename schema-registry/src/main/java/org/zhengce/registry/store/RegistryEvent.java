package org.zhengce.registry.store;

import org.jspecify.annotations.Nullable;

/**
 * What the registry writes to its log. The whole state of the registry is the result of applying
 * these events in order; a {@code null} subject means the global setting.
 */
public sealed interface RegistryEvent {

    /** A subject version was written or rewritten (for example when it is soft-deleted). */
    record SchemaVersionSaved(SchemaVersion version) implements RegistryEvent {}

    /** A subject version was permanently deleted (a tombstone). */
    record SchemaVersionErased(String subject, int version) implements RegistryEvent {}

    /** Every version of a subject up to {@code upToVersion} was soft-deleted at once. */
    record SubjectSoftDeleted(String subject, int upToVersion) implements RegistryEvent {}

    /** The soft-delete marker of a subject is no longer needed: its versions are all erased. */
    record SoftDeleteMarkerErased(String subject) implements RegistryEvent {}

    /** The settings of a subject (or the global ones) were written, the compatibility level among them. */
    record CompatibilitySet(@Nullable String subject, SubjectConfig config) implements RegistryEvent {

        public CompatibilitySet(@Nullable String subject, String level) {
            this(subject, SubjectConfig.ofLevel(level));
        }
    }

    record CompatibilityCleared(@Nullable String subject) implements RegistryEvent {}

    record ModeSet(@Nullable String subject, String mode) implements RegistryEvent {}

    record ModeCleared(@Nullable String subject) implements RegistryEvent {}

    /**
     * The highest schema id ever handed out, written before ids may disappear (permanent deletes
     * and compaction) so that ids are never reused.
     */
    record MaxIdNoted(int maxId) implements RegistryEvent {}
}
