package org.zhengce.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in KRaft mode running inside this JVM: one node that is both broker and
 * controller, built from Kafka's own server classes.
 *
 * <p>The data directory holds the logs and the cluster metadata; a broker started again on the
 * same directory finds its topics, records and cluster id. Ports are picked free at each start
 * unless fixed, so a restart may listen elsewhere. Starting a broker also installs {@link
 * KafkaExitGuard}: from then on Kafka's fatal-error paths cannot end this JVM.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String CLIENT_LISTENER = "PLAINTEXT";
    private static final String LOG_DIRECTORY = "kafka-logs";
    private static final int START_ATTEMPTS = 3;
    private static final long READINESS_POLL_MS = 100;

    /** Settings this class owns; a caller override would break the single-node layout. */
    private static final Set<String> MANAGED_SETTINGS = Set.of(
            "process.roles",
            "node.id",
            "controller.quorum.voters",
            "controller.quorum.bootstrap.servers",
            "controller.listener.names",
            "listeners",
            "advertised.listeners",
            "listener.security.protocol.map",
            "inter.broker.listener.name",
            "log.dirs",
            "log.dir",
            "metadata.log.dir");

    private final KafkaRaftServer server;
    private final Path dataDirectory;
    private final boolean temporaryDirectory;
    private final int port;
    private final String clusterId;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(
            KafkaRaftServer server, Path dataDirectory, boolean temporaryDirectory, int port, String clusterId) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.temporaryDirectory = temporaryDirectory;
        this.port = port;
        this.clusterId = clusterId;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code localhost:<port>}, for {@code bootstrap.servers}. */
    /**
     * Waits until every partition of {@code topics} has a leader that answers, for a producer about to send to
     * topics just created. In Kafka 4.1.2 an idempotent producer that sends before then can get NOT_LEADER for its
     * first batch while a later one lands, and then retries the out-of-sequence first batch until its delivery
     * timeout. Listing the latest offsets needs each partition's leader, so it is the readiness check.
     *
     * @throws IllegalStateException if they are not ready within {@code timeout}
     */
    public void awaitPartitionLeaders(java.util.Collection<String> topics, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> partitions =
                    new LinkedHashMap<>();
            admin.describeTopics(topics)
                    .allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .values()
                    .forEach(topic -> topic.partitions()
                            .forEach(partition -> partitions.put(
                                    new org.apache.kafka.common.TopicPartition(topic.name(), partition.partition()),
                                    org.apache.kafka.clients.admin.OffsetSpec.latest())));
            while (true) {
                try {
                    admin.listOffsets(partitions).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                } catch (ExecutionException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("partitions of " + topics + " have no leader yet", notYet);
                    }
                    TimeUnit.MILLISECONDS.sleep(50);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the leaders of " + topics, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe " + topics, e);
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The cluster id written when the data directory was formatted; stable across restarts. */
    public String clusterId() {
        return clusterId;
    }

    /**
     * Every {@code Exit.exit} or {@code Exit.halt} that Kafka code called in this JVM since the
     * first embedded broker started, each refused instead of ending the JVM.
     */
    public static List<RefusedExit> refusedExits() {
        return KafkaExitGuard.refused();
    }

    /** Shuts the broker down cleanly; a temporary data directory is deleted. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info("Stopping embedded Kafka broker at {}", bootstrapServers());
        try {
            server.shutdown();
            server.awaitShutdown();
            log.info("Embedded Kafka broker stopped");
        } finally {
            if (temporaryDirectory) {
                Directories.deleteRecursively(dataDirectory);
            }
        }
    }

    /** A request from Kafka code to end the JVM that {@link EmbeddedKafka} refused. */
    public record RefusedExit(String procedure, int status, String message) {}

    /** Collects the options; {@link #start()} formats storage if needed and starts the broker. */
    public static final class Builder {

        private @Nullable Path dataDirectory;
        private int port;
        private Duration startupTimeout = Duration.ofSeconds(60);
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();

        private Builder() {}

        /** Where logs and metadata live; without it a temporary directory is used and deleted on close. */
        public Builder dataDirectory(Path dir) {
            this.dataDirectory = dir;
            return this;
        }

        /** The client (PLAINTEXT) port; 0, the default, picks a free port at each start. */
        public Builder port(int port) {
            this.port = FreePorts.validate("port", port);
            return this;
        }

        /** Overrides one broker setting; the listener, role and directory settings are not overridable. */
        public Builder brokerProperty(String key, String value) {
            if (key.isBlank()) {
                throw new IllegalArgumentException("brokerProperty key must not be blank");
            }
            if (MANAGED_SETTINGS.contains(key)) {
                throw new IllegalArgumentException("brokerProperty " + key + " is managed by EmbeddedKafka");
            }
            brokerProperties.put(key, value);
            return this;
        }

        /** How long {@link #start()} waits for the broker to answer clients; 60 seconds by default. */
        public Builder startupTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startupTimeout must be positive, was " + timeout);
            }
            this.startupTimeout = timeout;
            return this;
        }

        /** Starts the broker and returns once a client can read the cluster's metadata. */
        public EmbeddedKafka start() {
            KafkaExitGuard.install();
            boolean temporary = dataDirectory == null;
            Path dir = temporary ? createTemporaryDirectory() : createDirectories(dataDirectory);
            Path logDir = createDirectories(dir.resolve(LOG_DIRECTORY));
            String clusterId = formatIfNeeded(logDir);
            boolean freePort = port == 0;
            for (int attempt = 1; ; attempt++) {
                int clientPort = freePort ? FreePorts.reserve() : port;
                int controllerPort = FreePorts.reserve();
                try {
                    KafkaRaftServer server = startServer(logDir, clientPort, controllerPort);
                    EmbeddedKafka kafka = new EmbeddedKafka(server, dir, temporary, clientPort, clusterId);
                    awaitReady(kafka);
                    log.info(
                            "Embedded Kafka broker ready at {} (cluster {}, data in {})",
                            kafka.bootstrapServers(),
                            clusterId,
                            dir);
                    return kafka;
                } catch (RuntimeException e) {
                    // Kafka reports a failed bind without its cause; a port still busy after the
                    // broker released its own sockets was taken by someone else.
                    List<Integer> taken = Stream.of(clientPort, controllerPort)
                            .filter(FreePorts::inUse)
                            .toList();
                    boolean retry =
                            attempt < START_ATTEMPTS && !taken.isEmpty() && (freePort || !taken.contains(clientPort));
                    if (retry) {
                        log.warn("Ports {} were taken meanwhile, retrying with other free ports", taken);
                        continue;
                    }
                    if (temporary) {
                        Directories.deleteRecursively(dir);
                    }
                    if (!taken.isEmpty()) {
                        throw new IllegalStateException(
                                "Embedded Kafka broker cannot listen on port(s) " + taken
                                        + ": in use by another process",
                                e);
                    }
                    throw e;
                }
            }
        }

        private KafkaRaftServer startServer(Path logDir, int clientPort, int controllerPort) {
            KafkaConfig config = new KafkaConfig(brokerConfig(logDir, clientPort, controllerPort), false);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                server.startup();
                return server;
            } catch (RuntimeException e) {
                log.warn("Embedded Kafka broker failed to start on port {}: {}", clientPort, e.toString());
                try {
                    server.shutdown();
                    server.awaitShutdown();
                } catch (RuntimeException shutdownFailure) {
                    e.addSuppressed(shutdownFailure);
                }
                throw e;
            }
        }

        private Map<String, String> brokerConfig(Path logDir, int clientPort, int controllerPort) {
            Map<String, String> config = new LinkedHashMap<>();
            config.put("process.roles", "broker,controller");
            config.put("node.id", Integer.toString(NODE_ID));
            config.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
            config.put("controller.listener.names", CONTROLLER_LISTENER);
            config.put(
                    "listeners",
                    CLIENT_LISTENER + "://localhost:" + clientPort + "," + CONTROLLER_LISTENER + "://localhost:"
                            + controllerPort);
            config.put("advertised.listeners", CLIENT_LISTENER + "://localhost:" + clientPort);
            config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            config.put("inter.broker.listener.name", CLIENT_LISTENER);
            config.put("log.dirs", logDir.toString());
            // Sized for a two-core machine.
            config.put("num.network.threads", "2");
            config.put("num.io.threads", "2");
            config.put("background.threads", "2");
            config.put("log.cleaner.threads", "1");
            config.put("num.recovery.threads.per.data.dir", "1");
            config.put("num.replica.fetchers", "1");
            config.put("group.coordinator.threads", "1");
            config.put("share.coordinator.threads", "1");
            // One node: every internal topic has one replica and one in-sync replica.
            config.put("default.replication.factor", "1");
            config.put("min.insync.replicas", "1");
            config.put("offsets.topic.replication.factor", "1");
            config.put("offsets.topic.num.partitions", "5");
            config.put("transaction.state.log.replication.factor", "1");
            config.put("transaction.state.log.min.isr", "1");
            config.put("transaction.state.log.num.partitions", "5");
            // A transactional producer's first send after a commit reaches the broker while the commit's markers may
            // still be written (transactions v2 adds the partition with the send). The broker then retries adding
            // it for at most this long before it answers CONCURRENT_TRANSACTIONS; Kafka's 100 ms is shorter than a
            // busy two-core machine's first start needs, and every early answer was a client WARN and a retried
            // batch that a later batch could overtake on a new partition (the broker's OutOfOrderSequenceException
            // ERROR). Waiting here instead is what the setting is for; below the clients' request.timeout.ms.
            config.put("add.partitions.to.txn.retry.backoff.max.ms", "5000");
            config.put("share.coordinator.state.topic.replication.factor", "1");
            config.put("share.coordinator.state.topic.min.isr", "1");
            config.put("share.coordinator.state.topic.num.partitions", "1");
            config.put("group.initial.rebalance.delay.ms", "0");
            // The platform creates its topics from its catalogue.
            config.put("auto.create.topics.enable", "false");
            config.putAll(brokerProperties);
            return config;
        }

        /** Waits until describeCluster lists a live broker: the condition clients need to work. */
        private void awaitReady(EmbeddedKafka kafka) {
            long deadline = System.nanoTime() + startupTimeout.toNanos();
            Map<String, Object> adminConfig = Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers(),
                    AdminClientConfig.CLIENT_ID_CONFIG,
                    "embedded-kafka-readiness");
            try (Admin admin = Admin.create(adminConfig)) {
                while (true) {
                    long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (remainingMs <= 0) {
                        throw new TimeoutException("describeCluster listed no live broker");
                    }
                    DescribeClusterResult cluster =
                            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) remainingMs));
                    if (!cluster.nodes().get(remainingMs, TimeUnit.MILLISECONDS).isEmpty()) {
                        return;
                    }
                    TimeUnit.MILLISECONDS.sleep(READINESS_POLL_MS);
                }
            } catch (ExecutionException | TimeoutException e) {
                kafka.close();
                throw new IllegalStateException(
                        "Embedded Kafka broker at " + kafka.bootstrapServers() + " did not answer clients within "
                                + startupTimeout + " (startupTimeout)",
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kafka.close();
                throw new IllegalStateException("Interrupted while waiting for the embedded Kafka broker", e);
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
        }
    }

    /**
     * Reads the cluster id of a formatted log directory, or formats an empty one with Kafka's own
     * storage formatter at the newest production metadata version.
     */
    private static String formatIfNeeded(Path logDir) {
        String dir = logDir.toString();
        try {
            MetaPropertiesEnsemble ensemble = new MetaPropertiesEnsemble.Loader()
                    .addLogDirs(List.of(dir))
                    .addMetadataLogDir(dir)
                    .load();
            if (!ensemble.errorLogDirs().isEmpty()) {
                throw new IllegalStateException("Cannot read Kafka meta.properties in " + dir);
            }
            if (ensemble.emptyLogDirs().isEmpty()) {
                int nodeId = ensemble.nodeId().orElseThrow(() -> unusable(dir, "node id"));
                if (nodeId != NODE_ID) {
                    throw new IllegalStateException(
                            "Kafka data directory " + dir + " belongs to node " + nodeId + ", expected " + NODE_ID);
                }
                String clusterId = ensemble.clusterId().orElseThrow(() -> unusable(dir, "cluster id"));
                log.info("Reusing Kafka data directory {} of cluster {}", dir, clusterId);
                return clusterId;
            }
            String clusterId = Uuid.randomUuid().toString();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try (PrintStream formatterOutput = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                new Formatter()
                        .setPrintStream(formatterOutput)
                        .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                        .setNodeId(NODE_ID)
                        .setClusterId(clusterId)
                        .addDirectory(dir)
                        .setMetadataLogDirectory(dir)
                        .setReleaseVersion(MetadataVersion.latestProduction())
                        .setControllerListenerName(CONTROLLER_LISTENER)
                        .run();
            }
            log.info(
                    "Formatted Kafka data directory {} for new cluster {}: {}",
                    dir,
                    clusterId,
                    output.toString(StandardCharsets.UTF_8).strip());
            return clusterId;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare Kafka data directory " + dir, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka data directory " + dir, e);
        }
    }

    private static IllegalStateException unusable(String dir, String missing) {
        return new IllegalStateException("Kafka data directory " + dir + " has a meta.properties without " + missing);
    }

    private static Path createTemporaryDirectory() {
        try {
            return Files.createTempDirectory("embedded-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the embedded Kafka broker", e);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create directory " + dir, e);
        }
    }
}
