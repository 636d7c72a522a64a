package org.zhengce.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.zhengce.authserver.DemoLogins;
import org.zhengce.embedded.EmbeddedKafka;
import org.zhengce.registry.EmbeddedSchemaRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole platform started from code, as the launcher starts it, on free ports in a directory of the caller's:
 * for tools that drive it from outside (the benchmark harness). Tokens come from the embedded authorisation server
 * as a user or a department would get them.
 */
public final class LocalPlatform implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();

    private LocalPlatform(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts everything in {@code data} on free ports; {@code extra} are more launcher arguments. */
    public static LocalPlatform start(Path data, boolean demoFeed, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--launcher.data-directory=" + data,
                "--launcher.kafka-port=0",
                "--launcher.registry-port=0",
                "--launcher.postgres-port=0",
                "--launcher.auth-server-port=0",
                "--launcher.first-service-port=0",
                "--launcher.demo-feed.enabled=" + demoFeed));
        args.addAll(List.of(extra));
        String[] array = args.toArray(String[]::new);
        return new LocalPlatform(Launcher.application(array).run(array));
    }

    /** {@code http://localhost:<port>} of a service, e.g. {@code intake-service}. */
    public String url(String service) {
        return context.getBean(PlatformServices.class).running().stream()
                .filter(running -> running.name().equals(service))
                .map(running -> "http://localhost:" + running.port())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + service));
    }

    /** The authorisation server's issuer ({@code http://localhost:<port>}). */
    public String issuer() {
        return context.getBean(AuthorisationServer.class).issuer();
    }

    /** The password every demo user signs in with. */
    public String demoPassword() {
        return context.getBean(AuthorisationServer.class).logins().password();
    }

    public String bootstrapServers() {
        return context.getBean(EmbeddedKafka.class).bootstrapServers();
    }

    public String registryUrl() {
        return context.getBean(EmbeddedSchemaRegistry.class).url();
    }

    /** The serde settings that reach the registry as its writer: its URL and {@code basic.auth.*}. */
    public Map<String, String> registryClientProperties() {
        return context.getBean(EmbeddedSchemaRegistry.class).clientProperties();
    }

    /** A demo user's access token (the development token endpoint, with the demo password). */
    public String userToken(String user) {
        AuthorisationServer auth = context.getBean(AuthorisationServer.class);
        return token(HttpRequest.newBuilder(URI.create(auth.issuer() + "/dev/token"))
                .header("Authorization", basic(user, auth.logins().password()))
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** A department's access token (its client-credentials client), e.g. for {@code HEALTH}. */
    public String departmentToken(String department) {
        AuthorisationServer auth = context.getBean(AuthorisationServer.class);
        DemoLogins.DepartmentClient client = auth.logins().departments().stream()
                .filter(c -> c.department().equals(department))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no client for department " + department));
        return token(HttpRequest.newBuilder(URI.create(auth.issuer() + "/oauth2/token"))
                .header("Authorization", basic(client.clientId(), client.secret()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
    }

    private String token(HttpRequest.Builder request) {
        try {
            HttpResponse<String> answer =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("no token: " + answer.statusCode() + " " + answer.body());
            }
            return JSON.readTree(answer.body()).get("access_token").asString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        context.close();
    }
}
