package org.zhengce.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.zhengce.authserver.AuthServerApplication;
import org.zhengce.authserver.DemoLogins;
import org.zhengce.launcher.EmbeddedStack.DataDirectory;

/**
 * The embedded authorisation server ({@link AuthServerApplication}), started after the broker, registry and
 * databases and before the services (whose APIs trust its tokens), stopped after them. Its signing key, demo password
 * and department client secrets live in {@code <data>/secrets/} and survive restarts.
 */
@Component
class AuthorisationServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuthorisationServer.class);

    private final LauncherSettings settings;
    private final DataDirectory data;
    private volatile int port;
    private volatile ConfigurableApplicationContext context;

    AuthorisationServer(LauncherSettings settings, DataDirectory data) {
        this.settings = settings;
        this.data = data;
    }

    @Override
    public synchronized void start() {
        long started = System.nanoTime();
        // Every token names the issuer, its port included, so the port is chosen before the server starts.
        port = settings.authServerPort() != 0 ? settings.authServerPort() : freePort();
        context = AuthServerApplication.application()
                .run(
                        "--server.port=" + port,
                        "--auth-server.issuer=" + issuer(),
                        "--auth-server.secrets-directory=" + data.resolve("secrets"),
                        "--auth-server.dev-token-endpoint=true",
                        // one logging system for the JVM: its name would label every service's lines
                        "--logging.include-application-name=false");
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port for the authorisation server", e);
        }
    }
}
