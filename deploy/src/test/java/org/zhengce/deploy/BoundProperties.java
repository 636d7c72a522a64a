package org.zhengce.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The configuration a service really binds, as the names of environment variables: a placeholder its own
 * configuration file reads ({@code ${INTAKE_PSEUDONYM_KEY:}}), or a property (Spring's relaxed binding: dots as
 * {@code _}, dashes dropped, upper case) that its file sets, that Spring Boot's configuration metadata knows (not one
 * removed, kept there only to name its replacement; a map
 * property, such as {@code spring.kafka.properties}, with any key below it), or under one of the service's own
 * {@code @ConfigurationProperties} prefixes.
 */
final class BoundProperties {

    /** Read by the JVM itself, not by Spring. */
    private static final Set<String> JVM = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern CONFIGURATION_PROPERTIES =
            Pattern.compile("@ConfigurationProperties\\(\\s*(?:prefix\\s*=\\s*|value\\s*=\\s*)?\"([a-z0-9.-]+)\"");

    private final Set<String> placeholders = new TreeSet<>();
    private final Set<String> properties = new TreeSet<>();
    private final Set<String> prefixes = new TreeSet<>();

    private BoundProperties() {}

    /** What {@code service} binds: its file, its sources (under {@code repository}), and Boot's metadata. */
    static BoundProperties of(Path repository, String service) {
        BoundProperties bound = new BoundProperties();
        Path module = repository.resolve(service);
        Path file = module.resolve("src/main/resources").resolve(service + ".yml");
        try {
            String text = Files.readString(file);
            Matcher placeholder = PLACEHOLDER.matcher(text);
            while (placeholder.find()) {
                bound.placeholders.add(placeholder.group(1));
            }
            // every document: the default one and those of a profile (production)
            for (Object yaml : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
                bound.flatten("", yaml);
            }
            try (Stream<Path> sources = Files.walk(module.resolve("src/main/java"))) {
                for (Path source : sources.filter(path -> path.toString().endsWith(".java"))
                        .toList()) {
                    Matcher prefix = CONFIGURATION_PROPERTIES.matcher(Files.readString(source));
                    while (prefix.find()) {
                        bound.prefixes.add(environmentName(prefix.group(1)) + "_");
                    }
                }
            }
            bound.bootMetadata();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bound;
    }

    /** Whether the environment variable {@code name} sets something the service binds. */
    boolean binds(String name) {
        return JVM.contains(name)
                || placeholders.contains(name)
                || properties.contains(name)
                || prefixes.stream().anyMatch(name::startsWith);
    }

    /** A property's environment variable: {@code spring.kafka.streams.state-dir} is {@code SPRING_KAFKA_STREAMS_STATEDIR}. */
    static String environmentName(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private void flatten(String prefix, Object node) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value));
        } else if (!prefix.isEmpty()) {
            properties.add(environmentName(prefix));
        }
    }

    private void bootMetadata() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Enumeration<URL> files =
                getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json");
        int read = 0;
        while (files.hasMoreElements()) {
            URL url = files.nextElement();
            if (!url.toString().contains("spring-boot")) {
                continue;
            }
            try (InputStream in = url.openStream()) {
                for (JsonNode property : mapper.readTree(in).path("properties")) {
                    // removed: Boot keeps its old name in the metadata only to report the replacement
                    if (property.path("deprecation").path("level").asText().equals("error")) {
                        continue;
                    }
                    String name = environmentName(property.path("name").asText());
                    properties.add(name);
                    if (property.path("type").asText().startsWith("java.util.Map")) {
                        prefixes.add(name + "_");
                    }
                }
            }
            read++;
        }
        if (read == 0) {
            throw new IllegalStateException("no Spring Boot configuration metadata on the class path");
        }
    }
}
