package org.zhengce.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.zhengce.embedded.EmbeddedDatabases;
import org.zhengce.embedded.EmbeddedKafka;
import org.zhengce.events.JurisdictionLevel;
import org.zhengce.events.JurisdictionPublished;
import org.zhengce.intake.departments.IssuedApiKey;
import org.zhengce.registry.EmbeddedSchemaRegistry;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;
import org.zhengce.schemas.serde.SerdeConfig;

/**
 * The whole intake application against a real in-process Kafka broker (KRaft), the schema registry and a real
 * PostgreSQL. The broker and registry are started once per test JVM and shared (topics and records persist across
 * test classes, so tests look for their own event ids); each test class gets a fresh database.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=intake-service",
            "intake.pseudonyms.keys.k1=" + TestKeys.PSEUDONYM_KEY,
            "intake.pseudonyms.active-key-id=k1",
            "intake.pipeline.sealing-keys.s1=" + TestKeys.SEALING_KEY,
            "intake.pipeline.sealing-key-id=s1",
            "intake.pipeline.digest-keys.d1=" + TestKeys.DIGEST_KEY,
            "intake.pipeline.digest-key-id=d1",
            // SHA-256 of ADMIN_KEY
            "intake.admin.api-key-hash=944650a7cd0f9e14d5c4fb15edbffb7fa45fb9ed36a4fa9be3d7e5476ae51bd9"
        })
@AutoConfigureWebTestClient(timeout = "PT60S")
@DirtiesContext
public abstract class IntakeStackTest {

    protected static final String ADMIN_KEY = "test-admin-key";
    protected static final String HOUSEHOLD_EVENTS = "household.events";
    protected static final String DEAD_LETTERS = "dept.events.dlq";

    private static final String DATABASE = "intake";

    private static @Nullable EmbeddedKafka kafka;
    private static @Nullable EmbeddedSchemaRegistry registry;
    private static @Nullable EmbeddedDatabases postgres;

    @Autowired
    protected WebTestClient http;

    @BeforeAll
    static void startStack() {
        sharedBroker();
        postgres = EmbeddedDatabases.builder().databases(DATABASE).start();
    }

    /** The JVM's broker and registry, started on first use and stopped when the JVM exits. */
    protected static synchronized EmbeddedKafka sharedBroker() {
        if (kafka == null) {
            EmbeddedKafka started = EmbeddedKafka.builder().start();
            // not about the registry's access (schema-registry's and the launcher's tests are): its clients send only
            // the URL
            EmbeddedSchemaRegistry startedRegistry =
                    EmbeddedSchemaRegistry.startAllowingAnonymousWrites(started.bootstrapServers(), 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                startedRegistry.close();
                started.close();
            }));
            kafka = started;
            registry = startedRegistry;
            publishTheDemoCitysCommunities();
        }
        return kafka;
    }

    /** The topic of referral's directory, which intake reads its known communities from (ADR 0035). */
    protected static final String JURISDICTIONS = "jurisdictions";

    /**
     * What referral publishes of the demo city on {@code jurisdictions} (its directory is the one copy, ADR 0035):
     * Chaoyang district, streets 建外 and 朝外, their six communities; read before intake is ready.
     */
    private static void publishTheDemoCitysCommunities() {
        try {
            createTopicOnce(
                    JURISDICTIONS, TopicCatalogue.load().topic(JURISDICTIONS).partitions());
        } catch (Exception e) {
            throw new IllegalStateException("could not create " + JURISDICTIONS, e);
        }
        publishJurisdiction("110105", "朝阳区");
        publishJurisdiction("110105001", "建外街道");
        publishJurisdiction("110105002", "朝外街道");
        for (String community : List.of(
                "110105001001", "110105001002", "110105001003", "110105002001", "110105002002", "110105002003")) {
            publishJurisdiction(community, "社区 " + community);
        }
    }

    /** A tombstone on {@code jurisdictions}: referral's directory no longer has {@code code}. */
    protected static void removeJurisdiction(String code) {
        Map<String, Object> config =
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sharedBroker().bootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(JURISDICTIONS, code, null));
            producer.flush();
        }
    }

    /** Publishes a district (6 digits), street (9) or community (12) of referral's directory on its topic. */
    protected static void publishJurisdiction(String code, String name) {
        JurisdictionLevel level = switch (code.length()) {
            case 6 -> JurisdictionLevel.DISTRICT;
            case 9 -> JurisdictionLevel.STREET;
            default -> JurisdictionLevel.COMMUNITY;
        };
        String parent = code.length() == 6 ? "1101" : code.substring(0, code.length() == 9 ? 6 : 9);
        JurisdictionPublished jurisdiction = JurisdictionPublished.newBuilder()
                .setCode(code)
                .setName(name)
                .setLevel(level)
                .setParentCode(parent)
                .setSupervisorIds(List.of())
                .build();
        Map<String, Object> config = new java.util.HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sharedBroker().bootstrapServers());
        config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl());
        ConfluentAvroSerializer<JurisdictionPublished> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(config, false);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(JURISDICTIONS, code, serializer.serialize(JURISDICTIONS, jurisdiction)));
            producer.flush();
        }
    }

    /**
     * What a test class puts in front of the shared registry for its own application (set in its {@code @BeforeAll},
     * cleared in its {@code @AfterAll}); {@code null}: the shared registry.
     */
    protected static volatile java.util.function.@Nullable Supplier<String> registryInFront;

    private static String applicationRegistryUrl() {
        java.util.function.Supplier<String> inFront = registryInFront;
        return inFront == null ? registryUrl() : inFront.get();
    }

    protected static String registryUrl() {
        sharedBroker();
        return java.util.Objects.requireNonNull(registry).url();
    }

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry properties) {
        properties.add("spring.kafka.bootstrap-servers", () -> sharedBroker().bootstrapServers());
        properties.add("spring.kafka.properties.schema.registry.url", IntakeStackTest::applicationRegistryUrl);
        properties.add("spring.r2dbc.url", () -> database().r2dbcUrl(DATABASE));
        properties.add("spring.r2dbc.username", () -> database().runtimeUsername(DATABASE));
        properties.add("spring.r2dbc.password", () -> database().runtimePassword(DATABASE));
        properties.add("spring.flyway.url", () -> database().jdbcUrl(DATABASE));
        properties.add("spring.flyway.user", () -> database().username(DATABASE));
        properties.add("spring.flyway.password", () -> database().password(DATABASE));
    }

    @AfterAll
    static void stopDatabase() {
        database().close();
        postgres = null;
    }

    protected static EmbeddedDatabases database() {
        EmbeddedDatabases running = postgres;
        if (running == null) {
            throw new IllegalStateException("the test database runs only between @BeforeAll and @AfterAll");
        }
        return running;
    }

    /** Issues a fresh API key for {@code department} through the admin API. */
    protected String issueKey(String department) {
        IssuedApiKey issued = http.post()
                .uri("/admin/departments/{code}/api-keys", department)
                .header("X-API-Key", ADMIN_KEY)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(IssuedApiKey.class)
                .returnResult()
                .getResponseBody();
        return java.util.Objects.requireNonNull(issued).apiKey();
    }

    /**
     * Creates {@code topic} with {@code partitions} on the shared broker unless it exists, and waits until every
     * partition has a leader (Kafka 4.1.2: producing before that can leave an idempotent producer retrying an
     * out-of-sequence first batch, embedded/README.md; listing offsets needs the leaders).
     */
    protected static void createTopicOnce(String topic, int partitions) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                sharedBroker().bootstrapServers()))) {
            try {
                admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, partitions, (short) 1)))
                        .all()
                        .get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                    throw e;
                }
            }
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> ends =
                    new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                ends.put(
                        new org.apache.kafka.common.TopicPartition(topic, p),
                        org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(() -> admin.listOffsets(ends).all().get(10, java.util.concurrent.TimeUnit.SECONDS) != null);
        }
    }

    /** Every record on {@code topic} from the beginning up to its current end. */
    protected static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sharedBroker().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
