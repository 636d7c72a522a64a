package org.zhengce.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.zhengce.schemas.catalogue.Topic;
import org.zhengce.schemas.catalogue.TopicCatalogue;

/**
 * Who may do what on the Kafka cluster, derived from the topic catalogue and the services' own Kafka settings: one
 * {@link Grant} per resource and operation, per Kafka user (a service, or a department's system).
 *
 * <ul>
 *   <li>The one writer of a topic writes it and reads it back (outbox relays look for a record that may have been
 *       sent; dead-letter APIs list their lanes), and describes its configuration.
 *   <li>A reader reads it.
 *   <li>A dead-letter lane's writer that reads the lane's source (not a department's topic: intake replays those from
 *       its sealed store) writes the source too: the dead-letter replay publishes a record back where it was read.
 *   <li>Kafka Streams purges what it has consumed from its repartition topics (Delete).
 *   <li>A service's consumer groups (the {@code group-id}, its own {@code <service>.topics.group}, each binding's {@code group}, the Streams
 *       {@code application-id}) and, for an exactly-once Streams application or a {@code transaction-id-prefix},
 *       its transactional ids (prefixed: one per thread or producer).
 *   <li>A department writes its own {@code dept.<code>.events} and reads only the topics the catalogue gives it,
 *       its own {@code decisions.<code>}, in consumer groups {@code dept.<code>.*}.
 * </ul>
 */
final class KafkaAccess {

    /** The catalogue's producer or consumer name for a department's own system. */
    static final String DEPARTMENT = "department";

    /** The Kafka user KEDA reads consumer lag as: it describes the services' groups and the topics they read. */
    static final String LAG_READER = "keda-lag-reader";

    private static final String DEPARTMENT_CODE = "departmentCode";

    /**
     * One permission.
     *
     * @param resourceType {@code topic}, {@code group} or {@code transactionalId}
     * @param name the resource's name, or its prefix
     * @param patternType {@code literal} or {@code prefix}
     * @param operation Kafka's operation name ({@code Read}, {@code Write}...)
     */
    record Grant(String resourceType, String name, String patternType, String operation) implements Comparable<Grant> {

        @Override
        public int compareTo(Grant other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return resourceType + " " + name + " (" + patternType + "): " + operation;
        }
    }

    /**
     * A service's Kafka identity as its own configuration names it.
     *
     * @param groups the consumer groups it joins
     * @param transactionalIdPrefixes the prefixes of its transactional ids
     */
    record ClientSettings(SortedSet<String> groups, SortedSet<String> transactionalIdPrefixes) {}

    private KafkaAccess() {}

    /** The Kafka user of a service (its name) or of a department ({@code dept-<code>}). */
    static String departmentUser(String departmentCode) {
        return "dept-" + departmentCode;
    }

    /** Every Kafka user's grants, by user name, from the catalogue and each service's settings. */
    static SortedMap<String, SortedSet<Grant>> derive(TopicCatalogue catalogue, Path repository) {
        SortedMap<String, SortedSet<Grant>> users = new TreeMap<>();
        SortedSet<Grant> lag = new TreeSet<>();
        for (String service : services(catalogue)) {
            ClientSettings settings = clientSettings(repository, service);
            users.put(service, service(catalogue, service, settings));
            lag.addAll(lagReader(catalogue, service, settings));
        }
        users.put(LAG_READER, lag);
        for (String code : departmentCodes(catalogue)) {
            users.put(departmentUser(code), department(catalogue, code));
        }
        return users;
    }

    /** The services that write or read a topic of the catalogue (a department's system is not one). */
    static SortedSet<String> services(TopicCatalogue catalogue) {
        SortedSet<String> services = new TreeSet<>();
        for (Topic topic : catalogue.topics()) {
            services.add(topic.producer());
            services.addAll(topic.consumers());
        }
        services.remove(DEPARTMENT);
        return services;
    }

    /** The department codes of the catalogue's department topics. */
    static SortedSet<String> departmentCodes(TopicCatalogue catalogue) {
        SortedSet<String> codes = new TreeSet<>();
        for (Topic topic : catalogue.topics()) {
            if (topic.producer().equals(DEPARTMENT) || topic.isConsumedBy(DEPARTMENT)) {
                codes.add(departmentCode(topic)
                        .orElseThrow(() -> new IllegalStateException(
                                "topic " + topic.name() + " is a department's but names no " + DEPARTMENT_CODE)));
            }
        }
        return codes;
    }

    static SortedSet<Grant> service(TopicCatalogue catalogue, String service, ClientSettings settings) {
        SortedSet<Grant> grants = new TreeSet<>();
        for (Topic topic : catalogue.topics()) {
            if (topic.producer().equals(service)) {
                topic(grants, topic.name(), "Describe", "DescribeConfigs", "Read", "Write");
                settings.groups().stream()
                        .filter(group -> topic.name().startsWith(group + "-")
                                && topic.name().endsWith("-repartition"))
                        .forEach(group -> topic(grants, topic.name(), "Delete"));
                replayedSource(catalogue, topic)
                        .filter(source -> source.isConsumedBy(service) && !source.isFromPattern())
                        .ifPresent(source -> topic(grants, source.name(), "Describe", "Write"));
            }
            if (topic.isConsumedBy(service)) {
                topic(grants, topic.name(), "Describe", "Read");
            }
        }
        settings.groups().forEach(group -> grants.add(new Grant("group", group, "literal", "Read")));
        for (String prefix : settings.transactionalIdPrefixes()) {
            grants.add(new Grant("transactionalId", prefix, "prefix", "Describe"));
            grants.add(new Grant("transactionalId", prefix, "prefix", "Write"));
        }
        return grants;
    }

