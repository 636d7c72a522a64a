package org.zhengce.registry.parity;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The parity scenarios against our registry alone, on every build: each scenario's own checks of Confluent's
 * statuses and error codes ({@link ConfluentParityTests} also compares the answers with Confluent's).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        args = "--spring.config.name=schema-registry",
        properties = {
            "registry.store=memory",
            "registry.auth.users." + OurRegistryParityTests.WRITER + ".password=" + OurRegistryParityTests.PASSWORD,
            "registry.auth.users." + OurRegistryParityTests.WRITER + ".role=write"
        })
class OurRegistryParityTests {

    static final String WRITER = "parity-writer";
    static final String PASSWORD = "parity-password";

    @LocalServerPort
    int port;

    @TestFactory
    Stream<DynamicTest> scenarios() {
        String url = "http://localhost:" + port;
        return ParityScenarios.all().stream()
                .map(scenario -> DynamicTest.dynamicTest(
                        scenario.name(),
                        () -> scenario.play().accept(new ScenarioRun(url, WRITER + ":" + PASSWORD, "parity-"))));
    }
}
