package org.zhengce.kit.production;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start a service that lacks a setting its configuration requires ({@value #PREFIX}: the setting → the
 * environment variable that gives it), naming every missing one at once. A service's {@code production} profile lists
 * its secrets there and gives them no default ({@code ${INTAKE_DB_PASSWORD:}}): unset, the service stops before its
 * first bean, so before it connects to a database or a broker with an empty password.
 *
 * <p>A listener each service adds to its own {@code SpringApplicationBuilder} (the kit configures nothing by itself,
 * ADR 0010); it runs once the configuration files are read. Only names are ever reported, never a value.
 */
public final class RequiredSettings implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    /** The map of required settings: property name → the environment variable that gives it. */
    public static final String PREFIX = "platform.production.required";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    /** Throws {@link MissingSettingsException} naming each required setting of {@code environment} that is blank. */
    public static void check(ConfigurableEnvironment environment) {
        Map<String, String> required = Binder.get(environment)
                .bind(PREFIX, Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        List<String> missing = required.entrySet().stream()
                .filter(setting -> {
                    String value = environment.getProperty(setting.getKey());
                    return value == null || value.isBlank();
                })
                .map(setting -> setting.getKey() + " (environment variable " + setting.getValue() + ")")
                .sorted()
                .toList();
        if (!missing.isEmpty()) {
            throw new MissingSettingsException(missing);
        }
    }

    /** A service started without settings its configuration requires; the message names each, never a value. */
    public static final class MissingSettingsException extends IllegalStateException {

        private final List<String> missing;

        MissingSettingsException(List<String> missing) {
            super("Refusing to start: " + String.join(", ", missing)
                    + (missing.size() == 1 ? " is" : " are")
                    + " not set. The production profile takes every secret from the environment (a Kubernetes"
                    + " Secret) and has no default for any (README, \"Production profile\").");
            this.missing = List.copyOf(missing);
        }

        /** Each missing setting with the environment variable that gives it. */
        public List<String> missing() {
            return missing;
        }
    }
}
