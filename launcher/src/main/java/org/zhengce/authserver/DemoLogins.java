package org.zhengce.authserver;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Who can sign in locally and with what: the demo users (one demo password for all, generated on the first run)
 * the console's client secret, and one client-credentials client per department ({@code dept-<code>}, its secret
 * generated on the first run).
 * Kept in {@code auth-server.properties} (owner-only) in the secrets directory, so they survive restarts; the
 * launcher prints them at start-up.
 */
@Component
public class DemoLogins {

    static final String FILE = "auth-server.properties";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<DemoUser> users;
    private final String password;
    private final String consoleSecret;
    private final Map<String, DepartmentClient> departments = new TreeMap<>();
    private final Path file;

    DemoLogins(AuthServerSettings settings) {
        this.users = List.copyOf(settings.users());
        this.file = settings.secretsDirectory().resolve(FILE);
        Properties secrets = read(file);
        boolean changed = false;
        if (secrets.getProperty("demo-password") == null) {
            secrets.setProperty("demo-password", random(9));
            changed = true;
        }
        this.password = secrets.getProperty("demo-password");
        String consoleKey = "client-secret." + settings.console().clientId();
        if (secrets.getProperty(consoleKey) == null) {
            secrets.setProperty(consoleKey, random(32));
            changed = true;
        }
        this.consoleSecret = secrets.getProperty(consoleKey);
        for (String code : settings.departments() == null ? List.<String>of() : settings.departments()) {
            String clientId = "dept-" + code.toLowerCase(Locale.ROOT).replace('_', '-');
            String key = "client-secret." + clientId;
            if (secrets.getProperty(key) == null) {
                secrets.setProperty(key, random(32));
                changed = true;
            }
            departments.put(clientId, new DepartmentClient(clientId, code, secrets.getProperty(key)));
        }
        if (changed) {
            StringWriter text = new StringWriter();
            try {
                secrets.store(
                        text,
                        "Local logins of the launcher's authorisation server; production uses the city's"
                                + " identity provider");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            SecretFiles.write(file, text.toString());
        }
    }

    /**
     * A department's client for intake (OAuth2 client credentials); its tokens carry the {@code department} claim.
     */
    public record DepartmentClient(String clientId, String department, String secret) {}

    public List<DemoUser> users() {
        return users;
    }

    Optional<DemoUser> user(String id) {
        return users.stream().filter(user -> user.id().equals(id)).findFirst();
    }

    /** The password every demo user signs in with. */
    public String password() {
        return password;
    }

    /** The console's client secret (its backend-for-frontend is a confidential client). */
    public String consoleSecret() {
        return consoleSecret;
    }

    public List<DepartmentClient> departments() {
        return List.copyOf(departments.values());
    }

    Optional<DepartmentClient> department(String clientId) {
        return Optional.ofNullable(departments.get(clientId));
    }

    /** Where the password and the client secrets are kept. */
    public Path file() {
        return file;
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try {
                properties.load(new StringReader(SecretFiles.read(file)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return properties;
    }

    private static String random(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
