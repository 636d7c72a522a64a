package org.zhengce.schemas.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.zhengce.events.Department;

class TopicCatalogueTest {

    /** The platform's services, and "department" for a department's own system. */
    private static final Set<String> PARTIES = Set.of(
            "intake-service",
            "scoring-service",
            "referral-service",
            "notification-service",
            "schema-registry",
            "department");

    private final TopicCatalogue catalogue = TopicCatalogue.load();

    @Test
    void topicNamesAreUnique() {
        List<String> names = catalogue.topics().stream().map(Topic::name).toList();
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        assertThat(names)
                .contains(
                        "household.events",
                        "household.scores",
                        "household.warnings",
                        "scoring.models",
                        "case.events",
                        "decisions.civil-affairs",
                        "decisions.medical-insurance",
                        "alert.events",
                        "household.events.dlq",
                        "household.events.processing.dlq",
                        "household.warnings.dlq",
                        "case.events.dlq",
                        "dept.events.dlq",
                        "_schemas");
    }

    @Test
    void everyValueSchemaExistsAsAGeneratedClassOrAPrimitive() {
        for (Topic topic : catalogue.topics()) {
            Schema schema = topic.valueSchema();
            String name = schema.getType() == Schema.Type.RECORD
                    ? schema.getFullName()
                    : schema.getType().getName();
            assertThat(name).as(topic.name()).isEqualTo(topic.valueSchemaName());
        }
        assertThat(catalogue.topic("household.events").valueSchema().getFullName())
                .isEqualTo("org.zhengce.events.HouseholdEvent");
        assertThat(catalogue.topic("dept.health.events").valueSchema().getFullName())
                .isEqualTo("org.zhengce.intake.DepartmentEvent");
    }

    @Test
    void compactedTopicsAreTheTablesAndKeepEveryKey() {
        List<Topic> compacted =
                catalogue.topics().stream().filter(Topic::isCompacted).toList();

        assertThat(compacted)
                .extracting(Topic::name)
                .filteredOn(name -> !name.endsWith("-changelog"))
                .containsExactlyInAnyOrder("household.scores", "scoring.models", "jurisdictions", "_schemas");
        assertThat(compacted)
                .extracting(Topic::name)
                .filteredOn(name -> name.endsWith("-changelog"))
                .allSatisfy(name -> assertThat(name).startsWith("scoring-service-"))
                .contains("scoring-service-portraits-changelog", "scoring-service-household-states-changelog");
        for (Topic topic : compacted) {
            assertThat(topic.configs())
                    .as(topic.name())
                    .containsEntry("cleanup.policy", "compact")
                    .containsEntry("retention.ms", "-1");
        }
        assertThat(catalogue.topic("scoring.models").partitions()).isOne();
        assertThat(catalogue.topic("_schemas").partitions()).isOne();
    }

    @Test
    void everyTopicHasExactlyOneKnownProducerAndKnownConsumers() {
        for (Topic topic : catalogue.topics()) {
            assertThat(PARTIES).as("producer of %s", topic.name()).contains(topic.producer());
            assertThat(PARTIES).as("consumers of %s", topic.name()).containsAll(topic.consumers());
        }
    }

    @Test
    void aListOfProducersIsRefused() {
        String yaml = minimal("producer: [intake-service, scoring-service]");

        assertThatThrownBy(() -> TopicCatalogue.parse(yaml, TopicEnvironment.brokerDefaults()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("topic 'some.events'")
                .hasMessageContaining("one writer per topic");
    }

    @Test
    void departmentPatternExpandsToOneTopicPerDepartment() {
        List<Topic> departmentTopics = catalogue.producedBy("department");

        assertThat(departmentTopics)
                .extracting(Topic::name)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Department.values())
                        .filter(department -> department != Department.OTHER)
                        .map(department -> "dept."
                                + department.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".events")
                        .toList());
        Topic health = catalogue.topic("dept.health.events");
        assertThat(health.address()).isEqualTo("dept.{departmentCode}.events");
        assertThat(health.addressParameters()).isEqualTo(Map.of("departmentCode", "health"));
        assertThat(health.isFromPattern()).isTrue();
        assertThat(health.consumers()).containsExactly("intake-service");
        assertThat(health.retention()).isEqualTo(Retention.of(Duration.ofDays(7)));
    }

    @Test
    void theDepartmentAddedLastHasItsOwnTopicAndItsDecisions() {
        Topic events = catalogue.topic("dept.public-security.events");

        assertThat(events.addressParameters()).isEqualTo(Map.of("departmentCode", "public-security"));
        assertThat(events.producer()).isEqualTo("department");
        assertThat(events.consumers()).containsExactly("intake-service");
        assertThat(events.partitions())
                .isEqualTo(catalogue.topic("dept.health.events").partitions());
        assertThat(catalogue.deadLetterTopicOf(events.name())).map(Topic::name).contains("dept.events.dlq");
        assertThat(catalogue.topic("decisions.public-security").consumers())
                .containsExactly("department", "intake-service");
    }

