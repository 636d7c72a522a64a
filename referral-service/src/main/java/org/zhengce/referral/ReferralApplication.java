package org.zhengce.referral;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.modulith.Modulithic;
import org.zhengce.kit.production.RequiredSettings;

/** Cases from warnings: jurisdictions, routing, workflow, policy and resource libraries, one household one plan. */
@SpringBootApplication
// the features' boundaries (ModularityTests); the infrastructure every feature may use is declared shared: who calls,
// request problems and paging, the audit log, the topics. The outbox and the timeline are not: they write what cases
// publishes and shows, through ports cases owns.
@Modulithic(
        systemName = ReferralApplication.NAME,
        sharedModules = {"security", "web", "audit", "topics"})
public class ReferralApplication {

    /** The service's name: its Kafka client id, its configuration file and its producer name in the topic catalogue. */
    public static final String NAME = "referral-service";

    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * The application with its own configuration file ({@value #NAME}.yml), so that the launcher can run
     * several services in one JVM without them reading each other's settings; it refuses to start without a setting
     * its configuration requires (the production profile's secrets).
     */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ReferralApplication.class)
                .properties("spring.config.name=" + NAME)
                // the production profile refuses to start without its secrets, naming each
                .listeners(new RequiredSettings());
    }
}
