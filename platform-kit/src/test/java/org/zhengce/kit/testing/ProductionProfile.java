package org.zhengce.kit.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.zhengce.kit.production.RequiredSettings;
import org.zhengce.kit.production.RequiredSettings.MissingSettingsException;

/**
 * A service's {@code production} profile as its tests see it: started without its secrets it must refuse with the
 * names of the missing settings; with them, its configuration file binds under the profile (no database or broker
 * needed: an empty context with the service's configuration file and the same check).
 */
public final class ProductionProfile {

    public static final String PROFILE = "production";

    private ProductionProfile() {}

    /** The settings {@code application} (a service's own builder) refuses to start without under the profile. */
    public static List<String> refusal(SpringApplicationBuilder application) {
        MissingSettingsException[] refused = new MissingSettingsException[1];
        assertThatThrownBy(() -> application
                        .profiles(PROFILE)
                        .web(WebApplicationType.NONE)
                        .run()
                        .close())
                .isInstanceOfSatisfying(MissingSettingsException.class, e -> refused[0] = e);
        return refused[0].missing();
    }

    /**
     * The environment of configuration file {@code configName} under the profile, with {@code secrets} given (as the
     * environment variables a Secret sets), once {@link RequiredSettings} let it start.
     */
    public static ConfigurableEnvironment environment(String configName, Map<String, String> secrets) {
        Map<String, Object> properties = new LinkedHashMap<>(secrets);
        properties.put("spring.config.name", configName);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(NothingElse.class)
                .properties(properties)
                .profiles(PROFILE)
                .web(WebApplicationType.NONE)
                .listeners(new RequiredSettings())
                .run()) {
            return context.getEnvironment();
        }
    }

    /** No bean at all: only the configuration is under test. */
    @Configuration(proxyBeanMethods = false)
    static class NothingElse {}
}
