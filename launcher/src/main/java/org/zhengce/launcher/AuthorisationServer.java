package org.zhengce.launcher;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.zhengce.authserver.AuthServerApplication;
import org.zhengce.authserver.DemoLogins;
import org.zhengce.console.ConsoleApplication;
import org.zhengce.launcher.EmbeddedStack.DataDirectory;

/**
 * The embedded authorisation server ({@link AuthServerApplication}), started after the broker, registry and
 * databases and before the services (whose APIs trust its tokens), stopped after them. Its signing key, demo password
 * and department client secrets live in {@code <data>/secrets/} and survive restarts.
 */
@Component
class AuthorisationServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuthorisationServer.class);

    /** Where springdoc's Swagger UI receives the authorization code. */
    static final String SWAGGER_UI_REDIRECT = "/swagger-ui/oauth2-redirect.html";

    private final LauncherSettings settings;
    private final DataDirectory data;
    private final ServicePorts ports;
    private volatile int port;
    private volatile ConfigurableApplicationContext context;

    AuthorisationServer(LauncherSettings settings, DataDirectory data, ServicePorts ports) {
        this.settings = settings;
        this.data = data;
        this.ports = ports;
    }

    @Override
    public synchronized void start() {
        long started = System.nanoTime();
        // Every token names the issuer, its port included, so the port is chosen before the server starts.
        port = settings.authServerPort() != 0 ? settings.authServerPort() : ServicePorts.freePort();
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--auth-server.issuer=" + issuer(),
                "--auth-server.secrets-directory=" + data.resolve("secrets"),
                "--auth-server.dev-token-endpoint=true",
                // one logging system for the JVM: its name would label every service's lines
                "--logging.include-application-name=false"));
        arguments.addAll(clientRedirects());
        context = AuthServerApplication.application().run(arguments.toArray(String[]::new));
        log.info(
                "{} started on port {} in {} ms",
                AuthServerApplication.NAME,
                port,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** The {@code iss} of its tokens; {@code <issuer>/.well-known/openid-configuration} describes it. */
    String issuer() {
        return "http://localhost:" + port;
    }

    String jwkSetUri() {
        return issuer() + "/oauth2/jwks";
    }

    DemoLogins logins() {
        return context.getBean(DemoLogins.class);
    }

    @Override
    public synchronized void stop() {
        if (context != null) {
            log.info("stopping {}", AuthServerApplication.NAME);
            context.close();
            context = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return context != null;
    }

    /** Before {@link PlatformServices} (the default phase): up first, down last. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 2;
    }

    /** The console's and the Swagger UI pages' redirect URIs, on the ports the services will listen on. */
    private List<String> clientRedirects() {
        int console = ports.port(ConsoleApplication.NAME);
        List<String> arguments = new ArrayList<>();
        List<String> hosts = List.of("localhost", "127.0.0.1");
        for (int i = 0; i < hosts.size(); i++) {
            String origin = "http://" + hosts.get(i) + ":" + console;
            arguments.add("--auth-server.console.redirect-uris[" + i + "]=" + origin + "/login/callback");
            arguments.add("--auth-server.console.post-logout-redirect-uris[" + i + "]=" + origin + "/");
        }
        int swagger = 0;
        for (PlatformServices.Service service : PlatformServices.services()) {
            if (service.openApi()) {
                arguments.add("--auth-server.swagger-ui.redirect-uris[" + swagger++ + "]=" + ports.url(service.name())
                        + SWAGGER_UI_REDIRECT);
            }
        }
        return arguments;
    }
}
