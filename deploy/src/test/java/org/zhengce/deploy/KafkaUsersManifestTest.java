package org.zhengce.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.deploy.KafkaAccess.Grant;
import org.zhengce.schemas.catalogue.Topic;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.schemas.catalogue.TopicEnvironment;

/**
 * The committed {@code k8s/base/kafka-users.yaml} grants every service and department exactly what the catalogue and
 * the services' settings derive. With {@code -Dregenerate=true} it is rewritten from them first.
 */
class KafkaUsersManifestTest {

    private static final Logger log = LoggerFactory.getLogger(KafkaUsersManifestTest.class);
    private static final Path MANIFEST = Path.of("k8s/base/kafka-users.yaml");
    private static final Path REPOSITORY = Path.of("..");

    private final TopicCatalogue catalogue = TopicCatalogue.load(TopicEnvironment.production());
    private final SortedMap<String, SortedSet<Grant>> derived = KafkaAccess.derive(catalogue, REPOSITORY);

    @Test
    void committedUsersHoldExactlyWhatTheCatalogueDerives() throws IOException {
        if (Boolean.getBoolean("regenerate")) {
            Files.writeString(MANIFEST, StrimziUsers.manifest(derived), StandardCharsets.UTF_8);
            log.info("wrote {}", MANIFEST);
        }
        assertThat(KafkaAccess.differences(derived, StrimziUsers.grants(committedUsers())))
                .as(
                        "%s differs from what the topic catalogue derives; regenerate it with%n"
                                + "  ./mvnw -pl deploy test -Dtest=KafkaUsersManifestTest -Dregenerate=true%n"
                                + "and commit it. Differences",
                        MANIFEST)
                .isEmpty();
    }

    @Test
    void aGrantTooManyOrTooFewIsNamed() {
        SortedMap<String, SortedSet<Grant>> drifted = new TreeMap<>();
        derived.forEach((user, grants) -> drifted.put(user, new TreeSet<>(grants)));
        drifted.get("referral-service").remove(new Grant("topic", "household.warnings", "literal", "Read"));
        drifted.get("dept-health").add(new Grant("topic", "decisions.civil-affairs", "literal", "Read"));

        assertThat(KafkaAccess.differences(derived, drifted))
                .containsExactly(
                        "dept-health: not in the catalogue topic decisions.civil-affairs (literal): Read",
                        "referral-service: missing topic household.warnings (literal): Read");
    }

    @Test
    void everyUserAuthenticatesWithScramAndBelongsToTheCluster() throws IOException {
        List<KafkaUser> users = committedUsers();

        assertThat(users)
                .extracting(user -> user.getMetadata().getName())
                .containsExactlyElementsOf(derived.keySet())
                .contains(
                        "intake-service",
                        "scoring-service",
                        "referral-service",
                        "notification-service",
                        "schema-registry",
                        "dept-civil-affairs",
                        "dept-community",
                        KafkaAccess.LAG_READER);
        for (KafkaUser user : users) {
            assertThat(user.getSpec().getAuthentication()).isInstanceOf(KafkaUserScramSha512ClientAuthentication.class);
            assertThat(user.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", StrimziTopics.CLUSTER);
        }
    }

    @Test
    void eachTopicIsWrittenByItsProducerAndByNoOneElseButTheReplayOfItsDeadLetters() {
        for (Topic topic : catalogue.topics()) {
            Set<String> writers = holders(new Grant("topic", topic.name(), "literal", "Write"));
            String producer = topic.producer().equals(KafkaAccess.DEPARTMENT)
                    ? KafkaAccess.departmentUser(topic.addressParameters().get("departmentCode"))
                    : topic.producer();
            Set<String> replayers = catalogue.topics().stream()
                    .filter(lane ->
                            lane.deadLetterOf().filter(topic.name()::equals).isPresent())
                    .map(Topic::producer)
                    .filter(topic::isConsumedBy)
                    .collect(Collectors.toSet());
            assertThat(writers).as("writers of %s", topic.name()).contains(producer);
            assertThat(writers).as("writers of %s", topic.name()).containsOnlyElementsOf(union(producer, replayers));
        }
        // referral replays household.warnings.dlq; notification case.events.dlq; scoring its own lanes
        assertThat(holders(new Grant("topic", "household.warnings", "literal", "Write")))
                .containsExactlyInAnyOrder("scoring-service", "referral-service");
        assertThat(holders(new Grant("topic", "case.events", "literal", "Write")))
                .containsExactlyInAnyOrder("referral-service", "notification-service");
        assertThat(holders(new Grant("topic", "household.events", "literal", "Write")))
                .containsExactlyInAnyOrder("intake-service", "scoring-service");
    }

    @Test
    void aDepartmentWritesOnlyItsOwnEventsAndReadsOnlyItsOwnDecisions() {
        SortedSet<Grant> health = derived.get("dept-health");

        assertThat(health.stream()
                        .filter(grant -> grant.resourceType().equals("topic"))
                        .map(Grant::name))
                .containsOnly("dept.health.events", "decisions.health");
        assertThat(health)
                .contains(new Grant("topic", "dept.health.events", "literal", "Write"))
                .contains(new Grant("topic", "decisions.health", "literal", "Read"))
                .doesNotContain(new Grant("topic", "dept.health.events", "literal", "Read"))
                .doesNotContain(new Grant("topic", "decisions.health", "literal", "Write"));
        assertThat(health.stream().filter(grant -> grant.resourceType().equals("group")))
                .containsExactly(new Grant("group", "dept.health.", "prefix", "Read"));
    }

    @Test
    void onlyScoringIsTransactionalUnderItsApplicationIdAndPurgesItsRepartitionTopics() {
        derived.forEach((user, grants) -> {
            boolean transactional =
                    grants.stream().anyMatch(grant -> grant.resourceType().equals("transactionalId"));
            assertThat(transactional).as("%s uses transactions", user).isEqualTo(user.equals("scoring-service"));
        });
        assertThat(derived.get("scoring-service"))
                .contains(new Grant("transactionalId", "scoring-service-", "prefix", "Write"))
                .contains(new Grant("group", "scoring-service", "literal", "Read"))
                .contains(new Grant("topic", "scoring-service-by-person-repartition", "literal", "Delete"))
                .doesNotContain(new Grant("topic", "scoring-service-portraits-changelog", "literal", "Delete"));
        assertThat(derived.get("intake-service"))
                .contains(new Grant("group", "intake-service", "literal", "Read"))
                .doesNotContain(new Grant("topic", "dept.health.events", "literal", "Write"));
    }

    private Set<String> holders(Grant grant) {
        return derived.entrySet().stream()
                .filter(user -> user.getValue().contains(grant))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private static Set<String> union(String one, Set<String> others) {
        Set<String> all = new TreeSet<>(others);
        all.add(one);
        return all;
    }

    private static List<KafkaUser> committedUsers() throws IOException {
        return Manifests.ofType(Manifests.parse(Files.readString(MANIFEST)), KafkaUser.class);
    }
}
