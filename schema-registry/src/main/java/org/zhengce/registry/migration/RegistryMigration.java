package org.zhengce.registry.migration;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.zhengce.registry.migration.RegistryExport.SubjectExport;
import org.zhengce.registry.migration.RegistryExport.VersionExport;
import org.zhengce.registry.migration.RegistryRestClient.Answer;
import org.zhengce.registry.migration.RegistryRestClient.RegistryCredentials;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Export and import of a registry's subjects over Confluent's REST API (README, "Moving subjects between
 * registries"):
 *
 * <pre>
 * java -jar schema-registry-exec.jar export --from http://old:8081 --file subjects.json [--subject-prefix p]
 * java -jar schema-registry-exec.jar import --to http://new:8081 --file subjects.json
 * </pre>
 *
 * <p>Credentials come from the environment, never the command line: {@code REGISTRY_FROM_USER_INFO} or {@code
 * REGISTRY_FROM_BEARER_TOKEN} for the registry exported, {@code REGISTRY_TO_USER_INFO} or {@code
 * REGISTRY_TO_BEARER_TOKEN} for the one imported into.
 *
 * <p>An import puts the target in IMPORT mode, registers each version with its id and version number (one the target
 * already holds with the same id is left as it is, so a re-run changes nothing), soft-deletes what was soft-deleted,
 * sets the settings and modes, and puts the target back in the mode it had (READWRITE). A version the target holds
 * with another id, or an id the target gives another schema, stops the import with an error naming both.
 */
public final class RegistryMigration {

    private final JsonMapper json;

    public RegistryMigration() {
        this.json =
                JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    }

    /** What an import did. */
    public record ImportReport(int registered, int alreadyPresent, int softDeleted) {}

    /** The command: runs {@code args} and exits with its status (1 and the reason on standard error on failure). */
    public static void command(String[] args) {
        try {
            System.exit(new RegistryMigration().run(args, System.getenv(), System.out));
        } catch (MigrationException e) {
            System.err.println("schema-registry " + (args.length > 0 ? args[0] : "") + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs {@code export} or {@code import} as {@code args} say; returns the exit status. */
    int run(String[] args, Map<String, String> environment, PrintStream out) {
        Map<String, String> options = options(args);
        String command = args.length > 0 ? args[0] : "";
        Path file = Path.of(required(options, "file"));
        switch (command) {
            case "export" -> {
                RegistryRestClient source = client(required(options, "from"), environment, "REGISTRY_FROM_");
                RegistryExport export = exportFrom(source, options.getOrDefault("subject-prefix", ""));
                write(export, file);
                out.println("Exported " + export.subjects().size() + " subjects, " + export.versionCount()
                        + " versions from " + source.url() + " to " + file);
            }
            case "import" -> {
                RegistryRestClient target = client(required(options, "to"), environment, "REGISTRY_TO_");
                ImportReport report = importInto(target, read(file));
                out.println("Imported into " + target.url() + ": " + report.registered() + " versions registered, "
                        + report.alreadyPresent() + " already present, " + report.softDeleted() + " soft-deleted");
            }
            default -> throw new MigrationException("the first argument is export or import, not '" + command + "'");
        }
        return 0;
    }

    /** Every subject starting with {@code subjectPrefix}, soft-deleted ones and versions too, with settings and modes. */
    public RegistryExport exportFrom(RegistryRestClient source, String subjectPrefix) {
        List<SubjectExport> subjects = new ArrayList<>();
        for (JsonNode name : expectOk(
                        source.get("/subjects?deleted=true&subjectPrefix=" + RegistryRestClient.segment(subjectPrefix)),
                        "listing subjects")
                .body()) {
            subjects.add(exportSubject(source, name.asString()));
        }
        return new RegistryExport(
                RegistryExport.FORMAT, settings(source.get("/config")), mode(source.get("/mode")), subjects);
    }

    /** Replays {@code export} into {@code target}, keeping ids and version numbers. */
    public ImportReport importInto(RegistryRestClient target, RegistryExport export) {
        if (export.format() != RegistryExport.FORMAT) {
            throw new MigrationException("unknown export format " + export.format());
        }
        String modeBefore = mode(target.get("/mode"));
        String restored = modeBefore == null || modeBefore.equals("IMPORT") ? "READWRITE" : modeBefore;
        expectOk(
                target.put("/mode?force=true", Map.of("mode", "IMPORT")),
                "putting " + target.url() + " in IMPORT mode");
        int registered = 0;
        int present = 0;
        int deleted = 0;
        try {
            for (SubjectExport subject : export.subjects()) {
                for (VersionExport version : subject.versions()) {
                    if (alreadyPresent(target, subject.subject(), version)) {
                        present++;
                    } else {
                        register(target, subject.subject(), version);
                        registered++;
                    }
                }
            }
            for (SubjectExport subject : export.subjects()) {
                for (VersionExport version : subject.versions()) {
                    if (version.deleted() && softDelete(target, subject.subject(), version)) {
                        deleted++;
                    }
                }
                if (subject.config() != null) {
                    expectOk(
                            target.put(
                                    "/config/" + RegistryRestClient.segment(subject.subject()),
                                    update(subject.config())),
                            "setting the config of " + subject.subject());
                }
            }
            if (export.config() != null) {
                expectOk(target.put("/config", update(export.config())), "setting the global config");
            }
            for (SubjectExport subject : export.subjects()) {
                if (subject.mode() != null) {
                    expectOk(
                            target.put(
                                    "/mode/" + RegistryRestClient.segment(subject.subject()) + "?force=true",
                                    Map.of("mode", subject.mode())),
                            "setting the mode of " + subject.subject());
                }
            }
        } finally {
            expectOk(
                    target.put("/mode?force=true", Map.of("mode", restored)),
                    "putting " + target.url() + " back in " + restored + " mode");
        }
        return new ImportReport(registered, present, deleted);
    }

    public void write(RegistryExport export, Path file) {
        try {
            Files.write(file, json.writeValueAsBytes(export));
        } catch (IOException e) {
            throw new MigrationException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public RegistryExport read(Path file) {
        try {
            return json.readValue(Files.readAllBytes(file), RegistryExport.class);
        } catch (IOException e) {
            throw new MigrationException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A client of the registry at {@code url}, logging in with {@code <prefix>USER_INFO} or {@code BEARER_TOKEN}. */
    public RegistryRestClient client(String url, Map<String, String> environment, String prefix) {
        return new RegistryRestClient(
                url,
                new RegistryCredentials(
                        environment.get(prefix + "USER_INFO"), environment.get(prefix + "BEARER_TOKEN")),
                json);
    }

    /** A client of the registry at {@code url} as HTTP basic {@code userInfo} ({@code null}: anonymous). */
    public RegistryRestClient client(String url, @Nullable String userInfo) {
        return new RegistryRestClient(
                url, userInfo == null ? RegistryCredentials.NONE : new RegistryCredentials(userInfo, null), json);
    }

    private SubjectExport exportSubject(RegistryRestClient source, String subject) {
        String path = "/subjects/" + RegistryRestClient.segment(subject);
        Set<Integer> live = new LinkedHashSet<>();
        Answer liveVersions = source.get(path + "/versions");
        if (liveVersions.ok()) {
            liveVersions.body().forEach(number -> live.add(number.asInt()));
        }
        List<VersionExport> versions = new ArrayList<>();
        for (JsonNode number : expectOk(source.get(path + "/versions?deleted=true"), "listing versions of " + subject)
                .body()) {
            JsonNode version = expectOk(
                            source.get(path + "/versions/" + number.asInt() + "?deleted=true"),
                            "reading version " + number.asInt() + " of " + subject)
                    .body();
            versions.add(new VersionExport(
                    version.path("version").asInt(),
                    version.path("id").asInt(),
                    version.path("schema").asString(),
                    optionalText(version, "schemaType"),
                    optional(version, "references"),
                    optional(version, "metadata"),
                    optional(version, "ruleSet"),
                    !live.contains(number.asInt())));
        }
        return new SubjectExport(
                subject,
                settings(source.get("/config" + path.substring("/subjects".length()))),
                mode(source.get("/mode" + path.substring("/subjects".length()))),
                versions);
    }

    private boolean alreadyPresent(RegistryRestClient target, String subject, VersionExport version) {
        Answer existing = target.get("/subjects/" + RegistryRestClient.segment(subject) + "/versions/"
                + version.version() + "?deleted=true");
        if (existing.status() == 404) {
            return false;
        }
        expectOk(existing, "reading version " + version.version() + " of " + subject + " in the target");
        int id = existing.body().path("id").asInt();
        if (id != version.id()) {
            throw new MigrationException("the target already has version " + version.version() + " of subject "
                    + subject + " with id " + id + "; the export has id " + version.id()
                    + ": import into a registry without that subject, or delete it there first");
        }
        return true;
    }

    private void register(RegistryRestClient target, String subject, VersionExport version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schema", version.schema());
        putIfSet(body, "schemaType", version.schemaType());
        putIfSet(body, "references", version.references());
        putIfSet(body, "metadata", version.metadata());
        putIfSet(body, "ruleSet", version.ruleSet());
        body.put("id", version.id());
        body.put("version", version.version());
        Answer answer = target.post("/subjects/" + RegistryRestClient.segment(subject) + "/versions", body);
        if (!answer.ok() && answer.errorCode() == 42205 && answer.message().contains("id")) {
            throw new MigrationException("id " + version.id() + " (version " + version.version() + " of subject "
                    + subject + ") is held by another schema in the target (" + answer.errorCode() + " "
                    + answer.message() + "): the target's ids and the export's overlap; import into an empty registry");
        }
        expectOk(answer, "registering version " + version.version() + " of " + subject + " with id " + version.id());
        int given = answer.body().path("id").asInt();
        if (given != version.id()) {
            throw new MigrationException("the target gave version " + version.version() + " of " + subject + " id "
                    + given + " instead of " + version.id() + ": is it in IMPORT mode?");
        }
    }

    /** Soft-deletes a version deleted in the export; {@code false} when the target had it deleted already. */
    private static boolean softDelete(RegistryRestClient target, String subject, VersionExport version) {
        Answer answer =
                target.delete("/subjects/" + RegistryRestClient.segment(subject) + "/versions/" + version.version());
        if (answer.status() == 404 && answer.errorCode() == 40406) {
            return false;
        }
        expectOk(answer, "soft-deleting version " + version.version() + " of " + subject);
        return true;
    }

    /** A {@code GET /config} answer as a {@code PUT /config} body: the level is named {@code compatibility}. */
    private ObjectNode update(JsonNode config) {
        ObjectNode body = json.createObjectNode();
        for (Map.Entry<String, JsonNode> field : config.properties()) {
            body.set(field.getKey().equals("compatibilityLevel") ? "compatibility" : field.getKey(), field.getValue());
        }
        return body;
    }

    /** The settings of a {@code GET /config} answer; {@code null} for a subject without its own (40408). */
    private static @Nullable JsonNode settings(Answer answer) {
        if (answer.status() == 404) {
            return null;
        }
        return expectOk(answer, "reading settings").body();
    }

    private static @Nullable String mode(Answer answer) {
        if (answer.status() == 404) {
            return null;
        }
        return expectOk(answer, "reading a mode").body().path("mode").asString();
    }

    private static Answer expectOk(Answer answer, String doing) {
        if (!answer.ok()) {
            throw new MigrationException(doing + " failed: HTTP " + answer.status() + ", error_code "
                    + answer.errorCode() + ": " + answer.message());
        }
        return answer;
    }

    private static @Nullable JsonNode optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private static @Nullable String optionalText(JsonNode node, String field) {
        JsonNode value = optional(node, field);
        return value == null ? null : value.asString();
    }

    private static void putIfSet(Map<String, Object> body, String field, @Nullable Object value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new MigrationException("unexpected argument '" + arg + "'");
            }
            int equals = arg.indexOf('=');
            if (equals > 0) {
                options.put(arg.substring(2, equals), arg.substring(equals + 1));
            } else if (i + 1 < args.length) {
                options.put(arg.substring(2), args[++i]);
            } else {
                throw new MigrationException("option " + arg + " needs a value");
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new MigrationException("--" + name + " is required");
        }
        return value;
    }
}
