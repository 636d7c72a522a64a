package org.zhengce.faults.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.zhengce.authserver.AuthServerApplication;
import org.zhengce.embedded.EmbeddedDatabases;
import org.zhengce.embedded.FreePorts;
import org.zhengce.launcher.LocalSecrets;
import org.zhengce.launcher.ServiceProperties;
import org.zhengce.registry.EmbeddedSchemaRegistry;
import org.zhengce.schemas.catalogue.Topic;
import org.zhengce.schemas.catalogue.TopicCatalogue;

/**
 * The platform as production runs it: the broker and PostgreSQL each in a process of their own on a fixed port and
 * data directory, each service in its own JVM from its Spring Boot jar ({@code <module>/target/*-exec.jar}) with the
 * properties the launcher gives it ({@link ServiceProperties}); the schema registry and the authorisation server, which
 * the suite does not kill, in this JVM. Every process's output goes to {@code <run>/logs/<name>.log}.
 */
public final class Platform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Platform.class);

    /**
     * Each service's JVM: its heap, and the client JIT and serial collector, which start a service in far less CPU
     * on two shared cores (the services' behaviour does not depend on either).
     */
    private static final List<String> SERVICE_JVM = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** How often a component may end on its own (its start failed, say) before the run gives up. */
    private static final int MAX_EXITS = 3;

    private static final List<Component> SERVICES =
            List.of(Component.INTAKE, Component.SCORING, Component.REFERRAL, Component.NOTIFICATION);

    private final Path repository;
    private final Path logs;
    private final Path data;
    private final int kafkaPort = freePort();
    private final int postgresPort = freePort();
    private final Map<Component, Integer> servicePorts = new EnumMap<>(Component.class);
    private final Map<Component, ChildProcess> processes = new EnumMap<>(Component.class);
    private final Map<Component, Integer> exits = new EnumMap<>(Component.class);
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private @Nullable EmbeddedSchemaRegistry registry;
    private @Nullable ConfigurableApplicationContext authServer;
    private @Nullable ServiceProperties properties;
    private final LocalSecrets secrets;

    private Platform(Path repository, Path run) {
        this.repository = repository;
        this.logs = run.resolve("logs");
        this.data = run.resolve("data");
        this.secrets = LocalSecrets.in(data);
        for (Component service : SERVICES) {
            servicePorts.put(service, freePort());
        }
    }

    /**
     * Starts everything for a run in {@code run} (a new directory), the services' jars taken from {@code repository}'s
     * modules, and returns once every component is healthy.
     */
    public static Platform start(Path repository, Path run) {
        Platform platform = new Platform(repository, run);
        Thread hook = new Thread(platform::close, "fault-suite-platform-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void startAll() {
        for (Component service : SERVICES) {
            jar(service); // fail fast, before anything starts, when a jar is missing
        }
        start(Component.BROKER);
        awaitHealthy(Component.BROKER, Duration.ofMinutes(2));
        createTopics();
        registry = EmbeddedSchemaRegistry.start(bootstrapServers(), 0);
        start(Component.POSTGRES);
        awaitHealthy(Component.POSTGRES, Duration.ofMinutes(2));
        int authPort = freePort();
        String issuer = "http://localhost:" + authPort;
        authServer = AuthServerApplication.application()
                .run(
                        "--server.port=" + authPort,
                        "--auth-server.issuer=" + issuer,
                        "--auth-server.secrets-directory=" + data.resolve("secrets"),
                        "--auth-server.dev-token-endpoint=true");
        properties = new ServiceProperties(
                issuer, bootstrapServers(), registry.clientProperties(), data, this::login, secrets.intakeProperties());
        // one after the other, in the launcher's order: intake creates what the others read
        for (Component service : SERVICES) {
            start(service);
            awaitHealthy(service, Duration.ofMinutes(5));
        }
    }

    /** Starts {@code component} (again, after a kill) on its data directory and port. */
    public synchronized void start(Component component) {
        Path logFile = logs.resolve(component.label() + ".log");
        mark(logFile, "started by the fault suite");
        ChildProcess process = switch (component) {
            case BROKER ->
                ChildProcess.start(
                        component.label(),
                        ChildProcess.java(
                                List.of("-Xmx768m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                                BrokerMain.class.getName(),
                                List.of(data.resolve("kafka").toString(), Integer.toString(kafkaPort))),
                        logFile);
            case POSTGRES -> {
                List<String> arguments =
                        new ArrayList<>(List.of(data.resolve("postgres").toString(), Integer.toString(postgresPort)));
                SERVICES.stream()
                        .map(Component::database)
                        .filter(db -> !db.isEmpty())
                        .forEach(arguments::add);
                yield ChildProcess.start(
                        component.label(),
                        ChildProcess.java(
                                List.of("-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                                DatabaseMain.class.getName(),
                                arguments),
                        logFile);
            }
            default -> ChildProcess.start(component.label(), serviceCommand(component), logFile);
        };
        processes.put(component, process);
        log.info("{} started (pid {})", component.label(), process.pid());
    }

    /** SIGKILL: the service's or the broker's JVM; PostgreSQL's postmaster (by its pid file), then its JVM. */
    public synchronized void kill(Component component) {
        ChildProcess process = processes.remove(component);
        if (process == null) {
            throw new IllegalStateException(component.label() + " is not running");
        }
        if (component == Component.POSTGRES) {
            killPostmaster();
        }
        process.kill();
        mark(logs.resolve(component.label() + ".log"), "killed by the fault suite (SIGKILL)");
        log.info("{} killed (pid {})", component.label(), process.pid());
    }

    private void killPostmaster() {
        Path pidFile = data.resolve("postgres").resolve("postmaster.pid");
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
            if (postmaster.isEmpty()) {
                throw new IllegalStateException("no postmaster with pid " + pid + " from " + pidFile);
            }
            List<ProcessHandle> backends = postmaster.get().descendants().toList();
            postmaster.get().destroyForcibly();
            postmaster.get().onExit().get(60, TimeUnit.SECONDS);
            // the backends notice their postmaster's death and end; a new postmaster needs their shared memory freed
            for (ProcessHandle backend : backends) {
                backend.onExit().get(60, TimeUnit.SECONDS);
            }
            log.info("postmaster {} killed with {} backends", pid, backends.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pidFile, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the postmaster or its backends did not end", e);
        }
    }

    /** Waits until {@code component} is healthy: a service ready, the broker answering, PostgreSQL taking logins. */
    public void awaitHealthy(Component component, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!healthy(component)) {
            ChildProcess process = processes.get(component);
            if (process != null && !process.alive()) {
                // as Kubernetes would: a process that ended on its own is started again, a few times
                int exits = this.exits.merge(component, 1, Integer::sum);
                if (exits > MAX_EXITS) {
                    throw new IllegalStateException(component.label() + " exited " + exits + " times; see "
                            + logs.resolve(component.label() + ".log"));
                }
                log.warn("{} exited on its own (exit {}): started again", component.label(), exits);
                processes.remove(component);
                start(component);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(component.label() + " not healthy within " + timeout + "; see "
                        + logs.resolve(component.label() + ".log"));
            }
            pause(Duration.ofMillis(250));
        }
    }

    /** Waits until every component is healthy. */
    public void awaitAllHealthy(Duration timeout) {
        for (Component component : Component.values()) {
            awaitHealthy(component, timeout);
        }
    }

    boolean healthy(Component component) {
        return switch (component) {
            case BROKER -> brokerAnswers();
            case POSTGRES -> databaseAnswers();
            default -> serviceReady(component);
        };
    }

    private boolean brokerAnswers() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException | RuntimeException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean databaseAnswers() {
        try (Connection ignored = connect("intake")) {
            return true;
        } catch (SQLException notYet) {
            return false;
        }
    }

    private boolean serviceReady(Component service) {
        try {
            HttpResponse<Void> answer = http.send(
                    HttpRequest.newBuilder(URI.create(url(service) + "/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(3))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private List<String> serviceCommand(Component service) {
        if (properties == null) {
            throw new IllegalStateException("the services start after the stack");
        }
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable()));
        command.addAll(SERVICE_JVM);
        command.addAll(List.of("-jar", jar(service).toString(), "--server.port=" + servicePorts.get(service)));
        properties
                .of(service.label(), service.database())
                .forEach((key, value) -> command.add("--" + key + "=" + value));
        return command;
    }

    /** The service's Spring Boot jar, built by {@code package}. */
    private Path jar(Component service) {
        Path target = repository.resolve(service.label()).resolve("target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, service.label() + "-*-exec.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        } catch (IOException noTarget) {
            // reported below
        }
        throw new IllegalStateException("no Spring Boot jar of " + service.label() + " in " + target
                + ": build it first (./mvnw -pl faults -am package -DskipTests)");
    }

    private ServiceProperties.DatabaseLogin login(String database) {
        // the roles EmbeddedDatabases makes: the owner (the database's name) and the runtime role (<name>_app)
        String runtime = database + EmbeddedDatabases.RUNTIME_SUFFIX;
        return new ServiceProperties.DatabaseLogin(
                "r2dbc:postgresql://localhost:" + postgresPort + "/" + database,
                jdbcUrl(database),
                runtime,
                runtime,
                database,
                database);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgresPort + "/" + database;
    }

    /** A JDBC connection to a service's database as its owner role. */
    public Connection connect(String database) throws SQLException {
        DriverManager.setLoginTimeout(3);
        return DriverManager.getConnection(jdbcUrl(database), database, database);
    }

    /**
     * Every topic of the catalogue, the departments' included, before any service starts: production's topics are
     * declared from the same catalogue ({@code deploy/k8s/base/kafka-topics.yaml}) and exist before the services.
     */
    private void createTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            for (NewTopic topic :
                    TopicCatalogue.load().topics().stream().map(Topic::newTopic).toList()) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create " + topic.name(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create the topics", e);
        }
    }

    public String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    public String registryUrl() {
        if (registry == null) {
            throw new IllegalStateException("the registry is not started");
        }
        return registry.url();
    }

    /** {@code http://localhost:<port>} of a service. */
    public String url(Component service) {
        return "http://localhost:" + servicePorts.get(service);
    }

    /** Intake's platform-admin API key ({@code X-API-Key}). */
    public String adminApiKey() {
        return secrets.adminApiKey();
    }

    /** How often each component ended on its own (not killed by the suite) and was started again. */
    public Map<Component, Integer> exits() {
        return Map.copyOf(exits);
    }

    /** Where every process's log file is. */
    public Path logs() {
        return logs;
    }

    /** The databases the services own. */
    public List<String> databases() {
        return SERVICES.stream()
                .map(Component::database)
                .filter(db -> !db.isEmpty())
                .toList();
    }

    /** Stops the services (SIGTERM, Spring's graceful shutdown), the authorisation server, the registry, then PostgreSQL and the broker. */
    @Override
    public synchronized void close() {
        for (Component service :
                List.of(Component.NOTIFICATION, Component.REFERRAL, Component.SCORING, Component.INTAKE)) {
            ChildProcess process = processes.remove(service);
            if (process != null) {
                process.terminate(30);
            }
        }
        if (authServer != null) {
            authServer.close();
            authServer = null;
        }
        if (registry != null) {
            registry.close();
            registry = null;
        }
        for (Component infrastructure : List.of(Component.POSTGRES, Component.BROKER)) {
            ChildProcess process = processes.remove(infrastructure);
            if (process != null) {
                process.stop(60);
            }
        }
    }

    private static void mark(Path logFile, String what) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(
                    logFile,
                    "=== " + Instant.now() + " " + what + " ===\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() {
        return FreePorts.reserve();
    }
}
