package org.zhengce.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.common.errors.RetriableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpSchemaRegistryClientTest {

    static final Schema HOUSEHOLD = SchemaBuilder.record("HouseholdRegistered")
            .namespace("org.zhengce.test")
            .fields()
            .requiredString("householdId")
            .requiredInt("memberCount")
            .endRecord();
    static final Schema HOUSEHOLD_V2 = SchemaBuilder.record("HouseholdRegistered")
            .namespace("org.zhengce.test")
            .fields()
            .requiredString("householdId")
            .requiredInt("memberCount")
            .name("communityCode")
            .type()
            .stringType()
            .stringDefault("unknown")
            .endRecord();

    FakeSchemaRegistry registry;
    HttpSchemaRegistryClient client;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = FakeSchemaRegistry.startWithFirstId(7);
        client = new HttpSchemaRegistryClient(List.of(registry.url()), null);
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void sameSchemaRegisteredTwiceGetsSameIdWithOneRequest() {
        int first = client.register("households-value", HOUSEHOLD);
        int second = client.register("households-value", HOUSEHOLD);

        assertThat(first).isEqualTo(7).isEqualTo(second);
        assertThat(registry.requests()).containsExactly("POST /subjects/households-value/versions");
        assertThat(client.httpRequestCount()).isEqualTo(1);
    }

    @Test
    void registeredSchemaIsFoundByLookUpFromAnotherClient() {
        client.register("households-value", HOUSEHOLD);
        HttpSchemaRegistryClient other = new HttpSchemaRegistryClient(List.of(registry.url()), null);

        assertThat(other.idOf("households-value", HOUSEHOLD)).isEqualTo(7);
        assertThat(registry.requests()).last().isEqualTo("POST /subjects/households-value");
    }

    @Test
    void lookUpUnderUnknownSubjectIsSubjectNotFound() {
        assertThatThrownBy(() -> client.idOf("nobody-value", HOUSEHOLD))
                .isInstanceOfSatisfying(SchemaNotFoundException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(SchemaNotFoundException.SUBJECT_NOT_FOUND);
                })
                .hasMessageContaining("Subject 'nobody-value' not found");
    }

    @Test
    void lookUpOfUnregisteredSchemaUnderKnownSubjectIsSchemaNotFound() {
        client.register("households-value", HOUSEHOLD);

        assertThatThrownBy(() -> client.idOf("households-value", HOUSEHOLD_V2))
                .isInstanceOfSatisfying(
                        SchemaNotFoundException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaNotFoundException.SCHEMA_NOT_FOUND));
    }

    @Test
    void schemaByIdIsFetchedOnceThenServedFromCache() {
        new HttpSchemaRegistryClient(List.of(registry.url()), null).register("households-value", HOUSEHOLD);

        Schema first = client.schemaById(7);
        Schema second = client.schemaById(7);

        assertThat(first).isEqualTo(HOUSEHOLD).isSameAs(second);
        assertThat(client.httpRequestCount()).isEqualTo(1);
        assertThat(registry.requests()).last().isEqualTo("GET /schemas/ids/7");
    }

    @Test
    void unknownSchemaIdIsSchemaNotFoundAndNotCached() {
        assertThatThrownBy(() -> client.schemaById(99)).isInstanceOfSatisfying(SchemaNotFoundException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(40403);
            assertThat(e.getMessage()).contains("Schema 99 not found");
        });
        assertThatThrownBy(() -> client.schemaById(99)).isInstanceOf(SchemaNotFoundException.class);
        assertThat(client.httpRequestCount()).isEqualTo(2);
    }

    @Test
    void latestReturnsNewestVersionOfSubject() {
        client.register("households-value", HOUSEHOLD);
        client.register("households-value", HOUSEHOLD_V2);

        RegisteredSchema latest = client.latest("households-value");

        assertThat(latest).isEqualTo(new RegisteredSchema("households-value", 2, 8, HOUSEHOLD_V2));
    }

    @Test
    void latestOfUnknownSubjectIsSubjectNotFound() {
        assertThatThrownBy(() -> client.latest("nobody-value"))
                .isInstanceOfSatisfying(
                        SchemaNotFoundException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(40401));
    }

    @Test
    void requestsCarryTheSchemaRegistryMediaTypes() {
        client.register("households-value", HOUSEHOLD);

        assertThat(registry.lastHeaders())
                .containsEntry("content-type", "application/vnd.schemaregistry.v1+json")
                .containsEntry(
                        "accept",
                        "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json,"
                                + " application/json")
                .doesNotContainKey("authorization");
    }

    @Test
    void subjectIsPercentEncodedInThePath() {
        client.register("dept civil.events-value", HOUSEHOLD);

        assertThat(registry.subjects()).containsExactly("dept civil.events-value");
    }

    @Test
    void basicAuthHeaderIsSentFromUserInfo() throws IOException {
        try (FakeSchemaRegistry secured = FakeSchemaRegistry.startWithBasicAuth("intake:s3cret")) {
            HttpSchemaRegistryClient authorised = new HttpSchemaRegistryClient(List.of(secured.url()), "intake:s3cret");

            assertThat(authorised.register("households-value", HOUSEHOLD)).isEqualTo(1);
            assertThat(secured.lastHeaders()).containsEntry("authorization", "Basic aW50YWtlOnMzY3JldA==");
        }
    }

    @Test
    void wrongCredentialsSurfaceAsStatus401() throws IOException {
        try (FakeSchemaRegistry secured = FakeSchemaRegistry.startWithBasicAuth("intake:s3cret")) {
            HttpSchemaRegistryClient intruder = new HttpSchemaRegistryClient(List.of(secured.url()), "intake:guess");

            assertThatThrownBy(() -> intruder.register("households-value", HOUSEHOLD))
                    .isExactlyInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("Unauthorized")
                    .satisfies(e -> assertThat(((SchemaRegistryException) e).httpStatus())
                            .isEqualTo(401));
        }
    }

    @Test
    void unreachableUrlFailsOverToTheNextAndSticksWithIt() throws IOException {
        HttpSchemaRegistryClient failover =
                new HttpSchemaRegistryClient(List.of(closedPortUrl(), registry.url()), null);

        assertThat(failover.register("households-value", HOUSEHOLD)).isEqualTo(7);
        assertThat(failover.schemaById(7)).isEqualTo(HOUSEHOLD);
        assertThat(failover.latest("households-value").id()).isEqualTo(7);
        assertThat(failover.httpRequestCount())
                .as("one failed attempt, then the second URL only")
                .isEqualTo(3);
    }

    @Test
    void noReachableUrlIsRetryableUnavailable() throws IOException {
        HttpSchemaRegistryClient unreachable =
                new HttpSchemaRegistryClient(List.of(closedPortUrl()), null, 10, Duration.ofSeconds(5));

        assertThatThrownBy(() -> unreachable.schemaById(7))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("no schema registry reachable")
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void concurrentMissesForOneSchemaShareOneRequest() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> ids = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Integer> register = () -> {
                    start.await();
                    return client.register("households-value", HOUSEHOLD);
                };
                ids.add(pool.submit(register));
            }
            start.countDown();
            for (Future<Integer> id : ids) {
                assertThat(id.get()).isEqualTo(7);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(registry.requests()).hasSize(1);
    }

    @Test
    void commaSeparatedUrlsAreSplitAndTrimmed() {
        assertThat(HttpSchemaRegistryClient.parseUrls("http://a:8081, http://b:8081/,"))
                .containsExactly(URI.create("http://a:8081"), URI.create("http://b:8081/"));
    }

    /** A loopback URL on which nothing listens: the port was just free. */
    private static URI closedPortUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }
}
