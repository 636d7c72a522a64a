package org.zhengce.authserver;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;

/**
 * The embedded authorisation server. Its configuration file is {@value #NAME}.yml, so that it shares the launcher's
 * classpath with the services without reading their settings (nor they its).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan
@ConfigurationPropertiesScan
public class AuthServerApplication {

    /** The application's name and its configuration file's. */
    public static final String NAME = "auth-server";

    public static void main(String[] args) {
        application().run(args);
    }

    /** A servlet application (Spring Authorization Server has no reactive flavour) with its own configuration file. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(AuthServerApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties("spring.config.name=" + NAME);
    }
}
