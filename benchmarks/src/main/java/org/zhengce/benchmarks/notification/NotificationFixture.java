package org.zhengce.benchmarks.notification;

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
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.zhengce.embedded.EmbeddedDatabases;
import org.zhengce.notification.NotificationApplication;

/**
 * Notification itself, in this JVM, on the run's broker and registry: its production code and configuration file
 * ({@code notification-service.yml}), started with {@link NotificationApplication#application()} as the launcher
 * starts it, on an embedded PostgreSQL of its own, accepting JWTs of a key made here (its JWK set served over HTTP on
 * the loopback address).
 */
final class NotificationFixture implements AutoCloseable {

    private static final String DATABASE = "notification";

    private final EmbeddedDatabases databases;
    private final HttpServer jwks;
    private final RSAKey key;
    private final ConfigurableApplicationContext notification;
    private final URI base;

    private NotificationFixture(
            EmbeddedDatabases databases,
            HttpServer jwks,
            RSAKey key,
            ConfigurableApplicationContext notification,
            URI base) {
        this.databases = databases;
        this.jwks = jwks;
        this.key = key;
        this.notification = notification;
        this.base = base;
    }

    /** Starts notification; {@code case.events} must exist (its writer, referral, creates it in a deployment). */
    static NotificationFixture start(String bootstrapServers, String registryUrl) throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench-issuer").generate();
        HttpServer jwks = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        EmbeddedDatabases databases =
                EmbeddedDatabases.builder().databases(DATABASE).start();
        try {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("server.port", "0");
            // the launcher (the platform case) brings Tomcat and Spring MVC to this classpath: stay reactive
            properties.put("spring.main.web-application-type", "reactive");
            properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
            properties.put("spring.kafka.properties.schema.registry.url", registryUrl);
            properties.put("spring.r2dbc.url", databases.r2dbcUrl(DATABASE));
            // the runtime role (rows only), as the audit trail insists; Flyway migrates as the owner
            properties.put("spring.r2dbc.username", databases.runtimeUsername(DATABASE));
            properties.put("spring.r2dbc.password", databases.runtimePassword(DATABASE));
            properties.put("spring.flyway.url", databases.jdbcUrl(DATABASE));
            properties.put("spring.flyway.user", databases.username(DATABASE));
            properties.put("spring.flyway.password", databases.password(DATABASE));
            properties.put(
                    "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                    "http://localhost:" + jwks.getAddress().getPort() + "/jwks");
            ConfigurableApplicationContext context = NotificationApplication.application()
                    .run(properties.entrySet().stream()
                            .map(e -> "--" + e.getKey() + "=" + e.getValue())
                            .toArray(String[]::new));
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            return new NotificationFixture(databases, jwks, key, context, URI.create("http://localhost:" + port));
        } catch (RuntimeException e) {
            databases.close();
            jwks.stop(0);
            throw e;
        }
    }

    URI base() {
        return base;
    }

    /** A valid token of an advisor covering {@code community}. */
    String advisorToken(String userId, String community) throws JOSEException {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .subject(userId)
                        // meant for notification-service: a token naming no audience is refused (TokenAudience)
                        .audience("notification-service")
                        .claim("roles", List.of("ADVISOR"))
                        .claim("jurisdictions", List.of(community))
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(Duration.ofHours(2))))
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Override
    public void close() throws IOException {
        try {
            notification.close();
        } finally {
            databases.close();
            jwks.stop(0);
        }
    }
}
