package org.zhengce.registry.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.zhengce.registry.store.RegistryEvent.CompatibilityCleared;
import org.zhengce.registry.store.RegistryEvent.CompatibilitySet;
import org.zhengce.registry.store.RegistryEvent.MaxIdNoted;
import org.zhengce.registry.store.RegistryEvent.ModeCleared;
import org.zhengce.registry.store.RegistryEvent.ModeSet;
import org.zhengce.registry.store.RegistryEvent.SchemaVersionErased;
import org.zhengce.registry.store.RegistryEvent.SchemaVersionSaved;
import org.zhengce.registry.store.RegistryEvent.SubjectSoftDeleted;

/**
 * The registry's state in memory: subjects and their versions, the id index, compatibility levels
 * and modes. Built only by {@link #apply} from the store's events; everything else reads.
 */
public final class RegistryState {

    private static final Comparator<SchemaVersion> BY_SUBJECT_AND_VERSION =
            Comparator.comparing(SchemaVersion::subject).thenComparingInt(SchemaVersion::version);

    private final Map<String, TreeMap<Integer, SchemaVersion>> subjects = new TreeMap<>();
    private final Map<Integer, TreeSet<SchemaVersion>> versionsById = new HashMap<>();
    private final Map<String, Integer> idBySchema = new HashMap<>();
    private final Map<String, Integer> idByGuid = new HashMap<>();
    private final Map<String, SubjectConfig> subjectConfigs = new HashMap<>();
    private final Map<String, String> subjectModes = new HashMap<>();
    private @Nullable SubjectConfig globalConfig;
    private @Nullable String globalMode;
    private int maxId;

    synchronized void apply(RegistryEvent event) {
        if (event instanceof SchemaVersionSaved saved) {
            save(saved.version());
        } else if (event instanceof SchemaVersionErased erased) {
            erase(erased.subject(), erased.version());
        } else if (event instanceof SubjectSoftDeleted deleted) {
            softDelete(deleted.subject(), deleted.upToVersion());
        } else if (event instanceof CompatibilitySet set) {
            if (set.subject() == null) {
                globalConfig = set.config();
            } else {
                subjectConfigs.put(set.subject(), set.config());
            }
        } else if (event instanceof CompatibilityCleared cleared) {
            if (cleared.subject() == null) {
                globalConfig = null;
            } else {
                subjectConfigs.remove(cleared.subject());
            }
        } else if (event instanceof ModeSet set) {
            if (set.subject() == null) {
                globalMode = set.mode();
            } else {
                subjectModes.put(set.subject(), set.mode());
            }
        } else if (event instanceof ModeCleared cleared) {
            if (cleared.subject() == null) {
                globalMode = null;
            } else {
                subjectModes.remove(cleared.subject());
            }
        } else if (event instanceof MaxIdNoted noted) {
            maxId = Math.max(maxId, noted.maxId());
        }
    }

    /** Every version of {@code subject}, soft-deleted ones included, oldest first. */
    public synchronized List<SchemaVersion> versions(String subject) {
        TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
        return versions == null ? List.of() : List.copyOf(versions.values());
    }

    public synchronized Optional<SchemaVersion> version(String subject, int version) {
        TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    /** Subjects with at least one version, soft-deleted or not, in name order. */
    public synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    /** The id of a schema (canonical form) without data contract still held by a subject version. */
    public OptionalInt idOf(String schema) {
        return idOf(schema, null, null);
    }

    /** The id of a schema with its data contract, still held by at least one subject version. */
    public synchronized OptionalInt idOf(String schema, @Nullable String metadata, @Nullable String ruleSet) {
        Integer id = idBySchema.get(SchemaVersion.identity(schema, metadata, ruleSet));
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The id of the schema with GUID {@code guid}. */
    public synchronized OptionalInt idOfGuid(String guid) {
        Integer id = idByGuid.get(guid);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The subject versions, soft-deleted ones included, that carry schema id {@code id}. */
    public synchronized List<SchemaVersion> versionsWithId(int id) {
        TreeSet<SchemaVersion> versions = versionsById.get(id);
        return versions == null ? List.of() : new ArrayList<>(versions);
    }

    public synchronized Optional<String> compatibility(@Nullable String subject) {
        return config(subject).map(SubjectConfig::compatibilityLevel);
    }

    /** The settings of {@code subject} (the global ones for {@code null}), if any were written. */
    public synchronized Optional<SubjectConfig> config(@Nullable String subject) {
        return Optional.ofNullable(subject == null ? globalConfig : subjectConfigs.get(subject));
    }

    public synchronized Optional<String> mode(@Nullable String subject) {
        return Optional.ofNullable(subject == null ? globalMode : subjectModes.get(subject));
    }

    /** The highest schema id ever seen, including ids whose versions were permanently deleted. */
    public synchronized int maxId() {
        return maxId;
    }

    private void save(SchemaVersion version) {
        unindex(version.subject(), version.version());
        subjects.computeIfAbsent(version.subject(), subject -> new TreeMap<>()).put(version.version(), version);
        versionsById
                .computeIfAbsent(version.id(), id -> new TreeSet<>(BY_SUBJECT_AND_VERSION))
                .add(version);
        idBySchema.merge(version.identity(), version.id(), Math::min);
        idByGuid.merge(version.guid(), version.id(), Math::min);
        maxId = Math.max(maxId, version.id());
    }

    private void erase(String subject, int version) {
        unindex(subject, version);
        TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
        if (versions != null) {
            versions.remove(version);
            if (versions.isEmpty()) {
                subjects.remove(subject);
            }
        }
    }

    private void softDelete(String subject, int upToVersion) {
        for (SchemaVersion version : versions(subject)) {
            if (version.version() <= upToVersion && !version.deleted()) {
                save(version.markedDeleted());
            }
        }
    }

    private void unindex(String subject, int version) {
        TreeMap<Integer, SchemaVersion> versions = subjects.get(subject);
        SchemaVersion previous = versions == null ? null : versions.get(version);
        if (previous == null) {
            return;
        }
        TreeSet<SchemaVersion> sameId = versionsById.get(previous.id());
        if (sameId != null) {
            sameId.remove(previous);
            if (sameId.isEmpty()) {
                versionsById.remove(previous.id());
                idBySchema.remove(previous.identity(), previous.id());
                idByGuid.remove(previous.guid(), previous.id());
            }
        }
    }
}
