package org.zhengce.registry.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;
import org.zhengce.registry.TestRegistries;
import org.zhengce.registry.parity.ScenarioRun.Step;

/**
 * The parity scenarios against Confluent's own registry ({@code confluentinc/cp-schema-registry}, Confluent Platform
 * 8) on Apache Kafka's image, and against ours on the same broker: every answer compared field by field, ids and
 * GUIDs as aliases (README, "Parity with Confluent's registry"). Needs a Docker engine; without one it is skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
class ConfluentParityTests {

    static final String CONFLUENT_IMAGE = "confluentinc/cp-schema-registry:8.0.0";
    static final String KAFKA_IMAGE = "apache/kafka:4.0.0";
    private static final String WRITER = "parity-writer";
    private static final String PASSWORD = "parity-password";

    static final Network network = Network.newNetwork();

    @Container
    static final KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
            .withNetwork(network)
            .withListener("kafka:19092");

    @Container
    static final GenericContainer<?> confluent = new GenericContainer<>(DockerImageName.parse(CONFLUENT_IMAGE))
            .withNetwork(network)
            .withExposedPorts(8081)
            .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
            .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
            .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
            .withEnv("SCHEMA_REGISTRY_MODE_MUTABILITY", "true")
            .dependsOn(kafka)
            .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));

    static ConfigurableApplicationContext ours;

    @BeforeAll
    static void ourRegistry() {
        ours = TestRegistries.start(kafka.getBootstrapServers(), "_schemas_ours", WRITER, PASSWORD);
    }

    @AfterAll
    static void stopOurs() {
        ours.close();
    }

    @TestFactory
    Stream<DynamicTest> everyAnswerIsConfluents() {
        String theirs = "http://" + confluent.getHost() + ":" + confluent.getMappedPort(8081);
        return ParityScenarios.all().stream()
                .map(scenario -> DynamicTest.dynamicTest(scenario.name(), () -> {
                    ScenarioRun confluentRun = new ScenarioRun(theirs, null, "parity-");
                    scenario.play().accept(confluentRun);
                    ScenarioRun ourRun = new ScenarioRun(TestRegistries.url(ours), WRITER + ":" + PASSWORD, "parity-");
                    scenario.play().accept(ourRun);

                    List<Step> expected = confluentRun.steps();
                    List<Step> actual = ourRun.steps();
                    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                        assertThat(actual.get(i))
                                .as(
                                        "%s, step '%s'",
                                        scenario.name(), expected.get(i).label())
                                .isEqualTo(expected.get(i));
                    }
                    assertThat(actual).hasSameSizeAs(expected);
                }));
    }
}
