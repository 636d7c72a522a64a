package org.zhengce.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The base and every overlay render to the same objects with every kubectl a platform team may run: Debian 12's
 * ({@code kubernetes-client}, kubectl 1.20 with Kustomize v2.0.3, what {@code .ci/run} installs) and a current one. The
 * kustomizations use only what Kustomize v2.0.3 knows, checked without it too, so that a change made with a current
 * kubectl alone does not break Debian's.
 */
class KubectlCompatibilityTest {

    private static final List<String> DIRECTORIES = List.of("base", "overlays/dev", "overlays/production");

    /** The fields of a kustomization Kustomize v2.0.3 reads (and a current Kustomize still does). */
    private static final Set<String> KUSTOMIZE_V2_FIELDS = Set.of(
            "apiVersion",
            "kind",
            "resources",
            "bases",
            "namespace",
            "namePrefix",
            "nameSuffix",
            "commonLabels",
            "commonAnnotations",
            "images",
            "configMapGenerator",
            "secretGenerator",
            "generatorOptions",
            "patchesStrategicMerge",
            "patchesJson6902");

    /** The fields of a generator Kustomize v2.0.3 reads: its options go in the kustomization's generatorOptions. */
    private static final Set<String> GENERATOR_V2_FIELDS = Set.of("name", "behavior", "files", "literals", "env");

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production"})
    void everyKubectlRendersTheSameObjects(String directory) throws IOException {
        List<String> kubectls = Manifests.kubectls();
        assumeTrue(
                kubectls.size() > 1,
                "one kubectl here: name another with -Dkubectl.also=<path> (e.g. Debian 12's /usr/bin/kubectl)");
        Path kustomization = Path.of("k8s").resolve(directory);
        String first = kubectls.get(0);
        Map<String, Map<String, Object>> expected = Manifests.documents(Manifests.render(first, kustomization));

        assertThat(expected).as("%s renders %s", first, directory).isNotEmpty();
        for (String other : kubectls.subList(1, kubectls.size())) {
            Map<String, Map<String, Object>> actual = Manifests.documents(Manifests.render(other, kustomization));
            String versions =
                    first + " (" + Manifests.version(first) + ") and " + other + " (" + Manifests.version(other) + ")";
            assertThat(actual.keySet())
                    .as("the objects of %s by %s", directory, versions)
                    .containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((identity, document) -> assertThat(actual.get(identity))
                    .as("%s of %s by %s", identity, directory, versions)
                    .isEqualTo(document));
        }
    }

    @Test
    void theKustomizationsUseOnlyWhatKustomizeVersion2Knows() throws IOException {
        for (String directory : DIRECTORIES) {
            assertThat(unknownToKustomizeV2(Path.of("k8s").resolve(directory)))
                    .as(directory)
                    .isEmpty();
        }
    }

    @Test
    void aKustomizationOnlyACurrentKustomizeReadsIsFound(@TempDir Path directory) throws IOException {
        Files.createDirectories(directory.resolve("base"));
        Files.writeString(directory.resolve("platform.yaml"), "apiVersion: v1\nkind: ConfigMap\n");
        Files.writeString(directory.resolve("kustomization.yaml"), """
                resources:
                  - base
                  - platform.yaml
                replicas:
                  - {name: intake-service, count: 3}
                configMapGenerator:
                  - name: settings
                    literals: [A=1]
                    options: {disableNameSuffixHash: true}
                patchesStrategicMerge:
                  - |-
                    apiVersion: v1
                    kind: ConfigMap
                patchesJson6902:
                  - target: {kind: Deployment, name: intake-service}
                    patch: '[]'
                  - target: {version: v1, kind: Deployment, name: (intake|scoring)-service}
                    path: platform.yaml
                patches:
                  - target: {kind: (Deployment|StatefulSet)}
                    path: resources.yaml
                """);

        assertThat(unknownToKustomizeV2(directory))
                .containsExactlyInAnyOrder(
                        "field replicas",
                        "field patches",
                        "resources: base is a directory (a base goes under bases:)",
                        "configMapGenerator settings: field options (generatorOptions instead)",
                        "patchesStrategicMerge: not a file name: apiVersion: v1\nkind: ConfigMap",
                        "patchesJson6902 Deployment intake-service: target without its group, version, kind and name"
                                + " (group \"\" for the core)",
                        "patchesJson6902 Deployment intake-service: no path to a patch file",
                        "patchesJson6902 Deployment intake-service: field patch",
                        "patchesJson6902 Deployment (intake|scoring)-service: target without its group, version, kind"
                                + " and name (group \"\" for the core)",
                        "patchesJson6902 Deployment (intake|scoring)-service: target name not a plain name (no regular"
                                + " expressions)");
    }

    /** What in the kustomization of {@code directory} Kustomize v2.0.3 would refuse or misread. */
    @SuppressWarnings("unchecked")
    private static List<String> unknownToKustomizeV2(Path directory) throws IOException {
        Map<String, Object> kustomization = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(directory.resolve("kustomization.yaml")));
        List<String> unknown = new ArrayList<>();
        kustomization.keySet().stream()
                .filter(field -> !KUSTOMIZE_V2_FIELDS.contains(field))
                .forEach(field -> unknown.add("field " + field));
        for (Object resource : (List<Object>) kustomization.getOrDefault("resources", List.of())) {
            if (!Files.isRegularFile(directory.resolve(String.valueOf(resource)))) {
                unknown.add("resources: " + resource + " is a directory (a base goes under bases:)");
            }
        }
        for (String generators : List.of("configMapGenerator", "secretGenerator")) {
            for (Object generator : (List<Object>) kustomization.getOrDefault(generators, List.of())) {
                Map<String, Object> fields = (Map<String, Object>) generator;
                fields.keySet().stream()
                        .filter(field -> !GENERATOR_V2_FIELDS.contains(field))
                        .forEach(field -> unknown.add(generators + " " + fields.get("name") + ": field " + field
                                + (field.equals("options") ? " (generatorOptions instead)" : "")));
            }
        }
        for (Object patch : (List<Object>) kustomization.getOrDefault("patchesStrategicMerge", List.of())) {
            if (!(patch instanceof String path) || !Files.isRegularFile(directory.resolve(path))) {
                unknown.add("patchesStrategicMerge: not a file name: " + patch);
            }
        }
        for (Object patch : (List<Object>) kustomization.getOrDefault("patchesJson6902", List.of())) {
            Map<String, Object> fields = (Map<String, Object>) patch;
            Map<String, Object> target = (Map<String, Object>) fields.getOrDefault("target", Map.of());
            String what = "patchesJson6902 " + target.get("kind") + " " + target.get("name");
            if (!target.keySet().containsAll(Set.of("group", "version", "kind", "name"))) {
                unknown.add(what + ": target without its group, version, kind and name (group \"\" for the core)");
            }
            if (!String.valueOf(target.get("name")).matches("[a-z0-9.-]+")) {
                unknown.add(what + ": target name not a plain name (no regular expressions)");
            }
            if (!(fields.get("path") instanceof String path) || !Files.isRegularFile(directory.resolve(path))) {
                unknown.add(what + ": no path to a patch file");
            }
            fields.keySet().stream()
                    .filter(field -> !Set.of("target", "path").contains(field))
                    .forEach(field -> unknown.add(what + ": field " + field));
        }
        return unknown;
    }
}
