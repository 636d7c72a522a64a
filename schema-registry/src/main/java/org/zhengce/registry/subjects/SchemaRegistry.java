package org.zhengce.registry.subjects;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.zhengce.registry.compatibility.AvroCompatibility;
import org.zhengce.registry.compatibility.CompatibilityLevel;
import org.zhengce.registry.compatibility.PreviousVersion;
import org.zhengce.registry.store.RegistryEvent;
import org.zhengce.registry.store.RegistryEvent.CompatibilityCleared;
import org.zhengce.registry.store.RegistryEvent.CompatibilitySet;
import org.zhengce.registry.store.RegistryEvent.MaxIdNoted;
import org.zhengce.registry.store.RegistryEvent.ModeCleared;
import org.zhengce.registry.store.RegistryEvent.ModeSet;
import org.zhengce.registry.store.RegistryEvent.SchemaVersionErased;
import org.zhengce.registry.store.RegistryEvent.SchemaVersionSaved;
import org.zhengce.registry.store.RegistryEvent.SoftDeleteMarkerErased;
import org.zhengce.registry.store.RegistryEvent.SubjectSoftDeleted;
import org.zhengce.registry.store.RegistryState;
import org.zhengce.registry.store.RegistryStore;
import org.zhengce.registry.store.SchemaVersion;

/**
 * The registry: subjects and their versions, global schema ids, compatibility levels and modes,
 * with the semantics and error codes of Confluent's Schema Registry.
 *
 * <p>Every change is decided under one lock against the store's current state and then appended
 * to the store, which returns once the change is visible; reads go to the state directly.
 */
public final class SchemaRegistry {

    private static final int LATEST = -1;

    private final RegistryStore store;
    private final CompatibilityLevel defaultCompatibility;
    private final AvroSchemas schemas = new AvroSchemas();
    private final Object writeLock = new Object();

    public SchemaRegistry(RegistryStore store, CompatibilityLevel defaultCompatibility) {
        this.store = store;
        this.defaultCompatibility = defaultCompatibility;
    }

    /**
     * Registers {@code request} under {@code subject} and returns its global id. A schema already
     * registered under the subject keeps its id and version; a schema known under another subject
     * keeps its id and gets a new version here.
     */
    public int register(String subject, SchemaRequest request) {
        AvroSchemas.Parsed parsed = schemas.parse(request);
        Optional<SchemaVersion> existing = find(subject, parsed.canonical(), false);
        if (existing.isPresent() && sameIdAsRequested(request, existing.get().id())) {
            return existing.get().id();
        }
        synchronized (writeLock) {
            Mode mode = modeInScope(subject);
            checkCanRegister(subject, request, mode);
            RegistryState state = state();
            List<SchemaVersion> versions = state.versions(subject);
            int id = request.id() != null && request.id() > 0
                    ? request.id()
                    : state.idOf(parsed.canonical()).orElse(-1);
            for (SchemaVersion version : versions) {
                if (!version.deleted() && version.id() == id && version.schema().equals(parsed.canonical())) {
                    return id;
                }
            }
            if (mode != Mode.IMPORT) {
                List<String> problems =
                        AvroCompatibility.check(compatibilityInScope(subject), parsed.schema(), previous(versions));
                if (!problems.isEmpty()) {
                    throw RegistryException.incompatible(subject, problems);
                }
            }
            if (id > 0) {
                checkIdHoldsSameSchema(state, id, parsed.canonical());
            } else {
                id = state.maxId() + 1;
            }
            int version = request.version() != null && request.version() > 0
                    ? request.version()
                    : versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
            List<RegistryEvent> events = new ArrayList<>();
            events.add(new SchemaVersionSaved(new SchemaVersion(subject, version, id, parsed.canonical(), false)));
            for (SchemaVersion old : versions) {
                if (old.deleted() && old.id() == id && old.version() < version) {
                    events.add(new SchemaVersionErased(subject, old.version()));
                }
            }
            store.append(events);
            return id;
        }
    }

    /** The version of {@code subject} that holds the schema of {@code request}. */
    public SchemaVersion lookup(String subject, SchemaRequest request, boolean deleted) {
        AvroSchemas.Parsed parsed = schemas.parse(request);
        return find(subject, parsed.canonical(), deleted)
                .orElseThrow(() -> hasVersions(subject, deleted)
                        ? RegistryException.schemaNotFound()
                        : RegistryException.subjectNotFound(subject));
    }

