package org.zhengce.scoring;

import com.nimbusds.jose.JOSEException;
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
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.zhengce.embedded.EmbeddedDatabases;
import org.zhengce.embedded.EmbeddedKafka;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.PersonPseudonym;
import org.zhengce.registry.EmbeddedSchemaRegistry;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.schemas.serde.ConfluentAvroSerializer;
import org.zhengce.schemas.serde.SerdeConfig;

/**
 * The whole scoring application against a real in-process Kafka broker (KRaft) and schema registry, a real
 * PostgreSQL for its audit trail (migrated by Flyway as the owner role, written as the runtime role), with JWTs
 * signed by a test identity provider whose JWK set is served over real HTTP. One application context serves every
 * test class that extends this one (so the streams start once): the broker, the registry, the database, the JWK set
 * and the streams' state directory live as long as the JVM, and tests use households of their own.
 *
 * <p>State directories are under {@code target/} (not a {@code @TempDir}, which would be deleted after the first
 * test class while the shared context still runs on it). The port is fixed before the context starts (not
 * {@code RANDOM_PORT}): interactive queries route by each instance's advertised {@code application.server}, which
 * must be the port the instance really listens on.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "spring.config.name=" + ScoringApplication.NAME,
            "scoring.tick=250ms",
            // an instance that stopped (a test context paused while another runs) leaves the group within seconds
            "spring.kafka.streams.properties.session.timeout.ms=6000"
        })
@AutoConfigureWebTestClient(timeout = "PT30S")
public abstract class ScoringStackTest {

    /** The audience the service accepts ({@code platform.security.audience}); every test token names it. */
    protected static final String AUDIENCE = "scoring-service";

    protected static final String HOUSEHOLD_EVENTS = "household.events";
    protected static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Scoring's database: the audit trail only. */
    protected static final String DATABASE = "scoring";
    /** The secret the instances share to sign the questions they forward to each other (32 bytes, Base64). */
    protected static final String PEER_SECRET = "c2NvcmluZy10ZXN0LXBlZXJzLXNoYXJlZC1zZWNyZXQ=";

    private static final RSAKey ISSUER_KEY = rsaKey("issuer-key");
    private static @Nullable Stack stack;
    private static volatile @Nullable EmbeddedSchemaRegistry registry;

    @Autowired
    protected WebTestClient http;

    /** What every test shares, started on first use and stopped when the JVM exits. */
    private record Stack(
            EmbeddedKafka kafka,
            EmbeddedDatabases postgres,
            int registryPort,
            HttpServer jwks,
            Path stateDirectory,
            int port,
            KafkaProducer<String, HouseholdEvent> events) {}

    private static synchronized Stack stack() {
        if (stack == null) {
            EmbeddedKafka kafka = EmbeddedKafka.builder().start();
            // not about the registry's access (schema-registry's and the launcher's tests are): its clients send only
            // the URL
            EmbeddedSchemaRegistry registry =
                    EmbeddedSchemaRegistry.startAllowingAnonymousWrites(kafka.bootstrapServers(), 0);
            createInputTopic(kafka.bootstrapServers());
            kafka.awaitPartitionLeaders(List.of(HOUSEHOLD_EVENTS), java.time.Duration.ofSeconds(30));
            HttpServer jwks = jwks();
            KafkaProducer<String, HouseholdEvent> events = producer(kafka.bootstrapServers(), registry.url());
            EmbeddedDatabases postgres =
                    EmbeddedDatabases.builder().databases(DATABASE).start();
            Stack started = new Stack(kafka, postgres, registry.port(), jwks, newStateDirectory(), freePort(), events);
            ScoringStackTest.registry = registry;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.events().close(Duration.ofSeconds(5));
                started.jwks().stop(0);
                Objects.requireNonNull(ScoringStackTest.registry).close();
                started.kafka().close();
                started.postgres().close();
            }));
            stack = started;
        }
        return stack;
    }

    @DynamicPropertySource
    static void stackProperties(DynamicPropertyRegistry properties) {
        properties.add("spring.kafka.bootstrap-servers", () -> stack().kafka().bootstrapServers());
        properties.add("spring.kafka.properties.schema.registry.url", ScoringStackTest::registryUrl);
        properties.add(
                "spring.kafka.streams.state-dir", () -> stack().stateDirectory().toString());
        properties.add("server.port", () -> stack().port());
        properties.add("spring.kafka.streams.properties.application.server", () -> "localhost:" + stack().port());
        // as the launcher: the issuer (tokens must name it; Swagger UI signs in there) and its JWK set
        properties.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ScoringStackTest::issuer);
        properties.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", ScoringStackTest::jwkSetUri);
        databaseProperties().forEach((name, value) -> properties.add(name, () -> value));
        properties.add("scoring.audit.peer-secret", () -> PEER_SECRET);
    }

    /** The database's logins, as the launcher gives them: the runtime role for R2DBC, the owner for Flyway. */
    protected static Map<String, String> databaseProperties() {
        EmbeddedDatabases postgres = stack().postgres();
        return Map.of(
                "spring.r2dbc.url", postgres.r2dbcUrl(DATABASE),
                "spring.r2dbc.username", postgres.runtimeUsername(DATABASE),
                "spring.r2dbc.password", postgres.runtimePassword(DATABASE),
                "spring.flyway.url", postgres.jdbcUrl(DATABASE),
                "spring.flyway.user", postgres.username(DATABASE),
                "spring.flyway.password", postgres.password(DATABASE));
    }

    /** The test identity provider: it serves its JWK set at {@code /oauth2/jwks}. */
    protected static String issuer() {
        return "http://localhost:" + stack().jwks().getAddress().getPort();
    }

    protected static String jwkSetUri() {
        return issuer() + "/oauth2/jwks";
    }

    protected static String bootstrapServers() {
        return stack().kafka().bootstrapServers();
    }

    protected static String registryUrl() {
        return "http://localhost:" + stack().registryPort();
    }

    /**
     * Starts the registry again, on its port, if it stopped answering. Closing any embedded registry in this JVM
     * (another test class's) disposes Reactor Netty's global event loops, which every other registry runs on, and
     * kills them too; the registry's state is in its {@code _schemas} topic, so a restart on the same port brings
     * the same ids back.
     */
    @BeforeEach
    void registryAnswers() {
        Stack running = stack();
        try {
            HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(registryUrl() + "/subjects"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
        } catch (IOException stopped) {
            synchronized (ScoringStackTest.class) {
                registry = EmbeddedSchemaRegistry.startAllowingAnonymousWrites(
                        running.kafka().bootstrapServers(), running.registryPort());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A fresh state directory, e.g. for a second instance of the application. */
    protected static Path newStateDirectory() {
        try {
            Path target = Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(target, "streams-state-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Publishes events to {@code household.events} as intake does: keyed by subject, Confluent Avro values. */
    protected static void publish(HouseholdEvent... events) {
        KafkaProducer<String, HouseholdEvent> producer = stack().events();
        try {
            for (HouseholdEvent event : events) {
                producer.send(new ProducerRecord<>(HOUSEHOLD_EVENTS, subject(event), event))
                        .get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish to " + HOUSEHOLD_EVENTS, e.getCause());
        }
    }

    /** A JWT of the test identity provider, valid for an hour. */
    protected static String token(String subject, List<String> roles, List<String> jurisdictions) {
        return token(ISSUER_KEY, subject, roles, jurisdictions, Instant.now().plus(Duration.ofHours(1)));
    }

    /** A JWT of the test identity provider that expired an hour ago. */
    protected static String expiredToken(String subject, List<String> roles, List<String> jurisdictions) {
        return token(ISSUER_KEY, subject, roles, jurisdictions, Instant.now().minus(Duration.ofHours(1)));
    }

    /** A community advisor's token. */
    protected static String advisorOf(String... communities) {
        return token("advisor-" + String.join("-", communities), List.of("ADVISOR"), List.of(communities));
    }

    /** A platform admin's token. */
    protected static String admin() {
        return token("platform-admin", List.of("PLATFORM_ADMIN"), List.of());
    }

    protected static String token(
            RSAKey key, String subject, List<String> roles, List<String> jurisdictions, Instant expiresAt) {
        // as the platform's issuer: a person without jurisdictions gets no claim, an empty one is refused
        return token(key, AUDIENCE, subject, roles, jurisdictions.isEmpty() ? null : jurisdictions, expiresAt);
    }

    /** The test identity provider's signing key. */
    protected static RSAKey issuerKey() {
        return ISSUER_KEY;
    }

    /** A JWT of {@code key} for {@code audience}, its jurisdictions claim as given ({@code null}: none). */
    protected static String token(
            RSAKey key,
            String audience,
            String subject,
            List<String> roles,
            @Nullable List<String> jurisdictions,
            Instant expiresAt) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    new JWTClaimsSet.Builder()
                            .issuer(issuer())
                            .audience(audience)
                            .subject(subject)
                            .claim("roles", roles)
                            .claim("jurisdictions", jurisdictions)
                            .issueTime(Date.from(expiresAt.minus(Duration.ofHours(2))))
                            .expirationTime(Date.from(expiresAt))
                            .build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static RSAKey rsaKey(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(HouseholdEvent event) {
        return event.getSubject() instanceof HouseholdNumber household
                ? household.getValue()
                : ((PersonPseudonym) event.getSubject()).getValue();
    }

    private static HttpServer jwks() {
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

    /** household.events is intake's topic: created here as the catalogue defines it. */
    private static void createInputTopic(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(
                            TopicCatalogue.load().topic(HOUSEHOLD_EVENTS).newTopic()))
                    .all()
                    .get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create " + HOUSEHOLD_EVENTS, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static KafkaProducer<String, HouseholdEvent> producer(String bootstrapServers, String registryUrl) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        ConfluentAvroSerializer<HouseholdEvent> values = new ConfluentAvroSerializer<>();
        values.configure(config, false);
        return new KafkaProducer<>(config, new StringSerializer(), values);
    }

    /** A port free now, for an instance to listen on. */
    protected static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port the application under test listens on. */
    protected static int port() {
        return stack().port();
    }
}
