package org.zhengce.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.zhengce.console.ConsoleApplication;
import org.zhengce.embedded.EmbeddedDatabases;
import org.zhengce.embedded.EmbeddedKafka;
import org.zhengce.intake.IntakeApplication;
import org.zhengce.launcher.EmbeddedStack.DataDirectory;
import org.zhengce.notification.NotificationApplication;
import org.zhengce.referral.ReferralApplication;
import org.zhengce.registry.EmbeddedSchemaRegistry;
import org.zhengce.scoring.ScoringApplication;

/**
 * Runs every service with its own production code and configuration file, in this JVM, pointed at the
 * embedded stack and the embedded authorisation server through command-line properties (the highest precedence, as a deployment's
 * environment would be). Started after the embedded stack is up, stopped before it goes down.
 */
@Component
class PlatformServices implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PlatformServices.class);

    private final LauncherSettings settings;
    private final DataDirectory data;
    private final EmbeddedKafka kafka;
    private final EmbeddedSchemaRegistry registry;
    private final EmbeddedDatabases databases;
    private final LocalSecrets secrets;
    private final AuthorisationServer authorisationServer;
    private final ServicePorts ports;
    private final List<RunningService> running = new ArrayList<>();

    PlatformServices(
            LauncherSettings settings,
            DataDirectory data,
            EmbeddedKafka kafka,
            EmbeddedSchemaRegistry registry,
            EmbeddedDatabases databases,
            LocalSecrets secrets,
            AuthorisationServer authorisationServer,
            ServicePorts ports) {
        this.ports = ports;
        this.settings = settings;
        this.authorisationServer = authorisationServer;
        this.secrets = secrets;
        this.data = data;
        this.kafka = kafka;
        this.registry = registry;
        this.databases = databases;
    }

    /**
     * A service of the platform, as the launcher starts it.
     *
     * @param database its own database, or empty
     * @param openApi whether it serves an OpenAPI document and Swagger UI
     */
    record Service(String name, Supplier<SpringApplicationBuilder> application, String database, boolean openApi) {}

    /** A started service and the port its HTTP API listens on. */
    record RunningService(String name, int port, ConfigurableApplicationContext context) {}

    static List<Service> services() {
        return List.of(
                new Service(IntakeApplication.NAME, IntakeApplication::application, "intake", true),
                new Service(ScoringApplication.NAME, ScoringApplication::application, "scoring", true),
                new Service(ReferralApplication.NAME, ReferralApplication::application, "referral", true),
                new Service(NotificationApplication.NAME, NotificationApplication::application, "notification", true),
                // last: it calls the others
                new Service(ConsoleApplication.NAME, ConsoleApplication::application, "", false));
    }

    @Override
    public synchronized void start() {
        List<Service> services = services();
        for (int i = 0; i < services.size(); i++) {
            Service service = services.get(i);
            long started = System.nanoTime();
            ConfigurableApplicationContext context;
            try {
                context = service.application().get().run(arguments(service, ports.port(service.name())));
            } catch (RuntimeException notStarted) {
                throw new IllegalStateException(service.name() + " did not start", notStarted);
            }
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            running.add(new RunningService(service.name(), port, context));
            log.info("{} started on port {} in {} ms", service.name(), port, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private String[] arguments(Service service, int port) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", Integer.toString(port));
        // The authorisation server's Tomcat and Spring MVC share the classpath: the services stay reactive.
        properties.put("spring.main.web-application-type", "reactive");
        // One logging system for the JVM: the first application's name would label every later line.
        properties.put("logging.include-application-name", "false");
        if (service.name().equals(ConsoleApplication.NAME)) {
            properties.putAll(consoleProperties());
            return commandLine(properties);
        }
        ServiceProperties local = new ServiceProperties(
                authorisationServer.issuer(),
                kafka.bootstrapServers(),
                registry.clientProperties(),
                data.root(),
                db -> new ServiceProperties.DatabaseLogin(
                        databases.r2dbcUrl(db),
                        databases.jdbcUrl(db),
                        databases.runtimeUsername(db),
                        databases.runtimePassword(db),
                        databases.username(db),
                        databases.password(db)),
                secrets.intakeProperties());
        properties.putAll(local.of(service.name(), service.database()));
        return commandLine(properties);
    }

    /** The console signs users in at the embedded authorisation server and relays to the services started before. */
    private Map<String, String> consoleProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.security.oauth2.client.provider.platform.issuer-uri", authorisationServer.issuer());
        properties.put(
                "spring.security.oauth2.client.registration.console.client-secret",
                authorisationServer.logins().consoleSecret());
        properties.put("console.services.referral", ports.url(ReferralApplication.NAME));
        properties.put("console.services.notification", ports.url(NotificationApplication.NAME));
        properties.put("console.services.scoring", ports.url(ScoringApplication.NAME));
        properties.put("console.services.intake", ports.url(IntakeApplication.NAME));
        return properties;
    }

    private static String[] commandLine(Map<String, String> properties) {
        return properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }

    @Override
    public synchronized void stop() {
        for (int i = running.size() - 1; i >= 0; i--) {
            RunningService service = running.get(i);
            log.info("stopping {}", service.name());
            service.context().close();
        }
        running.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return !running.isEmpty();
    }

    /** After the authorisation server, before the demo feed. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 1;
    }

    synchronized List<RunningService> running() {
        return List.copyOf(running);
    }
}