    /**
     * One version of {@code subject}; {@code version} is a number or {@code latest} (also
     * {@code -1}), and {@code latest} never returns a soft-deleted version.
     */
    public SchemaVersion version(String subject, String version, boolean deleted) {
        int number = parseVersion(version);
        Optional<SchemaVersion> found = number == LATEST
                ? latest(subject)
                : state().version(subject, number).filter(v -> deleted || !v.deleted());
        return found.orElseThrow(() -> hasVersions(subject, deleted)
                ? RegistryException.versionNotFound(number)
                : RegistryException.subjectNotFound(subject));
    }

    public List<Integer> versions(String subject, boolean deleted, boolean deletedOnly) {
        if (!hasVersions(subject, deleted || deletedOnly)) {
            throw RegistryException.subjectNotFound(subject);
        }
        Predicate<SchemaVersion> wanted = visibility(deleted, deletedOnly);
        return state().versions(subject).stream()
                .filter(wanted)
                .map(SchemaVersion::version)
                .toList();
    }

    public List<String> subjects(String prefix, boolean deleted, boolean deletedOnly) {
        Predicate<SchemaVersion> wanted = visibility(deleted, deletedOnly);
        RegistryState state = state();
        return state.subjects().stream()
                .filter(subject -> subject.startsWith(prefix))
                .filter(subject -> state.versions(subject).stream().anyMatch(wanted))
                .toList();
    }

    /** The schema with global id {@code id}; soft-deleted versions keep their ids resolvable. */
    public String schemaById(int id) {
        List<SchemaVersion> holders = state().versionsWithId(id);
        if (holders.isEmpty()) {
            throw RegistryException.schemaNotFound(id);
        }
        return holders.get(0).schema();
    }

    /** The subject versions that use schema id {@code id}. */
    public List<SchemaVersion> versionsById(int id, boolean deleted) {
        List<SchemaVersion> holders = state().versionsWithId(id);
        if (holders.isEmpty()) {
            throw RegistryException.schemaNotFound(id);
        }
        return holders.stream().filter(v -> deleted || !v.deleted()).toList();
    }

    /** The highest id handed out so far. */
    public int maxId() {
        return state().maxId();
    }

    /**
     * Soft-deletes every version of {@code subject} (and its subject-level compatibility and mode),
     * or, with {@code permanent}, erases a subject that was soft-deleted before. Returns the
     * versions deleted.
     */
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        synchronized (writeLock) {
            List<SchemaVersion> versions = state().versions(subject);
            if (versions.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            List<SchemaVersion> live =
                    versions.stream().filter(v -> !v.deleted()).toList();
            if (!permanent && live.isEmpty()) {
                throw RegistryException.subjectSoftDeleted(subject);
            }
            checkWritable(subject);
            List<RegistryEvent> events = new ArrayList<>();
            List<Integer> deleted;
            if (permanent) {
                if (!live.isEmpty()) {
                    throw RegistryException.subjectNotSoftDeleted(subject);
                }
                events.add(new MaxIdNoted(state().maxId()));
                versions.forEach(v -> events.add(new SchemaVersionErased(subject, v.version())));
                events.add(new SoftDeleteMarkerErased(subject));
                deleted = versions.stream().map(SchemaVersion::version).toList();
            } else {
                events.add(new SubjectSoftDeleted(
                        subject, live.get(live.size() - 1).version()));
                events.addAll(clearSubjectSettings(subject));
                deleted = live.stream().map(SchemaVersion::version).toList();
            }
            store.append(events);
            return deleted;
        }
    }

    /**
     * Soft-deletes one version, or with {@code permanent} erases a version that was soft-deleted
     * before. The schema id stays resolvable until no version holds it any more.
     */
    public int deleteVersion(String subject, String version, boolean permanent) {
        int number = parseVersion(version);
        synchronized (writeLock) {
            Optional<SchemaVersion> found = number == LATEST ? latest(subject) : state().version(subject, number);
            if (found.isPresent() && found.get().deleted() && !permanent) {
                throw RegistryException.versionSoftDeleted(subject, version);
            }
            SchemaVersion target = found.orElseThrow(() -> hasVersions(subject, true)
                    ? RegistryException.versionNotFound(number)
                    : RegistryException.subjectNotFound(subject));
            checkWritable(subject);
            List<RegistryEvent> events = new ArrayList<>();
            if (permanent) {
                if (!target.deleted()) {
                    throw RegistryException.versionNotSoftDeleted(subject, String.valueOf(target.version()));
                }
                events.add(new MaxIdNoted(state().maxId()));
                events.add(new SchemaVersionErased(subject, target.version()));
                if (state().versions(subject).size() == 1) {
                    events.add(new SoftDeleteMarkerErased(subject));
                }
            } else {
                events.add(new SchemaVersionSaved(target.markedDeleted()));
                boolean lastLive = state().versions(subject).stream()
                        .noneMatch(v -> !v.deleted() && v.version() != target.version());
                if (lastLive) {
                    events.addAll(clearSubjectSettings(subject));
                }
            }
            store.append(events);
            return target.version();
        }
    }

