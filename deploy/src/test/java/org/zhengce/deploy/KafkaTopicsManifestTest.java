package org.zhengce.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.schemas.catalogue.TopicEnvironment;

/**
 * The committed {@code k8s/base/kafka-topics.yaml} creates exactly the catalogue's topics, with its
 * partitions and settings, replicated as in production. With {@code -Dregenerate=true} it is
 * rewritten from the catalogue first.
 */
class KafkaTopicsManifestTest {

    private static final Logger log = LoggerFactory.getLogger(KafkaTopicsManifestTest.class);
    private static final Path MANIFEST = Path.of("k8s/base/kafka-topics.yaml");
    private static final Pattern KUBERNETES_NAME =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private final TopicCatalogue catalogue = TopicCatalogue.load(TopicEnvironment.production());

    @Test
    void committedManifestMatchesTheCatalogue() throws IOException {
        if (Boolean.getBoolean("regenerate")) {
            Files.writeString(MANIFEST, StrimziTopics.manifest(catalogue), StandardCharsets.UTF_8);
            log.info("wrote {}", MANIFEST);
        }
        List<String> differences =
                StrimziTopics.differences(StrimziTopics.parse(Files.readString(MANIFEST)), catalogue);

        assertThat(differences)
                .as(
                        "%s differs from the topic catalogue; regenerate it with%n"
                                + "  ./mvnw -pl deploy test -Dtest=KafkaTopicsManifestTest -Dregenerate=true%n"
                                + "and commit it. Differences",
                        MANIFEST)
                .isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyResourceIsAStrimziTopicOfTheClusterWithALegalName() throws IOException {
        List<Map<String, Object>> resources = StrimziTopics.parse(Files.readString(MANIFEST));
        HashSet<String> names = new HashSet<>();

        assertThat(resources).hasSize(catalogue.topics().size());
        for (Map<String, Object> resource : resources) {
            assertThat(resource)
                    .containsEntry("apiVersion", "kafka.strimzi.io/v1beta2")
                    .containsEntry("kind", "KafkaTopic");
            Map<String, Object> metadata = (Map<String, Object>) resource.get("metadata");
            String name = (String) metadata.get("name");
            assertThat(name).matches(KUBERNETES_NAME).hasSizeLessThanOrEqualTo(253);
            assertThat(names.add(name)).as("resource name %s is unique", name).isTrue();
            assertThat((Map<String, Object>) metadata.get("labels")).containsEntry("strimzi.io/cluster", "zhengce");
        }
        assertThat(names).contains("household.events", "dept.civil-affairs.events", "schemas");
    }

    @Test
    void differencesNameTheTopicTheSettingAndBothValues() {
        List<Map<String, Object>> resources = StrimziTopics.parse(StrimziTopics.manifest(catalogue));
        assertThat(StrimziTopics.differences(resources, catalogue)).isEmpty();

        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) resources.get(0).get("spec");
        spec.put("partitions", 1);
        resources.remove(resources.size() - 1);

        assertThat(StrimziTopics.differences(resources, catalogue))
                .containsExactly(
                        "dept.civil-affairs.events: partitions is 3 in the catalogue, 1 in the manifest",
                        "_schemas: in the catalogue, missing from the manifest");
    }

    @Test
    void kustomizationAppliesTheTopics() throws IOException {
        assertThat(Files.readString(Path.of("k8s/base/kustomization.yaml"))).contains("- kafka-topics.yaml");
    }
}
