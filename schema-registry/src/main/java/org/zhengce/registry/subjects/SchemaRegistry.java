package org.zhengce.registry.subjects;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
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
import org.zhengce.registry.store.SubjectConfig;

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
     * Registers {@code request} under {@code subject} and returns the version holding it. The
     * version's data contract is the request's own (or, without one, the latest version's) laid
     * over the subject's {@code defaultMetadata}/{@code defaultRuleSet} and under its {@code
     * overrideMetadata}/{@code overrideRuleSet}. The same schema with the same contract already
     * registered under the subject keeps its id and version; one known under another subject keeps
     * its id and gets a new version here; a new contract makes a new version with a new id.
     */
    public SchemaVersion register(String subject, SchemaRequest request) {
        AvroSchemas.Parsed parsed = schemas.parse(request);
        synchronized (writeLock) {
            RegistryState state = state();
            List<SchemaVersion> versions = state.versions(subject);
            SubjectConfig config = configInScope(subject);
            Optional<SchemaVersion> latest = latest(subject);
            String metadata = DataContracts.mergeMetadata(
                    DataContracts.mergeMetadata(
                            config.defaultMetadata(),
                            request.metadata() != null
                                    ? request.metadata()
                                    : latest.map(SchemaVersion::metadata).orElse(null)),
                    config.overrideMetadata());
            String ruleSet = DataContracts.mergeRuleSet(
                    DataContracts.mergeRuleSet(
                            config.defaultRuleSet(),
                            request.ruleSet() != null
                                    ? request.ruleSet()
                                    : latest.map(SchemaVersion::ruleSet).orElse(null)),
                    config.overrideRuleSet());
            String identity = SchemaVersion.identity(parsed.canonical(), metadata, ruleSet);
            Optional<SchemaVersion> existing = versions.stream()
                    .filter(v -> !v.deleted() && v.identity().equals(identity))
                    .max(Comparator.comparingInt(SchemaVersion::version));
            if (existing.isPresent()
                    && sameIdAsRequested(request, existing.get().id())) {
                return existing.get();
            }
            Mode mode = modeInScope(subject);
            checkCanRegister(subject, request, mode);
            int id = request.id() != null && request.id() > 0
                    ? request.id()
                    : state.idOf(parsed.canonical(), metadata, ruleSet).orElse(-1);
            for (SchemaVersion version : versions) {
                if (!version.deleted()
                        && version.id() == id
                        && version.identity().equals(identity)) {
                    return version;
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
                checkIdHoldsSameSchema(state, id, identity);
            } else {
                id = state.maxId() + 1;
            }
            int number = request.version() != null && request.version() > 0
                    ? request.version()
                    : versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
            SchemaVersion registered =
                    new SchemaVersion(subject, number, id, parsed.canonical(), false, metadata, ruleSet);
            List<RegistryEvent> events = new ArrayList<>();
            events.add(new SchemaVersionSaved(registered));
            for (SchemaVersion old : versions) {
                if (old.deleted() && old.id() == id && old.version() < number) {
                    events.add(new SchemaVersionErased(subject, old.version()));
                }
            }
            store.append(events);
            return registered;
        }
    }

    /** The version of {@code subject} that holds the schema of {@code request}. */
    public SchemaVersion lookup(String subject, SchemaRequest request, boolean deleted) {
        AvroSchemas.Parsed parsed = schemas.parse(request);
        return state().versions(subject).stream()
                .filter(v -> (deleted || !v.deleted()) && v.schema().equals(parsed.canonical()))
                .filter(v -> request.metadata() == null || request.metadata().equals(v.metadata()))
                .filter(v -> request.ruleSet() == null || request.ruleSet().equals(v.ruleSet()))
                .max(Comparator.comparingInt(SchemaVersion::version))
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

    /**
     * Subject names starting with {@code prefix}: those with a live version, with {@code deleted}
     * also the soft-deleted ones, with {@code deletedOnly} only subjects whose every version is
     * soft-deleted (as Confluent's registry lists them).
     */
    public List<String> subjects(String prefix, boolean deleted, boolean deletedOnly) {
        RegistryState state = state();
        return state.subjects().stream()
                .filter(subject -> subject.startsWith(prefix))
                .filter(subject -> {
                    boolean softDeleted = state.versions(subject).stream().allMatch(SchemaVersion::deleted);
                    return deletedOnly ? softDeleted : deleted || !softDeleted;
                })
                .toList();
    }

    /**
     * The versions of the subjects starting with {@code prefix}, subject by subject in name order and
     * version by version (Confluent's {@code GET /schemas}): live ones, with {@code deleted} also the
     * soft-deleted ones; with {@code latestOnly} only each subject's highest of those.
     */
    public List<SchemaVersion> schemas(String prefix, boolean deleted, boolean latestOnly) {
        RegistryState state = state();
        List<SchemaVersion> found = new ArrayList<>();
        for (String subject : state.subjects()) {
            if (!subject.startsWith(prefix)) {
                continue;
            }
            List<SchemaVersion> visible = state.versions(subject).stream()
                    .filter(v -> deleted || !v.deleted())
                    .toList();
            if (latestOnly && !visible.isEmpty()) {
                found.add(visible.get(visible.size() - 1));
            } else if (!latestOnly) {
                found.addAll(visible);
            }
        }
        return found;
    }

    /** The schema with global id {@code id}; soft-deleted versions keep their ids resolvable. */
    public String schemaById(int id) {
        List<SchemaVersion> holders = state().versionsWithId(id);
        if (holders.isEmpty()) {
            throw RegistryException.schemaNotFound(id);
        }
        return holders.get(0).schema();
    }

    /**
     * The latest version of {@code subject} whose metadata has every property of {@code
     * properties} (Confluent's {@code GET /subjects/{subject}/metadata}).
     */
    public SchemaVersion latestWithMetadata(String subject, Map<String, String> properties, boolean deleted) {
        if (!hasVersions(subject, deleted)) {
            throw RegistryException.subjectNotFound(subject);
        }
        return state().versions(subject).stream()
                .filter(v -> deleted || !v.deleted())
                .filter(v -> DataContracts.hasProperties(v.metadata(), properties))
                .max(Comparator.comparingInt(SchemaVersion::version))
                .orElseThrow(RegistryException::schemaNotFound);
    }

    /** A version holding the schema with global id {@code id}: its schema and data contract. */
    public SchemaVersion schemaVersionById(int id) {
        List<SchemaVersion> holders = state().versionsWithId(id);
        if (holders.isEmpty()) {
            throw RegistryException.schemaNotFound(id);
        }
        return holders.get(0);
    }

    /** A version holding the schema with GUID {@code guid}. */
    public SchemaVersion schemaVersionByGuid(String guid) {
        return schemaVersionById(state().idOfGuid(guid).orElseThrow(RegistryException::schemaNotFound));
    }

    /** The subject versions that use schema id {@code id}. */
    public List<SchemaVersion> versionsById(int id, boolean deleted) {
        List<SchemaVersion> holders = state().versionsWithId(id);
        if (holders.isEmpty()) {
            throw RegistryException.schemaNotFound(id);
        }
        return holders.stream().filter(v -> deleted || !v.deleted()).toList();
    }

    /**
     * The contexts in use: the default context {@code "."} and every {@code .name} of a subject
     * named {@code :.name:subject}. A context is a namespace of subject names here.
     */
    public List<String> contexts() {
        TreeSet<String> contexts = new TreeSet<>(List.of("."));
        for (String subject : state().subjects()) {
            contexts.add(contextOf(subject));
        }
        return List.copyOf(contexts);
    }

    /**
     * Deletes context {@code context} ({@code .name}, {@code name} or {@code :.name:}), as Confluent Platform 8.0.1
     * and later do for {@code DELETE /contexts/{context}}: refused with 42211 while a subject of the context remains,
     * soft-deleted ones included (delete them permanently first); otherwise done, an unknown context included. A
     * context here is only a namespace of subject names, so nothing is written: it leaves {@link #contexts()} with
     * its last subject.
     */
    public void deleteContext(String context) {
        String name = contextName(context);
        synchronized (writeLock) {
            boolean held = state().subjects().stream().anyMatch(subject -> name.equals(contextOf(subject)));
            if (held) {
                throw RegistryException.contextNotEmpty(":" + name + ":");
            }
        }
    }

    /** {@code .name} of a context given as {@code .name}, {@code name} or {@code :.name:}; {@code .} the default. */
    private static String contextName(String context) {
        String name = context.strip();
        if (name.startsWith(":")) {
            name = name.substring(1);
        }
        if (name.endsWith(":")) {
            name = name.substring(0, name.length() - 1);
        }
        return name.startsWith(".") ? name : "." + name;
    }

    /** The context of {@code subject}: {@code .name} of {@code :.name:subject}, else the default {@code .}. */
    private static String contextOf(String subject) {
        int end = subject.indexOf(':', 1);
        return subject.startsWith(":.") && end > 2 ? subject.substring(1, end) : ".";
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

    /**
     * The settings of {@code subject} (the global ones for {@code null}): the compatibility level
     * in force and every other field that was set. Without {@code defaultToGlobal} a subject
     * without its own settings is an error (40408).
     */
    public SubjectConfig config(@Nullable String subject, boolean defaultToGlobal) {
        SubjectConfig global = state().config(null).orElse(SubjectConfig.NONE);
        if (subject == null) {
            return global.updatedWith(
                    SubjectConfig.ofLevel(globalCompatibility().name()));
        }
        Optional<SubjectConfig> own = state().config(subject);
        if (own.isEmpty() && !defaultToGlobal) {
            throw RegistryException.compatibilityNotConfigured(subject);
        }
        if (!defaultToGlobal) {
            return own.orElseThrow();
        }
        return global.updatedWith(own.orElse(SubjectConfig.NONE))
                .updatedWith(SubjectConfig.ofLevel(compatibility(subject, true).name()));
    }

    /**
     * Changes the fields of the settings of {@code subject} (the global ones for {@code null})
     * that {@code update} sets, keeping the others, as Confluent's {@code PUT /config} does.
     *
     * @throws RegistryException 42203 for an unknown level or an update that sets nothing
     */
    public SubjectConfig updateConfig(@Nullable String subject, SubjectConfig update) {
        if (update.equals(SubjectConfig.NONE)
                || (update.compatibilityLevel() != null
                        && CompatibilityLevel.forName(update.compatibilityLevel())
                                .isEmpty())) {
            throw RegistryException.invalidCompatibility();
        }
        SubjectConfig normalised = update.compatibilityLevel() == null
                ? update
                : update.updatedWith(SubjectConfig.ofLevel(CompatibilityLevel.forName(update.compatibilityLevel())
                        .orElseThrow()
                        .name()));
        synchronized (writeLock) {
            checkWritable(subject);
            SubjectConfig stored =
                    state().config(subject).orElse(SubjectConfig.NONE).updatedWith(normalised);
            store.append(List.of(new CompatibilitySet(subject, stored)));
        }
        return normalised;
    }

    /** Removes a subject's own level (or resets the global one) and returns the level removed. */
    public CompatibilityLevel clearCompatibility(@Nullable String subject) {
        synchronized (writeLock) {
            CompatibilityLevel removed = subject == null
                    ? globalCompatibility()
                    : state().config(subject)
                            .map(own -> Optional.ofNullable(own.compatibilityLevel())
                                    .flatMap(CompatibilityLevel::forName)
                                    .orElseGet(this::globalCompatibility))
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

    private SubjectConfig configInScope(String subject) {
        return state().config(null)
                .orElse(SubjectConfig.NONE)
                .updatedWith(state().config(subject).orElse(SubjectConfig.NONE));
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

    private static void checkIdHoldsSameSchema(RegistryState state, int id, String identity) {
        for (SchemaVersion holder : state.versionsWithId(id)) {
            if (!holder.identity().equals(identity)) {
                throw RegistryException.notPermitted("Overwrite new schema with id " + id + " is not permitted.");
            }
        }
    }

    private List<RegistryEvent> clearSubjectSettings(String subject) {
        List<RegistryEvent> events = new ArrayList<>();
        if (state().config(subject).isPresent()) {
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
