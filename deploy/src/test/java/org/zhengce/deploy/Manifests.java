package org.zhengce.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Rendered manifests read strictly: every document into its typed model (fabric8's Kubernetes model, Strimzi's api),
 * a field the model does not know failing; the custom resources no typed model here covers (KEDA, the Prometheus
 * Operator's) as {@link GenericKubernetesResource}s, their fields checked by the tests that use them.
 */
final class Manifests {

    /** The typed model of each kind, by {@code apiVersion/kind}. */
    private static final Map<String, Class<? extends HasMetadata>> TYPED = Map.ofEntries(
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class));

    /** Kinds without a typed model on the test class path. */
    private static final Set<String> GENERIC = Set.of(
            "keda.sh/v1alpha1/ScaledObject",
            "keda.sh/v1alpha1/TriggerAuthentication",
            "monitoring.coreos.com/v1/ServiceMonitor",
            "monitoring.coreos.com/v1/PrometheusRule");

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Manifests() {}

    /**
     * The kubectl the tests render with: the system property {@code kubectl} ({@code -Dkubectl=<path>}), else the one
     * on the {@code PATH}.
     */
    static String kubectl() {
        return System.getProperty("kubectl", "kubectl");
    }

    /**
     * Every kubectl here to render with: {@link #kubectl()}, and the binary the system property {@code kubectl.also}
     * names when it exists (e.g. {@code -Dkubectl.also=/usr/bin/kubectl} of Debian 12, Kustomize v2.0.3, beside a
     * current one).
     */
    static List<String> kubectls() {
        List<String> kubectls = new ArrayList<>();
        if (available(kubectl())) {
            kubectls.add(kubectl());
        }
        String also = System.getProperty("kubectl.also", "");
        if (!also.isBlank() && Files.isExecutable(Path.of(also)) && !kubectls.contains(also) && available(also)) {
            kubectls.add(also);
        }
        return kubectls;
    }

    /** Whether {@link #kubectl()} can be run here. */
    static boolean kubectlAvailable() {
        return available(kubectl());
    }

    /** {@code kubectl version --client} of {@code kubectl}: its version and its Kustomize's, as it prints them. */
    static String version(String kubectl) throws IOException {
        return run(List.of(kubectl, "version", "--client")).output.strip();
    }

    /** {@code kubectl kustomize <directory>}: the rendered documents, or a failure naming kubectl's complaint. */
    static String render(Path directory) throws IOException {
        return render(kubectl(), directory);
    }

    /** {@code <kubectl> kustomize <directory>}: the rendered documents, or a failure naming kubectl's complaint. */
    static String render(String kubectl, Path directory) throws IOException {
        Result result = run(List.of(kubectl, "kustomize", directory.toString()));
        if (result.exitCode != 0) {
            throw new IllegalStateException(
                    kubectl + " kustomize " + directory + " failed: " + result.errors + result.output);
        }
        return result.output;
    }

    /**
     * Every document of {@code text} as plain maps, by {@code apiVersion kind namespace/name} (the namespace empty when
     * the document names none).
     *
     * @throws IllegalArgumentException for two documents of the same identity
     */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> documents(String text) {
        Map<String, Map<String, Object>> documents = new TreeMap<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            if (document == null) {
                continue;
            }
            Map<String, Object> map = (Map<String, Object>) document;
            Map<String, Object> metadata = (Map<String, Object>) map.getOrDefault("metadata", Map.of());
            String identity = map.get("apiVersion") + " " + map.get("kind") + " "
                    + metadata.getOrDefault("namespace", "") + "/" + metadata.get("name");
            if (documents.put(identity, map) != null) {
                throw new IllegalArgumentException("two documents are " + identity);
            }
        }
        return documents;
    }

    /**
     * Every document of {@code text}, each as its typed model.
     *
     * @throws IllegalArgumentException for a kind without a model, or a field its model does not know
     */
    @SuppressWarnings("unchecked")
    static List<HasMetadata> parse(String text) {
        List<HasMetadata> resources = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            if (document == null) {
                continue;
            }
            Map<String, Object> map = (Map<String, Object>) document;
            String type = map.get("apiVersion") + "/" + map.get("kind");
            Class<? extends HasMetadata> model = TYPED.get(type);
            if (model == null && !GENERIC.contains(type)) {
                throw new IllegalArgumentException("no model for " + type);
            }
            Class<? extends HasMetadata> target = model == null ? GenericKubernetesResource.class : model;
            HasMetadata resource;
            try {
                resource = MAPPER.convertValue(map, target);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(type + " " + name(map) + ": " + e.getMessage(), e);
            }
            if (model != null) {
                List<String> unknown = new ArrayList<>();
                unknownFields(
                        resource, type + " " + resource.getMetadata().getName(), unknown, new IdentityHashMap<>());
                if (!unknown.isEmpty()) {
                    throw new IllegalArgumentException("fields the model does not know: " + unknown);
                }
            }
            resources.add(resource);
        }
        return resources;
    }

    /** The resources of {@code type}. */
    static <T extends HasMetadata> List<T> ofType(List<HasMetadata> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The generic resources of {@code kind}. */
    static List<GenericKubernetesResource> ofKind(List<HasMetadata> resources, String kind) {
        return ofType(resources, GenericKubernetesResource.class).stream()
                .filter(resource -> resource.getKind().equals(kind))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Object name(Map<String, Object> map) {
        return map.get("metadata") instanceof Map<?, ?> metadata ? ((Map<String, Object>) metadata).get("name") : "?";
    }

    /**
     * The models keep a field they do not know in their additional properties (Jackson's any-setter) rather than fail:
     * every one found anywhere in the object graph is a field the model does not know.
     */
    private static void unknownFields(Object node, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (node instanceof Collection<?> collection) {
            int i = 0;
            for (Object item : collection) {
                unknownFields(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "." + key, unknown, seen));
            return;
        }
        if (node == null || !isModel(node.getClass()) || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))
                    || !isModel(getter.getDeclaringClass())) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
                continue;
            }
            unknownFields(value, path + "." + getter.getName(), unknown, seen);
        }
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return (name.startsWith("io.fabric8.") || name.startsWith("io.strimzi.")) && !type.isEnum();
    }

    private record Result(int exitCode, String output, String errors) {}

    private static boolean available(String kubectl) {
        try {
            return run(List.of(kubectl, "version", "--client")).exitCode == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs {@code command}: its standard output apart from its errors (a current kubectl warns of deprecations). */
    private static Result run(List<String> command) throws IOException {
        Path errors = Files.createTempFile("kubectl", ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.to(errors.toFile()))
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException(String.join(" ", command) + " did not finish within 60 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            return new Result(process.exitValue(), output, Files.readString(errors));
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