    /**
     * The problems that would stop {@code request} from being registered under {@code subject};
     * empty when compatible. With a {@code version} (number or {@code latest}) it is checked
     * against that version only, otherwise against the versions the subject's level asks for.
     */
    public List<String> checkCompatibility(String subject, @Nullable String version, SchemaRequest request) {
        List<SchemaVersion> previous;
        if (version == null) {
            previous = state().versions(subject);
        } else {
            int number = parseVersion(version);
            Optional<SchemaVersion> target = number == LATEST
                    ? latest(subject)
                    : state().version(subject, number).filter(v -> !v.deleted());
            if (target.isEmpty() && number != LATEST) {
                throw RegistryException.versionNotFound(number);
            }
            previous = target.map(List::of).orElse(List.of());
        }
        AvroSchemas.Parsed parsed = schemas.parse(request);
        return AvroCompatibility.check(compatibilityInScope(subject), parsed.schema(), previous(previous));
    }

    /**
     * The compatibility level of {@code subject}, or the global one for a {@code null} subject.
     * Without {@code defaultToGlobal} a subject without its own level is an error (40408).
     */
    public CompatibilityLevel compatibility(@Nullable String subject, boolean defaultToGlobal) {
        if (subject == null) {
            return globalCompatibility();
        }
        Optional<CompatibilityLevel> own = state().compatibility(subject).flatMap(CompatibilityLevel::forName);
        if (own.isPresent()) {
            return own.get();
        }
        if (defaultToGlobal) {
            return globalCompatibility();
        }
        throw RegistryException.compatibilityNotConfigured(subject);
    }

    public CompatibilityLevel setCompatibility(@Nullable String subject, @Nullable String level) {
        CompatibilityLevel parsed = Optional.ofNullable(level)
                .flatMap(CompatibilityLevel::forName)
                .orElseThrow(RegistryException::invalidCompatibility);
        synchronized (writeLock) {
            checkWritable(subject);
            store.append(List.of(new CompatibilitySet(subject, parsed.name())));
        }
        return parsed;
    }

    /** Removes a subject's own level (or resets the global one) and returns the level removed. */
    public CompatibilityLevel clearCompatibility(@Nullable String subject) {
        synchronized (writeLock) {
            CompatibilityLevel removed = subject == null
                    ? globalCompatibility()
                    : state().compatibility(subject)
                            .flatMap(CompatibilityLevel::forName)
                            .orElseThrow(() -> RegistryException.subjectNotFound(subject));
            checkWritable(subject);
            store.append(List.of(new CompatibilityCleared(subject)));
            return removed;
        }
    }

    /** The mode of {@code subject}, or the global one for a {@code null} subject. */
    public Mode mode(@Nullable String subject, boolean defaultToGlobal) {
        if (subject == null) {
            return globalMode();
        }
        Optional<Mode> own = state().mode(subject).flatMap(Mode::forName);
        if (own.isPresent()) {
            return own.get();
        }
        if (defaultToGlobal) {
            return globalMode();
        }
        throw RegistryException.modeNotConfigured(subject);
    }

    /**
     * Sets the mode of {@code subject} (or the global one). Switching to IMPORT while schemas exist
     * needs {@code force}.
     */
    public Mode setMode(@Nullable String subject, @Nullable String mode, boolean force) {
        Mode parsed = Optional.ofNullable(mode).flatMap(Mode::forName).orElseThrow(RegistryException::invalidMode);
        synchronized (writeLock) {
            if (parsed == Mode.IMPORT && !force && modeInScope(subject) != Mode.IMPORT) {
                boolean hasSchemas =
                        subject == null ? !subjects("", false, false).isEmpty() : hasVersions(subject, false);
                if (hasSchemas) {
                    throw RegistryException.notPermitted("Cannot import since found existing subjects");
                }
            }
            store.append(List.of(new ModeSet(subject, parsed.name())));
        }
        return parsed;
    }

