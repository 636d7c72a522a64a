package org.zhengce.schemas.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Every topic of the platform, read from the {@value #RESOURCE} resource: its name, key, value
 * schema, partitions, retention, clean-up policy, its one producer and its consumers. Immutable;
 * load it where it is needed ({@code TopicCatalogue.load().producedBy("scoring-service")}) and keep
 * the instance.
 *
 * <p>A service creates the topics it writes:
 *
 * <pre>{@code
 * @Bean
 * KafkaAdmin.NewTopics ownTopics() {
 *     return new KafkaAdmin.NewTopics(TopicCatalogue.load().producedBy("scoring-service").stream()
 *             .map(Topic::newTopic)
 *             .toArray(NewTopic[]::new));
 * }
 * }</pre>
 */
public final class TopicCatalogue {

    /** The class-path resource the catalogue is read from. */
    public static final String RESOURCE = "topics.yaml";

    private final List<Topic> topics;
    private final TopicEnvironment environment;

    private TopicCatalogue(List<Topic> topics, TopicEnvironment environment) {
        this.topics = List.copyOf(topics);
        this.environment = environment;
    }

    /**
     * The catalogue with replication left to the broker's defaults (right for a single in-process
     * broker, and for a cluster whose {@code default.replication.factor} is set).
     *
     * @throws IllegalStateException when the resource is missing or invalid; the message names the
     *     topic and the setting
     */
    public static TopicCatalogue load() {
        return load(TopicEnvironment.brokerDefaults());
    }

    /**
     * The catalogue as it applies to {@code environment}: its default partitions, replication factor
     * and {@code min.insync.replicas}, e.g. {@code load(TopicEnvironment.production())}.
     *
     * @throws IllegalStateException when the resource is missing or invalid
     */
    public static TopicCatalogue load(TopicEnvironment environment) {
        try (InputStream in = TopicCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the topic catalogue " + RESOURCE + " is not on the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), environment);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the topic catalogue " + RESOURCE, e);
        }
    }

    /** Reads a catalogue from YAML text in the {@value #RESOURCE} format. */
    static TopicCatalogue parse(String yaml, TopicEnvironment environment) {
        return new TopicCatalogue(new CatalogueReader(environment).read(yaml), environment);
    }

    /** Every topic, a pattern expanded to one topic per parameter value, in catalogue order. */
    public List<Topic> topics() {
        return topics;
    }

    /** The environment the topics' partitions and replication were resolved for. */
    public TopicEnvironment environment() {
        return environment;
    }

    /**
     * The topic of that name.
     *
     * @throws IllegalArgumentException when there is none; the message lists the known names
     */
    public Topic topic(String name) {
        return find(name)
                .orElseThrow(() -> new IllegalArgumentException("no topic '" + name + "' in the catalogue; known: "
                        + topics.stream().map(Topic::name).collect(Collectors.joining(", "))));
    }

    /** The topic of that name, if the catalogue has one. */
    public Optional<Topic> find(String name) {
        return topics.stream().filter(topic -> topic.name().equals(name)).findFirst();
    }

    /**
     * The topics {@code service} writes (it is their one producer), e.g. to create them at start-up.
     * {@code "department"} gives the departments' own topics.
     */
    public List<Topic> producedBy(String service) {
        return select(topic -> topic.producer().equals(service));
    }

    /** The topics {@code service} reads. */
    public List<Topic> consumedBy(String service) {
        return select(topic -> topic.isConsumedBy(service));
    }

    /**
     * The dead-letter topic that keeps the bad records of {@code topicName} (a concrete name such as
     * {@code dept.health.events}, or an address), if there is one: the first listed, when a topic has more than one
     * lane (scoring's {@code household.events.processing.dlq}, after {@code household.events.dlq}, is taken by name).
     */
    public Optional<Topic> deadLetterTopicOf(String topicName) {
        String address = find(topicName).map(Topic::address).orElse(topicName);
        return topics.stream()
                .filter(topic -> topic.deadLetterOf().filter(address::equals).isPresent())
                .findFirst();
    }

    private List<Topic> select(Predicate<Topic> condition) {
        return topics.stream().filter(condition).toList();
    }

    @Override
    public String toString() {
        return "TopicCatalogue" + topics.stream().map(Topic::name).toList();
    }
}