    @Test
    void decisionsGoToOneTopicPerDepartmentAndNoTopicCarriesThemAll() {
        List<Topic> decisions = catalogue.topics().stream()
                .filter(topic -> topic.valueSchemaName().equals("org.zhengce.events.AssistanceDecisionShared"))
                .toList();

        assertThat(decisions)
                .extracting(Topic::name)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Department.values())
                        .filter(department -> department != Department.OTHER)
                        .map(department -> "decisions."
                                + department.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .toList());
        assertThat(decisions).allSatisfy(topic -> {
            assertThat(topic.address()).isEqualTo("decisions.{departmentCode}");
            assertThat(topic.producer()).isEqualTo("referral-service");
            // the department itself, and intake for the departments that take them over HTTP (ADR 0032)
            assertThat(topic.consumers()).containsExactly("department", "intake-service");
            assertThat(topic.key()).isEqualTo("household number");
        });
        assertThat(catalogue.find("decisions.shared")).isEmpty();
    }

    @Test
    void producedByGivesTheTopicsAServiceCreates() {
        assertThat(catalogue.producedBy("intake-service"))
                .extracting(Topic::name)
                .containsExactly("household.events", "dept.events.dlq");
        assertThat(catalogue.producedBy("scoring-service"))
                .extracting(Topic::name)
                .filteredOn(name -> !name.startsWith("scoring-service-"))
                .containsExactly(
                        "household.scores",
                        "household.warnings",
                        "scoring.models",
                        "household.events.dlq",
                        "household.events.processing.dlq");
        assertThat(catalogue.producedBy("nobody")).isEmpty();
    }

    @Test
    void consumedByGivesTheTopicsAServiceReads() {
        assertThat(catalogue.consumedBy("referral-service"))
                .extracting(Topic::name)
                .containsExactly("household.events", "household.scores", "household.warnings", "alert.events");
        assertThat(catalogue.consumedBy("intake-service"))
                .filteredOn(Topic::isFromPattern)
                .filteredOn(topic -> topic.address().startsWith("dept."))
                .as("one department topic per Department symbol but OTHER")
                .hasSize(Department.values().length - 1);
        assertThat(catalogue.consumedBy("intake-service"))
                .filteredOn(topic -> topic.address().equals("decisions.{departmentCode}"))
                .as("and its decisions, for the departments over HTTP")
                .hasSize(Department.values().length - 1);
        assertThat(catalogue.consumedBy("intake-service"))
                .filteredOn(topic -> !topic.isFromPattern())
                .as("the organisation structure, for its known communities")
                .extracting(Topic::name)
                .containsExactly("jurisdictions");
        assertThat(catalogue.consumedBy("notification-service"))
                .extracting(Topic::name)
                .containsExactly("case.events", "jurisdictions");
    }

    @Test
    void deadLetterTopicsTakeTheirSourcesPartitionsAndKeepRecordsUntilReplayed() {
        assertThat(catalogue.deadLetterTopicOf("household.events"))
                .map(Topic::name)
                .contains("household.events.dlq");
        assertThat(catalogue.deadLetterTopicOf("dept.health.events"))
                .map(Topic::name)
                .contains("dept.events.dlq");
        assertThat(catalogue.deadLetterTopicOf("household.scores")).isEmpty();
        // scoring's second lane, for what it read but could not process, is named, never found by its source
        assertThat(catalogue.topic("household.events.processing.dlq").deadLetterOf())
                .contains("household.events");
        for (Topic deadLetters : catalogue.topics()) {
            if (deadLetters.deadLetterOf().isEmpty()) {
                continue;
            }
            Topic source = catalogue.topics().stream()
                    .filter(topic ->
                            topic.address().equals(deadLetters.deadLetterOf().get()))
                    .findFirst()
                    .orElseThrow();
            assertThat(deadLetters.partitions()).as(deadLetters.name()).isEqualTo(source.partitions());
            assertThat(deadLetters.valueSchemaName()).isEqualTo("bytes");
            assertThat(deadLetters.retention().isInfinite()).isTrue();
            assertThat(source.consumers())
                    .as("the producer of %s reads %s", deadLetters.name(), source.name())
                    .contains(deadLetters.producer());
        }
    }

    @Test
    void brokerDefaultsLeaveReplicationToTheBroker() {
        NewTopic request = catalogue.topic("household.events").newTopic();

        assertThat(request.name()).isEqualTo("household.events");
        assertThat(request.numPartitions()).isEqualTo(12);
        assertThat(request.replicationFactor()).isEqualTo((short) -1);
        assertThat(request.configs())
                .containsExactlyInAnyOrderEntriesOf(Map.of("cleanup.policy", "delete", "retention.ms", "-1"));
    }

    @Test
    void productionReplicatesThreeTimesWithTwoInSync() {
        Topic warnings = TopicCatalogue.load(TopicEnvironment.production()).topic("household.warnings");
        NewTopic request = warnings.newTopic();

        assertThat(request.replicationFactor()).isEqualTo((short) 3);
        assertThat(request.configs())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "cleanup.policy", "delete",
                        "retention.ms", Long.toString(Duration.ofDays(90).toMillis()),
                        "min.insync.replicas", "2"));
    }

    @Test
    void environmentDefaultPartitionsApplyToTopicsWithoutTheirOwn() {
        String yaml = minimal("producer: intake-service") + """
                  - name: other.events
                    key: household number
                    value: string
                    partitions: 9
                    retention: infinite
                    cleanupPolicy: delete
                    producer: intake-service
                    consumers: []
                    description: 其他 another topic
                """;

        TopicCatalogue fromFile = TopicCatalogue.parse(yaml, TopicEnvironment.brokerDefaults());
        TopicCatalogue overridden =
                TopicCatalogue.parse(yaml, TopicEnvironment.brokerDefaults().withDefaultPartitions(2));

        assertThat(fromFile.topic("some.events").partitions()).isEqualTo(4);
        assertThat(overridden.topic("some.events").partitions()).isEqualTo(2);
        assertThat(overridden.topic("other.events").partitions()).isEqualTo(9);
    }

    @Test
    void unknownSettingIsRefusedWithItsName() {
        assertThatThrownBy(() -> TopicCatalogue.parse(
                        minimal("producer: intake-service\n    retentoin: P1D"), TopicEnvironment.brokerDefaults()))
                .hasMessageContaining("topic 'some.events'")
                .hasMessageContaining("unknown setting 'retentoin'");
    }

    @Test
    void unknownValueSchemaIsRefused() {
        String yaml =
                minimal("producer: intake-service").replace("value: string", "value: org.zhengce.events.NoSuchEvent");

        assertThatThrownBy(() -> TopicCatalogue.parse(yaml, TopicEnvironment.brokerDefaults()))
                .hasMessageContaining("topic 'some.events'")
                .hasMessageContaining("org.zhengce.events.NoSuchEvent");
    }

    @Test
    void duplicateNameIsRefused() {
        String entry = minimal("producer: intake-service");
        String yaml = entry + entry.substring(entry.indexOf("  - name"));

        assertThatThrownBy(() -> TopicCatalogue.parse(yaml, TopicEnvironment.brokerDefaults()))
                .hasMessageContaining("topic 'some.events': the name appears twice");
    }

    @Test
    void unknownTopicNamesTheKnownOnes() {
        assertThatThrownBy(() -> catalogue.topic("household.event"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("household.events");
        assertThat(catalogue.find("household.event")).isEqualTo(Optional.empty());
    }

    @Test
    void retentionReadsIsoDurationsOrInfinite() {
        assertThat(Retention.parse("P7D").toMillis()).isEqualTo(604_800_000L);
        assertThat(Retention.parse("P7D")).hasToString("P7D");
        assertThat(Retention.parse("PT12H").toMillis()).isEqualTo(43_200_000L);
        assertThat(Retention.parse("infinite").toMillis()).isEqualTo(-1L);
        assertThatThrownBy(() -> Retention.parse("7 days")).hasMessageContaining("ISO-8601");
    }

    @Test
    void minInSyncReplicasNeedAsManyReplicas() {
        assertThatThrownBy(() -> TopicEnvironment.replicated(1, 2)).hasMessageContaining("minInSyncReplicas (2)");
        assertThatThrownBy(() -> TopicEnvironment.brokerDefaults().withDefaultPartitions(0))
                .hasMessageContaining("defaultPartitions");
    }

    @Test
    void topicsCannotBeChangedByTheirUsers() {
        Topic topic = catalogue.topic("household.events");

        assertThatThrownBy(() -> topic.consumers().add("someone")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> topic.configs().put("retention.ms", "1"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> catalogue.topics().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void readmeTableNamesEveryTopic() throws IOException {
        String readme = Files.readString(Path.of("README.md"));

        for (Topic topic : catalogue.topics()) {
            assertThat(readme)
                    .as("schemas/README.md names %s", topic.address())
                    .contains("| `" + topic.address() + "` |");
        }
    }

    /** A catalogue of one topic, some.events, with {@code producerLine} as its producer setting. */
    private static String minimal(String producerLine) {
        return """
                defaults:
                  partitions: 4
                topics:
                  - name: some.events
                    key: household number
                    value: string
                    retention: P1D
                    cleanupPolicy: delete
                    %s
                    consumers: [scoring-service]
                    description: 某事件 some events
                """.formatted(producerLine);
    }
}