    /** What KEDA needs to compute a service's lag: its groups' committed offsets and its topics' end offsets. */
    static SortedSet<Grant> lagReader(TopicCatalogue catalogue, String service, ClientSettings settings) {
        SortedSet<Grant> grants = new TreeSet<>();
        if (settings.groups().isEmpty()) {
            return grants;
        }
        settings.groups().forEach(group -> grants.add(new Grant("group", group, "literal", "Describe")));
        catalogue.topics().stream()
                .filter(topic -> topic.isConsumedBy(service))
                .forEach(topic -> topic(grants, topic.name(), "Describe"));
        return grants;
    }

    static SortedSet<Grant> department(TopicCatalogue catalogue, String code) {
        SortedSet<Grant> grants = new TreeSet<>();
        for (Topic topic : catalogue.topics()) {
            if (!departmentCode(topic).map(code::equals).orElse(false)) {
                continue;
            }
            if (topic.producer().equals(DEPARTMENT)) {
                topic(grants, topic.name(), "Describe", "Write");
            }
            if (topic.isConsumedBy(DEPARTMENT)) {
                topic(grants, topic.name(), "Describe", "Read");
            }
        }
        grants.add(new Grant("group", "dept." + code + ".", "prefix", "Read"));
        return grants;
    }

    /** The consumer groups and transactional ids a service's own configuration file names. */
    @SuppressWarnings("unchecked")
    static ClientSettings clientSettings(Path repository, String service) {
        Path file = repository.resolve(service).resolve("src/main/resources").resolve(service + ".yml");
        Map<String, Object> yaml;
        try {
            // the first document: the settings of every profile (a profile's document, such as production's, adds
            // credentials, not groups or transactional ids)
            yaml = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions()))
                    .loadAll(Files.readString(file))
                    .iterator()
                    .next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SortedSet<String> groups = new TreeSet<>();
        SortedSet<String> prefixes = new TreeSet<>();
        text(yaml, "spring", "kafka", "consumer", "group-id").ifPresent(groups::add);
        // a @KafkaListener's group named in the service's own settings (intake.topics.group)
        text(yaml, service.replace("-service", ""), "topics", "group").ifPresent(groups::add);
        text(yaml, "spring", "kafka", "producer", "transaction-id-prefix").ifPresent(prefixes::add);
        Optional<String> applicationId = text(yaml, "spring", "kafka", "streams", "application-id");
        applicationId.ifPresent(groups::add);
        Optional<String> guarantee = text(yaml, "spring", "kafka", "streams", "properties", "processing.guarantee");
        if (applicationId.isPresent()
                && guarantee.filter(g -> g.startsWith("exactly_once")).isPresent()) {
            // Kafka Streams' transactional ids: <application.id>-<process id>-<thread>
            prefixes.add(applicationId.get() + "-");
        }
        if (map(yaml, "spring", "cloud", "stream", "bindings") instanceof Map<?, ?> bindings) {
            for (Object binding : bindings.values()) {
                if (binding instanceof Map<?, ?> settings && settings.get("group") instanceof String group) {
                    groups.add(group);
                }
            }
        }
        return new ClientSettings(groups, prefixes);
    }

    private static void topic(SortedSet<Grant> grants, String topic, String... operations) {
        for (String operation : operations) {
            grants.add(new Grant("topic", topic, "literal", operation));
        }
    }

    private static Optional<Topic> replayedSource(TopicCatalogue catalogue, Topic topic) {
        return topic.deadLetterOf().flatMap(catalogue::find);
    }

    private static Optional<String> departmentCode(Topic topic) {
        return Optional.ofNullable(topic.addressParameters().get(DEPARTMENT_CODE));
    }

    private static Optional<String> text(Map<String, Object> yaml, String... path) {
        return map(yaml, path) instanceof String text ? Optional.of(text) : Optional.empty();
    }

    private static @Nullable Object map(Map<String, Object> yaml, String... path) {
        Object node = yaml;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    /** Every grant of {@code derived} missing from {@code actual}, and every one there that should not be. */
    static List<String> differences(
            SortedMap<String, SortedSet<Grant>> derived, SortedMap<String, SortedSet<Grant>> actual) {
        List<String> differences = new ArrayList<>();
        LinkedHashSet<String> users = new LinkedHashSet<>(derived.keySet());
        users.addAll(actual.keySet());
        for (String user : users) {
            SortedSet<Grant> expected = derived.getOrDefault(user, new TreeSet<>());
            SortedSet<Grant> granted = actual.getOrDefault(user, new TreeSet<>());
            expected.stream()
                    .filter(grant -> !granted.contains(grant))
                    .forEach(grant -> differences.add(user + ": missing " + grant));
            granted.stream()
                    .filter(grant -> !expected.contains(grant))
                    .forEach(grant -> differences.add(user + ": not in the catalogue " + grant));
        }
        return differences;
    }
}
