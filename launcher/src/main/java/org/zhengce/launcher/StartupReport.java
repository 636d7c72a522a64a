package org.zhengce.launcher;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.zhengce.embedded.EmbeddedDatabases;
import org.zhengce.embedded.EmbeddedKafka;
import org.zhengce.launcher.EmbeddedStack.DataDirectory;
import org.zhengce.registry.EmbeddedSchemaRegistry;

/** Tells the person who started the platform where everything is, once it is all up. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final DataDirectory data;
    private final EmbeddedKafka kafka;
    private final EmbeddedSchemaRegistry registry;
    private final EmbeddedDatabases databases;
    private final PlatformServices services;
    private final LocalSecrets secrets;

    StartupReport(
            DataDirectory data,
            EmbeddedKafka kafka,
            EmbeddedSchemaRegistry registry,
            EmbeddedDatabases databases,
            PlatformServices services,
            LocalSecrets secrets) {
        this.secrets = secrets;
        this.data = data;
        this.kafka = kafka;
        this.registry = registry;
        this.databases = databases;
        this.services = services;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report(ApplicationReadyEvent ready) {
        StringBuilder text = new StringBuilder("\n\n  The platform is up.\n\n");
        text.append(line("Kafka (KRaft, in-process)", kafka.bootstrapServers()));
        text.append(line("Schema registry", registry.url()));
        for (String db : EmbeddedStack.DATABASES) {
            text.append(line("PostgreSQL " + db, databases.jdbcUrl(db) + "  (user/password " + db + ")"));
        }
        for (PlatformServices.RunningService service : services.running()) {
            text.append(line(service.name(), "http://localhost:" + service.port() + "/actuator/health"));
        }
        text.append(
                line("intake admin API key", "X-API-Key: " + secrets.adminApiKey() + "  (in " + secrets.file() + ")"));
        text.append(line(
                "intake API (OpenAPI)",
                "http://localhost:" + services.running().get(0).port() + "/swagger-ui.html"));
        text.append(line("Data directory", data.root() + "  (kept across runs; --reset starts clean)"));
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        text.append(line("Started in", ready.getTimeTaken().toMillis() + " ms"));
        text.append(line(
                "Heap used", heap.getUsed() / (1024 * 1024) + " MiB of " + heap.getMax() / (1024 * 1024) + " MiB"));
        log.info("{}", text);
    }

    private static String line(String what, String where) {
        return String.format("  %-28s %s%n", what, where);
    }
}
