package org.zhengce.intake;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zhengce.embedded.EmbeddedDatabases;

/**
 * The whole intake application on a real PostgreSQL, migrated by Flyway from empty, one database per test
 * class. No broker: topics are not created at start-up. The admin authenticates with {@link #ADMIN_KEY}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=intake-service",
            "spring.kafka.admin.auto-create=false",
            "intake.topics.consume=false",
            // no broker, so not referral's directory on the jurisdictions topic: the demo city's communities as a list
            "intake.pipeline.communities=classpath:communities.txt",
            // the pipeline's serde needs a registry address; these tests never publish, so nothing is called
            "spring.kafka.properties.schema.registry.url=http://localhost:1",
            "intake.pseudonyms.keys.k1=" + TestKeys.PSEUDONYM_KEY,
            "intake.pseudonyms.active-key-id=k1",
            "intake.pipeline.sealing-keys.s1=" + TestKeys.SEALING_KEY,
            "intake.pipeline.sealing-key-id=s1",
            "intake.pipeline.digest-keys.d1=" + TestKeys.DIGEST_KEY,
            "intake.pipeline.digest-key-id=d1",
            // SHA-256 of ADMIN_KEY
            "intake.admin.api-key-hash=944650a7cd0f9e14d5c4fb15edbffb7fa45fb9ed36a4fa9be3d7e5476ae51bd9"
        })
@AutoConfigureWebTestClient
@DirtiesContext
public abstract class IntakeDatabaseTest {

    protected static final String ADMIN_KEY = "test-admin-key";

    private static final String DATABASE = "intake";

    /** Started afresh for each test class, before Spring builds its context and reads the suppliers below. */
    protected static @Nullable EmbeddedDatabases postgres;

    @BeforeAll
    static void startDatabase() {
        postgres = EmbeddedDatabases.builder().databases(DATABASE).start();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) {
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

    private static EmbeddedDatabases database() {
        EmbeddedDatabases running = postgres;
        if (running == null) {
            throw new IllegalStateException("the test database runs only between @BeforeAll and @AfterAll");
        }
        return running;
    }
}
