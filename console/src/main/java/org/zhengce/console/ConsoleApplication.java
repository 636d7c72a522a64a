package org.zhengce.console;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The web page where advisors, supervisors and social organisations work, and its backend-for-frontend. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsoleApplication {

    /** The application's name and its configuration file ({@value}.yml). */
    public static final String NAME = "console";

    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * The application with its own configuration file, so the launcher can run it beside the services; under the
     * production profile it refuses to start without its secret.
     */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ConsoleApplication.class)
                .properties("spring.config.name=" + NAME)
                .listeners(new ProductionSecrets());
    }
}
