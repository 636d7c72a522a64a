package org.zhengce.launcher;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import org.zhengce.authserver.DemoLogins;
import org.zhengce.authserver.DemoUser;
import org.zhengce.console.ConsoleApplication;
import org.zhengce.embedded.EmbeddedDatabases;
import org.zhengce.embedded.EmbeddedKafka;
import org.zhengce.launcher.EmbeddedStack.DataDirectory;
import org.zhengce.registry.EmbeddedSchemaRegistry;

/** Tells the person who started the platform where everything is and how to sign in, once it is all up. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    /** The example user of the printed {@code curl} lines. */
    static final String EXAMPLE_USER = "advisor-wang-fang";

    private static final String SPRINGDOC = "org.springdoc.core.configuration.SpringDocConfiguration";

    private final DataDirectory data;
    private final EmbeddedKafka kafka;
    private final EmbeddedSchemaRegistry registry;
    private final EmbeddedDatabases databases;
    private final AuthorisationServer authorisationServer;
    private final PlatformServices services;
    private final LocalSecrets secrets;

    StartupReport(
            DataDirectory data,
            EmbeddedKafka kafka,
            EmbeddedSchemaRegistry registry,
            EmbeddedDatabases databases,
            AuthorisationServer authorisationServer,
            PlatformServices services,
            LocalSecrets secrets) {
        this.secrets = secrets;
        this.data = data;
        this.kafka = kafka;
        this.registry = registry;
        this.databases = databases;
        this.authorisationServer = authorisationServer;
        this.services = services;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report(ApplicationReadyEvent ready) {
        StringBuilder text = new StringBuilder("\n\n  The platform is up.\n\n");
        text.append(line("Kafka (KRaft, in-process)", kafka.bootstrapServers()));
        text.append(line(
                "Schema registry",
                registry.url() + "  (reads open; writes as user " + EmbeddedSchemaRegistry.WRITER + ", password in "
                        + secrets.registryFile() + ")"));
        for (String db : EmbeddedStack.DATABASES) {
            text.append(line(
                    "PostgreSQL " + db,
                    databases.jdbcUrl(db) + "  (owner " + db + ", service as " + databases.runtimeUsername(db)
                            + "; password = user)"));
        }
        String issuer = authorisationServer.issuer();
        text.append(line("Authorisation server", issuer + "/.well-known/openid-configuration"));
        String referral = "";
        String console = "";
        for (PlatformServices.RunningService service : services.running()) {
            String url = "http://localhost:" + service.port();
            if (service.name().equals(ConsoleApplication.NAME)) {
                console = url;
                continue;
            }
            text.append(line(
                    service.name(),
                    url + "/actuator/health"
                            + (hasOpenApi(service.context()) ? "   " + url + "/swagger-ui.html" : "")));
            if (service.name().equals("referral-service")) {
                referral = url;
            }
        }

        DemoLogins logins = authorisationServer.logins();
        text.append("\n  ▶ Console (open in a browser): ")
                .append(console)
                .append("\n    sign in as ")
                .append(EXAMPLE_USER)
                .append(" (an advisor), supervisor-jianwai (a supervisor) or social-worker-sun-li (an organisation),")
                .append(" password ")
                .append(logins.password())
                .append('\n');
        text.append("\n  Demo logins (form login at ")
                .append(issuer)
                .append("/login; password ")
                .append(logins.password())
                .append(" for every one, kept in ")
                .append(logins.file())
                .append("):\n");
        for (DemoUser user : logins.users()) {
            text.append(String.format(
                    "    %-22s %-16s %-30s %s%n",
                    user.id(), String.join(",", user.roles()), String.join(",", user.jurisdictions()), user.name()));
        }
        text.append("\n  A user's token from the command line, and a call with it:\n")
                .append("    TOKEN=$(curl -s -u ")
                .append(EXAMPLE_USER)
                .append(':')
                .append(logins.password())
                .append(" -H 'Accept: text/plain' -X POST ")
                .append(issuer)
                .append("/dev/token)\n")
                .append("    curl -H \"Authorization: Bearer $TOKEN\" '")
                .append(referral)
                .append("/cases?community=110105001001'\n");
        text.append("  A department's token for intake (client credentials; clients dept-<code>, secrets in ")
                .append(logins.file().getFileName())
                .append("):\n")
                .append("    curl -s -u dept-health:$(sed -n 's/^client-secret.dept-health=//p' ")
                .append(logins.file())
                .append(") -d grant_type=client_credentials ")
                .append(issuer)
                .append("/oauth2/token\n\n");

        text.append(
                line("intake admin API key", "X-API-Key: " + secrets.adminApiKey() + "  (in " + secrets.file() + ")"));
        text.append(line("Data directory", data.root() + "  (kept across runs; --reset starts clean)"));
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        text.append(line(
                "Started in",
                ready.getTimeTaken().toMillis() + " ms  (the JVM has been up "
                        + ManagementFactory.getRuntimeMXBean().getUptime() + " ms)"));
        text.append(line(
                "Heap used",
                mib(heap.getUsed()) + " MiB (" + mib(heapAfterLastCollection()) + " MiB live after the last GC) of "
                        + mib(heap.getMax()) + " MiB"));
        log.info("{}", text);
    }

    /** The heap the last collection of each pool left: what is live, without forcing a collection. */
    static long heapAfterLastCollection() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && afterGc != null) {
                used += afterGc.getUsed();
            }
        }
        return used;
    }

    private static boolean hasOpenApi(ConfigurableApplicationContext context) {
        if (!ClassUtils.isPresent(SPRINGDOC, StartupReport.class.getClassLoader())) {
            return false;
        }
        return context.getBeanNamesForType(ClassUtils.resolveClassName(SPRINGDOC, StartupReport.class.getClassLoader()))
                        .length
                > 0;
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }

    private static String line(String what, String where) {
        return String.format("  %-28s %s%n", what, where);
    }
}
