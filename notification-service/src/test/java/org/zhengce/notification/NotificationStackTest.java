package org.zhengce.notification;

import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.zhengce.embedded.EmbeddedDatabases;
import org.zhengce.embedded.EmbeddedKafka;
import org.zhengce.events.AlertEvent;
import org.zhengce.events.JurisdictionLevel;
import org.zhengce.events.JurisdictionPublished;
import org.zhengce.kit.tracing.TraceParent;
import org.zhengce.notification.alerts.AlertView;
import org.zhengce.notification.scheduling.NotificationTicks;
import org.zhengce.registry.EmbeddedSchemaRegistry;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.schemas.serde.ConfluentAvroDeserializer;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;
import org.zhengce.schemas.serde.SerdeConfig;

/**
 * The whole notification application against a real in-process Kafka broker (KRaft), the schema registry, a real
 * PostgreSQL (fresh per test class, migrated by Flyway) and an identity provider's JWK set served over HTTP (as
 * referral's {@code ReferralStackTest}). The broker and registry are shared by the test JVM: tests use their own
 * cases and users. Time is the test's: a {@link MutableClock} that moves only when told, and no scheduled tick
 * ({@code notification.scheduler.enabled=false}): a test moves the clock, then calls {@link NotificationTicks#tick()}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=notification-service",
            "notification.outbox.relay-interval=100ms",
            "notification.scheduler.enabled=false"
        })
@AutoConfigureWebTestClient(timeout = "PT60S")
@DirtiesContext
@Import(NotificationStackTest.TestClock.class)
public abstract class NotificationStackTest {

    /** The audience the service accepts ({@code platform.security.audience}); every test token names it. */
    protected static final String AUDIENCE = "notification-service";

    protected static final String CASE_EVENTS = "case.events";
    protected static final String CASE_DEAD_LETTERS = "case.events.dlq";
    protected static final String ALERT_EVENTS = "alert.events";
    protected static final String JURISDICTIONS = "jurisdictions";
    /** 10:00 in Beijing: outside the quiet hours. */
    protected static final Instant START = Instant.parse("2026-12-01T02:00:00Z");

    private static final String DATABASE = "notification";
    private static final RSAKey ISSUER_KEY = rsaKey();
    private static @Nullable EmbeddedKafka kafka;
    private static @Nullable EmbeddedSchemaRegistry registry;
    private static @Nullable HttpServer jwks;
    private static @Nullable EmbeddedDatabases postgres;

    @Autowired
    protected WebTestClient http;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected NotificationTicks ticks;

    /** The controllable clock, first among the clocks. */
    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(START);
        }
    }

    @BeforeAll
    static void startStack() {
        sharedBroker();
        postgres = EmbeddedDatabases.builder().databases(DATABASE).start();
    }

    @AfterAll
    static void stopDatabase() {
        database().close();
        postgres = null;
    }

    /** The JVM's broker, registry and JWK set, started on first use and stopped when the JVM exits. */
    protected static synchronized EmbeddedKafka sharedBroker() {
        if (kafka == null) {
            EmbeddedKafka started = EmbeddedKafka.builder().start();
            // not about the registry's access (schema-registry's and the launcher's tests are): its clients send only
            // the URL
            EmbeddedSchemaRegistry startedRegistry =
                    EmbeddedSchemaRegistry.startAllowingAnonymousWrites(started.bootstrapServers(), 0);
            HttpServer server = jwksServer();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stop(0);
                startedRegistry.close();
                started.close();
            }));
            createTopicsNotificationReads(started.bootstrapServers());
            started.awaitPartitionLeaders(
                    TopicCatalogue.load().consumedBy(NotificationApplication.NAME).stream()
                            .map(topic -> topic.name())
                            .toList(),
                    java.time.Duration.ofSeconds(30));
            kafka = started;
            registry = startedRegistry;
            jwks = server;
            publishTheDemoCitysSupervisors();
        }
        return kafka;
    }

    /**
     * What referral publishes of the demo city's supervisors on {@code jurisdictions} (its directory is the one
     * copy, ADR 0035): the street 建外 (110105001) supervisor-jianwai, 朝外 (110105002) supervisor-chaowai, the
     * district 朝阳 (110105) supervisor-chaoyang; read before the service is ready.
     */
    private static void publishTheDemoCitysSupervisors() {
        publish(JURISDICTIONS, "110105", jurisdiction("110105", "朝阳区", "1101", "supervisor-chaoyang"));
        publish(JURISDICTIONS, "110105001", jurisdiction("110105001", "建外街道", "110105", "supervisor-jianwai"));
        publish(JURISDICTIONS, "110105002", jurisdiction("110105002", "朝外街道", "110105", "supervisor-chaowai"));
    }

    /** A street (9 digits) or district (6 digits) of referral's directory with its supervisors. */
    protected static JurisdictionPublished jurisdiction(
            String code, String name, String parentCode, String... supervisorIds) {
        return JurisdictionPublished.newBuilder()
                .setCode(code)
                .setName(name)
                .setLevel(code.length() == 9 ? JurisdictionLevel.STREET : JurisdictionLevel.DISTRICT)
                .setParentCode(parentCode)
                .setSupervisorIds(List.of(supervisorIds))
                .build();
    }

    /** A tombstone on {@code jurisdictions}: referral's directory no longer has {@code code}. */
    protected static void removeJurisdiction(String code) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sharedBroker().bootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(JURISDICTIONS, code, null));
            producer.flush();
        }
    }

    /** The topic notification reads is created by its writer (referral); here by the test. */
    private static void createTopicsNotificationReads(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(TopicCatalogue.load().consumedBy(NotificationApplication.NAME).stream()
                            .map(topic -> topic.newTopic())
                            .toList())
                    .all()
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not create the topics notification reads", e);
        }
    }

    protected static String registryUrl() {
        sharedBroker();
        return Objects.requireNonNull(registry).url();
    }

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry properties) {
        properties.add("spring.kafka.bootstrap-servers", () -> sharedBroker().bootstrapServers());
        properties.add("spring.kafka.properties.schema.registry.url", NotificationStackTest::registryUrl);
        properties.add("spring.r2dbc.url", () -> database().r2dbcUrl(DATABASE));
        properties.add("spring.r2dbc.username", () -> database().runtimeUsername(DATABASE));
        properties.add("spring.r2dbc.password", () -> database().runtimePassword(DATABASE));
        properties.add("spring.flyway.url", () -> database().jdbcUrl(DATABASE));
        properties.add("spring.flyway.user", () -> database().username(DATABASE));
        properties.add("spring.flyway.password", () -> database().password(DATABASE));
        // as the launcher: the issuer (tokens must name it; Swagger UI signs in there) and its JWK set
        properties.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", NotificationStackTest::issuer);
        properties.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> issuer() + "/oauth2/jwks");
    }

    /** The test identity provider: it serves its JWK set at {@code /oauth2/jwks}. */
    protected static String issuer() {
        sharedBroker();
        return "http://localhost:" + Objects.requireNonNull(jwks).getAddress().getPort();
    }

    protected static EmbeddedDatabases database() {
        EmbeddedDatabases running = postgres;
        if (running == null) {
            throw new IllegalStateException("the test database runs only between @BeforeAll and @AfterAll");
        }
        return running;
    }

    // --- identity

    /** A signed, valid token for {@code userId} with {@code roles} and {@code jurisdictions}. */
    protected static String token(String userId, List<String> roles, List<String> jurisdictions) {
        try {
            Instant now = Instant.now();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(ISSUER_KEY.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    new JWTClaimsSet.Builder()
                            .issuer(issuer())
                            .audience(AUDIENCE)
                            .subject(userId)
                            .claim("roles", roles)
                            // as the platform's issuer: a person without jurisdictions gets no claim, an empty one is
                            // refused
                            .claim("jurisdictions", jurisdictions.isEmpty() ? null : jurisdictions)
                            .issueTime(Date.from(now))
                            .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                            .build());
            jwt.sign(new RSASSASigner(ISSUER_KEY));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String advisor(String userId, String... communities) {
        return token(userId, List.of("ADVISOR"), List.of(communities));
    }

    protected static String supervisor(String userId, String... jurisdictions) {
        return token(userId, List.of("SUPERVISOR"), List.of(jurisdictions));
    }

    protected static String admin() {
        return token("admin-1", List.of("PLATFORM_ADMIN"), List.of());
    }

    private static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("issuer-key").generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer jwksServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            byte[] body = new JWKSet(ISSUER_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/oauth2/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- Kafka

    /** Publishes Avro records (Confluent wire format, registry subject by topic) and waits for the broker. */
    protected static void publish(String topic, String key, SpecificRecord... values) {
        publish(topic, key, null, values);
    }

    /** Publishes an Avro record as {@link #publish}, in the W3C trace {@code traceparent} (its record header). */
    protected static void publishTraced(String topic, String key, String traceparent, SpecificRecord value) {
        publish(topic, key, traceparent, value);
    }

    private static void publish(String topic, String key, @Nullable String traceparent, SpecificRecord... values) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sharedBroker().bootstrapServers());
        config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl());
        ConfluentAvroSerializer<SpecificRecord> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(config, false);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (SpecificRecord value : values) {
                ProducerRecord<String, byte[]> record =
                        new ProducerRecord<>(topic, key, serializer.serialize(topic, value));
                TraceParent.put(record.headers(), traceparent);
                producer.send(record);
            }
            producer.flush();
        }
    }

    /** Publishes raw bytes, e.g. a record that is not Avro. */
    protected static void publishBytes(String topic, String key, byte[] value) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sharedBroker().bootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value));
            producer.flush();
        }
    }

    /** Every record on {@code topic} from the beginning up to its current end. */
    protected static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sharedBroker().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
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

    /** The events of {@code caseId} on {@code alert.events}, in order. */
    protected static List<AlertEvent> alertEventsOf(UUID caseId) {
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl());
        config.put(SerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, AlertEvent.class.getName());
        ConfluentAvroDeserializer<AlertEvent> deserializer = new ConfluentAvroDeserializer<>();
        deserializer.configure(config, false);
        return readAll(ALERT_EVENTS).stream()
                .filter(record -> caseId.toString().equals(record.key()))
                .map(record -> Objects.requireNonNull(deserializer.deserialize(ALERT_EVENTS, record.value())))
                .toList();
    }

    /** Waits until {@code caseId} has an alert event matching {@code wanted} on {@code alert.events}. */
    protected static AlertEvent awaitAlertEvent(UUID caseId, java.util.function.Predicate<AlertEvent> wanted) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> alertEventsOf(caseId).stream().filter(wanted).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    // --- the inbox

    /** The user's alerts through the inbox API, oldest first. */
    protected List<AlertView> inboxOf(String token) {
        List<AlertView> newestFirst = http.get()
                .uri("/alerts?limit=500")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBodyList(AlertView.class)
                .returnResult()
                .getResponseBody();
        List<AlertView> oldestFirst = new ArrayList<>(Objects.requireNonNull(newestFirst));
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** Waits until the user's inbox holds {@code count} alerts matching {@code wanted}; those alerts. */
    protected List<AlertView> awaitAlerts(String token, java.util.function.Predicate<AlertView> wanted, int count) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> inboxOf(token).stream().filter(wanted).toList(), alerts -> alerts.size() >= count);
    }
}
