package org.zhengce.notification;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.modulith.Modulithic;
import org.zhengce.kit.production.RequiredSettings;

/** Alerts to advisors: server-sent events, webhooks, acknowledgement and escalation. */
@SpringBootApplication
// the features' boundaries (ModularityTests); the infrastructure every feature may use is declared shared
@Modulithic(
        systemName = NotificationApplication.NAME,
        sharedModules = {"security", "topics", "outbox"})
public class NotificationApplication {

    /** The service's name: its Kafka client id, its configuration file and its producer name in the topic catalogue. */
    public static final String NAME = "notification-service";

    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * The application with its own configuration file ({@value #NAME}.yml), so that the launcher can run
     * several services in one JVM without them reading each other's settings; it refuses to start without a setting
     * its configuration requires (the production profile's secrets).
     */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(NotificationApplication.class)
                .properties("spring.config.name=" + NAME)
                // the production profile refuses to start without its secrets, naming each
                .listeners(new RequiredSettings());
    }
}
