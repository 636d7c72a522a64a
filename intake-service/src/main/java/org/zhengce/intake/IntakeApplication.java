package org.zhengce.intake;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.modulith.Modulithic;
import org.zhengce.kit.production.RequiredSettings;

/** The department edge: authenticates departments, validates and pseudonymises their events, publishes them to household.events. */
@SpringBootApplication
// the features' boundaries (ModularityTests); the infrastructure every feature may use is declared shared
@Modulithic(
        systemName = IntakeApplication.NAME,
        sharedModules = {"security"})
public class IntakeApplication {

    /** The service's name: its Kafka client id, its configuration file and its producer name in the topic catalogue. */
    public static final String NAME = "intake-service";

    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * The application with its own configuration file ({@value #NAME}.yml), so that the launcher can run
     * several services in one JVM without them reading each other's settings; it refuses to start without a setting
     * its configuration requires (the production profile's secrets).
     */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(IntakeApplication.class)
                .properties("spring.config.name=" + NAME)
                // the production profile refuses to start without its secrets, naming each
                .listeners(new RequiredSettings());
    }
}
