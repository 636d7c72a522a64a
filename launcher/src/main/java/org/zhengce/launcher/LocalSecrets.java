package org.zhengce.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import org.springframework.stereotype.Component;
import org.zhengce.launcher.EmbeddedStack.DataDirectory;
import org.zhengce.registry.EmbeddedSchemaRegistry;

/**
 * The secrets a local run needs and production takes from Kubernetes Secrets: intake's pseudonym key, the key that
 * seals rejected payloads, and a platform-admin API key ({@code <data>/secrets/intake.properties}); the schema
 * registry's writer password ({@code <data>/secrets/registry.properties}). Generated at random on the first run and
 * kept (owner-only), so pseudonyms and the registry's credentials stay stable across restarts; {@code --reset} deletes
 * them with the rest of the data.
 */
@Component
public final class LocalSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Properties secrets;
    private final Properties registry;
    private final Path file;
    private final Path registryFile;

    LocalSecrets(DataDirectory data) {
        this.file = data.resolve("secrets").resolve("intake.properties");
        this.registryFile = data.resolve("secrets").resolve("registry.properties");
        this.secrets = load(
                file,
                "Local secrets of the launcher's intake-service; production uses Kubernetes Secrets",
                "pseudonym-key",
                "sealing-key",
                "digest-key",
                "admin-api-key");
        this.registry = load(
                registryFile,
                "The local schema registry's writer (user " + EmbeddedSchemaRegistry.WRITER + ")",
                "writer-password");
    }

    /** The secrets kept in {@code file}, those of {@code names} missing generated and written back. */
    private static Properties load(Path file, String comment, String... names) {
        Properties secrets = new Properties();
        try {
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    secrets.load(in);
                }
            }
            boolean changed = false;
            for (String name : names) {
                if (secrets.getProperty(name) == null) {
                    byte[] random = new byte[32];
                    RANDOM.nextBytes(random);
                    secrets.setProperty(name, Base64.getEncoder().encodeToString(random));
                    changed = true;
                }
            }
            if (changed) {
                Files.createDirectories(file.getParent());
                try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    secrets.store(out, comment);
                }
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // the file system has no POSIX permissions (Windows): the data directory is the user's own
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
        return secrets;
    }

    /** The password of the schema registry's writer, {@link EmbeddedSchemaRegistry#WRITER}. */
    String registryPassword() {
        return registry.getProperty("writer-password");
    }

    Path registryFile() {
        return registryFile;
    }

    /** The secrets of a local run whose data lives in {@code dataDirectory}: read, or generated on the first run. */
    public static LocalSecrets in(Path dataDirectory) {
        return new LocalSecrets(new DataDirectory(dataDirectory));
    }

    /** The platform-admin API key for intake (X-API-Key), printed at start-up for the local user. */
    public String adminApiKey() {
        return secrets.getProperty("admin-api-key");
    }

    Path file() {
        return file;
    }

    /** Intake's properties for these secrets. */
    public Map<String, String> intakeProperties() {
        return Map.of(
                "intake.pseudonyms.keys.local1", secrets.getProperty("pseudonym-key"),
                "intake.pseudonyms.active-key-id", "local1",
                "intake.pipeline.sealing-keys.local1", secrets.getProperty("sealing-key"),
                "intake.pipeline.sealing-key-id", "local1",
                "intake.pipeline.digest-keys.local1", secrets.getProperty("digest-key"),
                "intake.pipeline.digest-key-id", "local1",
                "intake.admin.api-key-hash", sha256(adminApiKey()));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
