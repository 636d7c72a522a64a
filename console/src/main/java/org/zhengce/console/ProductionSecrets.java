package org.zhengce.console;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * The production profile's console signs in at the city's identity provider with a secret from the environment: started
 * without {@code CONSOLE_CLIENT_SECRET} or {@code CONSOLE_ISSUER_URI} it refuses at once, naming each (never a value),
 * before it asks the provider for anything. Added to the console's own {@code SpringApplicationBuilder}.
 */
final class ProductionSecrets implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final String REGISTRATION = "spring.security.oauth2.client.registration.console.";
    private static final String PROVIDER = "spring.security.oauth2.client.provider.platform.";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    static void check(ConfigurableEnvironment environment) {
        if (!environment.acceptsProfiles(Profiles.of("production"))) {
            return;
        }
        List<String> missing = new ArrayList<>();
        if (blank(environment.getProperty(REGISTRATION + "client-secret"))) {
            missing.add(REGISTRATION + "client-secret (environment variable CONSOLE_CLIENT_SECRET)");
        }
        if (blank(environment.getProperty(PROVIDER + "issuer-uri"))) {
            missing.add(PROVIDER + "issuer-uri (environment variable CONSOLE_ISSUER_URI)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Refusing to start: " + String.join(", ", missing)
                    + " not set. The production profile takes the console's secret from the environment (a Kubernetes"
                    + " Secret) and has no default (README, \"Production profile\").");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
