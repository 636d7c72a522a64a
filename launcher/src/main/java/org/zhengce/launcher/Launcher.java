package org.zhengce.launcher;

import java.io.IOException;
import java.util.Arrays;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;

/**
 * Starts the whole platform locally on embedded defaults. {@code --reset} starts from an empty data
 * directory; otherwise the data of the previous run is kept.
 *
 * <p>No auto-configuration here on purpose: the services' starters are on this classpath, and their
 * beans (Kafka admin, data sources, security) belong in each service's own context, not the launcher's.
 */
@SpringBootConfiguration
@ComponentScan
@ConfigurationPropertiesScan
public class Launcher {

    public static void main(String[] args) throws IOException {
        application(args).run(args);
    }

    static SpringApplicationBuilder application(String... args) {
        boolean reset = Arrays.asList(args).contains("--reset");
        return new SpringApplicationBuilder(Launcher.class)
                .web(WebApplicationType.NONE)
                .properties("spring.config.name=launcher", "launcher.reset=" + reset);
    }
}