    /** Removes a subject's own mode and returns it. */
    public Mode clearMode(String subject) {
        synchronized (writeLock) {
            Mode removed = state().mode(subject)
                    .flatMap(Mode::forName)
                    .orElseThrow(() -> RegistryException.subjectNotFound(subject));
            store.append(List.of(new ModeCleared(subject)));
            return removed;
        }
    }

    private RegistryState state() {
        return store.state();
    }

    private Optional<SchemaVersion> find(String subject, String canonical, boolean deleted) {
        return state().versions(subject).stream()
                .filter(v -> (deleted || !v.deleted()) && v.schema().equals(canonical))
                .max(Comparator.comparingInt(SchemaVersion::version));
    }

    private Optional<SchemaVersion> latest(String subject) {
        return state().versions(subject).stream()
                .filter(v -> !v.deleted())
                .max(Comparator.comparingInt(SchemaVersion::version));
    }

    private boolean hasVersions(String subject, boolean deleted) {
        return state().versions(subject).stream().anyMatch(v -> deleted || !v.deleted());
    }

    private List<PreviousVersion> previous(List<SchemaVersion> versions) {
        List<PreviousVersion> previous = new ArrayList<>();
        for (int i = versions.size() - 1; i >= 0; i--) {
            SchemaVersion version = versions.get(i);
            if (!version.deleted()) {
                previous.add(new PreviousVersion(version.version(), schemas.stored(version.schema())));
            }
        }
        return previous;
    }

    private CompatibilityLevel compatibilityInScope(String subject) {
        return compatibility(subject, true);
    }

    private CompatibilityLevel globalCompatibility() {
        return state().compatibility(null).flatMap(CompatibilityLevel::forName).orElse(defaultCompatibility);
    }

    private Mode modeInScope(@Nullable String subject) {
        return subject == null ? globalMode() : mode(subject, true);
    }

    private Mode globalMode() {
        return state().mode(null).flatMap(Mode::forName).orElse(Mode.READWRITE);
    }

    private void checkWritable(@Nullable String subject) {
        if (modeInScope(subject) == Mode.READONLY) {
            throw RegistryException.notPermitted(
                    subject == null
                            ? "The registry is in read-only mode"
                            : "Subject " + subject + " is in read-only mode");
        }
    }

    private void checkCanRegister(String subject, SchemaRequest request, Mode mode) {
        if (mode == Mode.READONLY) {
            throw RegistryException.notPermitted("Subject " + subject + " is in read-only mode");
        }
        if (request.importing() && mode != Mode.IMPORT) {
            throw RegistryException.notPermitted("Subject " + subject + " is not in import mode");
        }
        if (!request.importing() && mode != Mode.READWRITE) {
            throw RegistryException.notPermitted("Subject " + subject + " is not in read-write mode");
        }
    }

    private static void checkIdHoldsSameSchema(RegistryState state, int id, String canonical) {
        for (SchemaVersion holder : state.versionsWithId(id)) {
            if (!holder.schema().equals(canonical)) {
                throw RegistryException.notPermitted("Overwrite new schema with id " + id + " is not permitted.");
            }
        }
    }

    private List<RegistryEvent> clearSubjectSettings(String subject) {
        List<RegistryEvent> events = new ArrayList<>();
        if (state().compatibility(subject).isPresent()) {
            events.add(new CompatibilityCleared(subject));
        }
        if (state().mode(subject).isPresent()) {
            events.add(new ModeCleared(subject));
        }
        return events;
    }

    private static boolean sameIdAsRequested(SchemaRequest request, int id) {
        return request.id() == null || request.id() <= 0 || request.id() == id;
    }

    private static Predicate<SchemaVersion> visibility(boolean deleted, boolean deletedOnly) {
        if (deletedOnly) {
            return SchemaVersion::deleted;
        }
        return v -> deleted || !v.deleted();
    }

    private static int parseVersion(String version) {
        String trimmed = version.trim();
        if (trimmed.equalsIgnoreCase("latest")) {
            return LATEST;
        }
        int number;
        try {
            number = Integer.parseInt(trimmed);
        } catch (NumberFormatException e) {
            throw RegistryException.invalidVersion(version);
        }
        if (number <= 0 && number != LATEST) {
            throw RegistryException.invalidVersion(version);
        }
        return number;
    }
}
