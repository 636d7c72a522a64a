package org.zhengce.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zhengce.schemas.catalogue.Topic;
import org.zhengce.schemas.catalogue.TopicCatalogue;
import org.zhengce.schemas.catalogue.TopicEnvironment;

/**
 * The base and every overlay, rendered by {@code kubectl kustomize} and read strictly into typed models, carry what a
 * platform team relies on: probes, sizes, a locked-down container, secrets only by reference, every catalogue topic
 * and user, autoscaling within the partitions, and no environment variable the service would not bind.
 */
class KubernetesManifestsTest {

    private static final Path REPOSITORY = Path.of("..");
    private static final List<String> WORKLOADS = List.of(
            "intake-service",
            "scoring-service",
            "referral-service",
            "notification-service",
            "console",
            "schema-registry");
    /**
     * The workloads whose actuator runs on a port of its own in production ({@code management.server.port}, ADR 0027):
     * every service, and the registry (whose production profile is expected to serve health and
     * {@code /actuator/prometheus} there too); not the console, which serves only health and the scrape, both open.
     */
    private static final List<String> MANAGED =
            List.of("intake-service", "scoring-service", "referral-service", "notification-service", "schema-registry");
    /** The management port, the same in every workload, every Service and the NetworkPolicy. */
    private static final int MANAGEMENT_PORT = 9464;
    /** The name of the management port on every container and Service. */
    private static final String MANAGEMENT = "management";
    /** A ConfigMap key that names something secret. */
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|JAAS|USER_INFO|_KEY$|_KEY_HASH$|APIKEY).*");
    /** A value that looks like key material: long Base64 or hex. */
    private static final Pattern SECRET_VALUE = Pattern.compile("[A-Za-z0-9+/=_-]{32,}");

    private static final TopicCatalogue catalogue = TopicCatalogue.load(TopicEnvironment.production());

    @BeforeAll
    static void kubectl() {
        assumeTrue(Manifests.kubectlAvailable(), "kubectl is not installed here (.ci/run installs Debian's)");
    }

    private static List<HasMetadata> rendered(String directory) throws IOException {
        return Manifests.parse(Manifests.render(Path.of("k8s").resolve(directory)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production"})
    void everyContainerHasProbesSizesAndALockedDownSecurityContext(String directory) throws IOException {
        List<HasMetadata> resources = rendered(directory);
        Map<String, PodTemplateSpec> templates = templates(resources);

        assertThat(templates.keySet()).containsExactlyInAnyOrderElementsOf(WORKLOADS);
        templates.forEach((workload, template) -> {
            PodSpec pod = template.getSpec();
            assertThat(pod.getAutomountServiceAccountToken())
                    .as("%s mounts no API token", workload)
                    .isFalse();
            assertThat(pod.getServiceAccountName()).isEqualTo(workload);
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            for (Container container : pod.getContainers()) {
                String what = workload + "/" + container.getName();
                assertThat(container.getImage()).as(what).startsWith("zhengce/" + workload);
                String probed = MANAGED.contains(workload) ? MANAGEMENT : "http";
                probe(what, container.getStartupProbe(), "/actuator/health/liveness", probed);
                probe(what, container.getLivenessProbe(), "/actuator/health/liveness", probed);
                probe(what, container.getReadinessProbe(), "/actuator/health/readiness", probed);
                assertThat(container.getResources().getRequests()).as(what).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(what).containsKeys("cpu", "memory");
                SecurityContext security = container.getSecurityContext();
                assertThat(security.getRunAsNonRoot()).as(what).isTrue();
                assertThat(security.getReadOnlyRootFilesystem()).as(what).isTrue();
                assertThat(security.getAllowPrivilegeEscalation()).as(what).isFalse();
                assertThat(security.getCapabilities().getDrop()).as(what).containsExactly("ALL");
                assertThat(security.getSeccompProfile().getType()).as(what).isEqualTo("RuntimeDefault");
                assertThat(container.getVolumeMounts())
                        .as("%s writes /tmp on an emptyDir", what)
                        .anyMatch(mount -> mount.getMountPath().equals("/tmp"));
            }
        });
        assertThat(Manifests.ofType(resources, ServiceAccount.class))
                .allMatch(account -> Boolean.FALSE.equals(account.getAutomountServiceAccountToken()));
        assertThat(names(Manifests.ofType(resources, PodDisruptionBudget.class)))
                .containsAll(WORKLOADS);
        assertThat(names(Manifests.ofType(resources, NetworkPolicy.class)))
                .containsAll(WORKLOADS)
                .contains("zhengce-default-deny");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production"})
    void secretsAreOnlyReferencedNeverHeldInAConfigMapOrAnEnvironmentValue(String directory) throws IOException {
        List<HasMetadata> resources = rendered(directory);

        for (ConfigMap map : Manifests.ofType(resources, ConfigMap.class)) {
            if (map.getMetadata().getName().equals("zhengce-dashboard")) {
                continue;
            }
            map.getData().forEach((key, value) -> {
                assertThat(key)
                        .as(
                                "ConfigMap %s holds a secret's name",
                                map.getMetadata().getName())
                        .doesNotMatch(SECRET_NAME);
                assertThat(value)
                        .as("ConfigMap %s key %s", map.getMetadata().getName(), key)
                        .doesNotMatch(SECRET_VALUE);
            });
        }
        templates(resources).forEach((workload, template) -> {
            for (EnvVar env : template.getSpec().getContainers().get(0).getEnv()) {
                if (SECRET_NAME.matcher(env.getName()).matches()) {
                    assertThat(env.getValue())
                            .as("%s %s is a literal", workload, env.getName())
                            .isNull();
                    assertThat(env.getValueFrom().getSecretKeyRef())
                            .as("%s %s comes from a Secret", workload, env.getName())
                            .isNotNull();
                }
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production"})
    void everyEnvironmentVariableSetsSomethingTheServiceBinds(String directory) throws IOException {
        List<HasMetadata> resources = rendered(directory);
        Map<String, ConfigMap> maps = Manifests.ofType(resources, ConfigMap.class).stream()
                .collect(Collectors.toMap(map -> map.getMetadata().getName(), map -> map));
        List<String> dead = new ArrayList<>();

        templates(resources).forEach((workload, template) -> {
            BoundProperties bound = BoundProperties.of(REPOSITORY, workload);
            Container container = template.getSpec().getContainers().get(0);
            List<String> names = new ArrayList<>();
            for (EnvFromSource source : container.getEnvFrom()) {
                ConfigMap map = maps.get(source.getConfigMapRef().getName());
                assertThat(map)
                        .as(
                                "%s reads ConfigMap %s",
                                workload, source.getConfigMapRef().getName())
                        .isNotNull();
                names.addAll(map.getData().keySet());
            }
            String values = container.getEnv().stream()
                    .map(env -> String.valueOf(env.getValue()))
                    .collect(Collectors.joining(" "));
            for (EnvVar env : container.getEnv()) {
                // a variable only there to build another's value ($(POD_NAME)) binds nothing itself
                if (!values.contains("$(" + env.getName() + ")")) {
                    names.add(env.getName());
                }
            }
            names.stream().filter(name -> !bound.binds(name)).forEach(name -> dead.add(workload + ": " + name));
        });
        assertThat(dead)
                .as("environment variables no property of the service binds")
                .isEmpty();
    }

    /**
     * A service started with the {@code production} profile refuses to start without each setting its yml names under
     * {@code platform.production.required} (kit.production.RequiredSettings): each must be given to its container, by
     * the variable named there or by the setting's own environment name.
     */
    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production"})
    void everySettingAServiceRequiresInProductionIsGivenToItsContainer(String directory) throws IOException {
        List<HasMetadata> resources = rendered(directory);
        Map<String, ConfigMap> maps = Manifests.ofType(resources, ConfigMap.class).stream()
                .collect(Collectors.toMap(map -> map.getMetadata().getName(), map -> map));
        List<String> missing = new ArrayList<>();
        int checked = 0;

        for (Map.Entry<String, PodTemplateSpec> workload : templates(resources).entrySet()) {
            Map<String, String> required = requiredInProduction(workload.getKey());
            Container container = workload.getValue().getSpec().getContainers().get(0);
            Set<String> given = new TreeSet<>();
            container.getEnv().forEach(env -> given.add(env.getName()));
            for (EnvFromSource source : container.getEnvFrom()) {
                ConfigMap map = maps.get(source.getConfigMapRef().getName());
                if (map != null && map.getData() != null) {
                    given.addAll(map.getData().keySet());
                }
            }
            for (Map.Entry<String, String> setting : required.entrySet()) {
                checked++;
                String ownName = setting.getKey()
                        .toUpperCase(java.util.Locale.ROOT)
                        .replace('.', '_')
                        .replace("-", "");
                if (!given.contains(setting.getValue()) && !given.contains(ownName)) {
                    missing.add(workload.getKey() + ": " + setting.getKey() + " (" + setting.getValue() + " or "
                            + ownName + ")");
                }
            }
        }
        assertThat(checked).as("settings the services require in production").isGreaterThanOrEqualTo(4);
        assertThat(missing)
                .as("settings a service requires in production that its container is not given")
                .isEmpty();
    }

    /** What {@code service}'s yml requires under the production profile: setting → the variable that gives it. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> requiredInProduction(String service) throws IOException {
        Path yml = REPOSITORY.resolve(service).resolve("src/main/resources").resolve(service + ".yml");
        Map<String, String> required = new LinkedHashMap<>();
        if (!Files.exists(yml)) {
            return required;
        }
        for (Object document : new org.yaml.snakeyaml.Yaml().loadAll(Files.readString(yml))) {
            if (document instanceof Map<?, ?> map
                    && map.get("platform") instanceof Map<?, ?> platform
                    && platform.get("production") instanceof Map<?, ?> production
                    && production.get("required") instanceof Map<?, ?> settings) {
                ((Map<Object, Object>) settings)
                        .forEach((setting, variable) -> required.put(
                                String.valueOf(setting).replaceAll("^\\[|\\]$", ""), String.valueOf(variable)));
            }
        }
        return required;
    }

    @Test
    void aDeadSettingIsFound() {
        BoundProperties intake = BoundProperties.of(REPOSITORY, "intake-service");

        assertThat(intake.binds("INTAKE_PSEUDONYM_KEY"))
                .as("a placeholder of its file")
                .isTrue();
        assertThat(intake.binds("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"))
                .as("a key of a Boot map")
                .isTrue();
        assertThat(intake.binds("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT"))
                .isTrue();
        assertThat(intake.binds("INTAKE_LIMITS_MAXNESTINGDEPTH"))
                .as("its own prefix")
                .isTrue();
        assertThat(intake.binds("SCORING_STREAM_THREADS"))
                .as("another service's placeholder")
                .isFalse();
        assertThat(intake.binds("SPRING_KAFKA_STREAMS_STATE_DIR"))
                .as("dashes are dropped, not underscored")
                .isFalse();
        assertThat(intake.binds("MANAGEMENT_OTLP_TRACING_ENDPOINT"))
                .as("Boot 3's name, gone in 4")
                .isFalse();
    }

    @Test
    void aFieldTheModelDoesNotKnowFails() {
        String misspelt = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: intake-service
                spec:
                  selector:
                    matchLabels: {app: intake}
                  template:
                    spec:
                      containers:
                        - name: intake-service
                          image: zhengce/intake-service
                          readinessProbes: {}
                """;

        assertThatThrownBy(() -> Manifests.parse(misspelt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("readinessProbes");
        assertThatThrownBy(() -> Manifests.parse("apiVersion: v1\nkind: Secret\nmetadata: {name: x}\n"))
                .hasMessageContaining("no model for v1/Secret");
    }

    @Test
    void everyCatalogueTopicAndUserIsApplied() throws IOException {
        List<HasMetadata> resources = rendered("overlays/production");

        assertThat(Manifests.ofType(resources, KafkaTopic.class))
                .extracting(topic -> topic.getSpec().getTopicName())
                .containsExactlyInAnyOrderElementsOf(
                        catalogue.topics().stream().map(Topic::name).toList());
        assertThat(Manifests.ofType(resources, KafkaUser.class))
                .extracting(user -> user.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(
                        KafkaAccess.derive(catalogue, REPOSITORY).keySet());
    }

    @Test
    void kafkaClientsTakeTheirCredentialsFromTheSecretStrimziCreates() throws IOException {
        Map<String, PodTemplateSpec> templates = templates(rendered("base"));
        Set<String> kafkaClients = KafkaAccess.services(catalogue);
        kafkaClients.remove("schema-registry");

        for (String service : kafkaClients) {
            EnvVar jaas = templates.get(service).getSpec().getContainers().get(0).getEnv().stream()
                    .filter(env -> env.getName().equals("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(service + " has no SASL credentials"));
            assertThat(jaas.getValueFrom().getSecretKeyRef().getName()).isEqualTo(service);
            assertThat(jaas.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("sasl.jaas.config");
        }
    }

    @Test
    void scoringRunsAsAStatefulSetWithAStableAddressAndAStateVolume() throws IOException {
        List<HasMetadata> resources = rendered("overlays/production");
        StatefulSet scoring = Manifests.ofType(resources, StatefulSet.class).get(0);
        Container container =
                scoring.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = new LinkedHashMap<>();
        container.getEnv().forEach(variable -> env.put(variable.getName(), variable.getValue()));
        Service headless = Manifests.ofType(resources, Service.class).stream()
                .filter(service ->
                        service.getMetadata().getName().equals(scoring.getSpec().getServiceName()))
                .findFirst()
                .orElseThrow();

        assertThat(scoring.getMetadata().getName()).isEqualTo("scoring-service");
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(env.get("SCORING_ADVERTISED_HOST"))
                .isEqualTo("$(POD_NAME).scoring-service-headless.$(POD_NAMESPACE).svc.cluster.local");
        assertThat(scoring.getSpec().getVolumeClaimTemplates())
                .extracting(claim -> claim.getMetadata().getName())
                .containsExactly("state");
        assertThat(container.getVolumeMounts())
                .anyMatch(mount -> mount.getName().equals("state"));
        assertThat(scoring.getSpec().getReplicas()).isGreaterThan(1);
        ConfigMap settings = Manifests.ofType(resources, ConfigMap.class).stream()
                .filter(map -> map.getMetadata().getName().equals("scoring-service"))
                .findFirst()
                .orElseThrow();
        assertThat(settings.getData())
                .containsEntry("SCORING_STANDBY_REPLICAS", "1")
                .containsEntry("SPRING_KAFKA_STREAMS_STATEDIR", "/var/lib/scoring/state");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/production"})
    void autoscalingFollowsLagWithinThePartitionsOfTheTopicRead(String directory) throws IOException {
        List<HasMetadata> resources = rendered(directory);
        List<GenericKubernetesResource> scaled = Manifests.ofKind(resources, "ScaledObject");

        assertThat(names(scaled))
                .containsExactlyInAnyOrder("scoring-service", "referral-service", "notification-service");
        for (GenericKubernetesResource object : scaled) {
            Map<String, Object> spec = map(object.getAdditionalProperties().get("spec"));
            assertThat(map(spec.get("scaleTargetRef")).get("name"))
                    .isEqualTo(object.getMetadata().getName());
            List<?> triggers = (List<?>) spec.get("triggers");
            assertThat(triggers).hasSize(1);
            Map<String, Object> trigger = map(triggers.get(0));
            Map<String, Object> metadata = map(trigger.get("metadata"));
            assertThat(trigger.get("type")).isEqualTo("kafka");
            assertThat(metadata.get("consumerGroup"))
                    .isEqualTo(object.getMetadata().getName());
            Topic topic = catalogue.topic(String.valueOf(metadata.get("topic")));
            assertThat(topic.isConsumedBy(object.getMetadata().getName())).isTrue();
            assertThat(((Number) spec.get("maxReplicaCount")).intValue())
                    .as(
                            "%s at most one instance per partition of %s",
                            object.getMetadata().getName(), topic.name())
                    .isEqualTo(topic.partitions());
            assertThat(Integer.parseInt(String.valueOf(metadata.get("lagThreshold"))))
                    .isPositive();
        }
    }

    @Test
    void prometheusScrapesEveryServiceAndAlertsOnLagBacklogDeadLettersAndOverdueCases() throws IOException {
        List<HasMetadata> resources = rendered("base");

        for (GenericKubernetesResource monitor : Manifests.ofKind(resources, "ServiceMonitor")) {
            Map<String, Object> endpoint = map(((List<?>)
                            map(monitor.getAdditionalProperties().get("spec")).get("endpoints"))
                    .get(0));
            String workload = monitor.getMetadata().getName();
            assertThat(endpoint)
                    .as("%s's scrape", workload)
                    .containsEntry("path", "/actuator/prometheus")
                    .containsEntry("port", MANAGED.contains(workload) ? MANAGEMENT : "http")
                    // the scrape needs no token: none to keep, none to expire
                    .doesNotContainKeys("authorization", "bearerTokenSecret", "basicAuth", "oauth2");
        }
        assertThat(names(Manifests.ofKind(resources, "ServiceMonitor"))).containsExactlyInAnyOrderElementsOf(WORKLOADS);
        String rules = String.valueOf(
                Manifests.ofKind(resources, "PrometheusRule").get(0).getAdditionalProperties());
        assertThat(rules)
                .contains(
                        "kafka_consumergroup_lag",
                        "intake_ledger_unpublished",
                        "platform_outbox_retrying",
                        ".dlq",
                        "referral_deadlines_missed_total");
        assertThat(Manifests.ofType(resources, ConfigMap.class).stream()
                        .filter(map -> map.getMetadata().getName().equals("zhengce-dashboard"))
                        .findFirst()
                        .orElseThrow()
                        .getData())
                .containsKey("zhengce-platform.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production"})
    void everyServiceExposesItsManagementPortToTheMonitoringNamespaceAlone(String directory) throws IOException {
        List<HasMetadata> resources = rendered(directory);
        Map<String, PodTemplateSpec> templates = templates(resources);

        for (String workload : MANAGED) {
            for (Container container : templates.get(workload).getSpec().getContainers()) {
                assertThat(container.getPorts())
                        .as("%s/%s exposes the management port", workload, container.getName())
                        .anySatisfy(port -> {
                            assertThat(port.getName()).isEqualTo(MANAGEMENT);
                            assertThat(port.getContainerPort()).isEqualTo(MANAGEMENT_PORT);
                        });
            }
            Service service = Manifests.ofType(resources, Service.class).stream()
                    .filter(s -> s.getMetadata().getName().equals(workload))
                    .findFirst()
                    .orElseThrow();
            assertThat(service.getSpec().getPorts())
                    .as("Service %s names the port its ServiceMonitor scrapes", workload)
                    .anySatisfy(port -> {
                        assertThat(port.getName()).isEqualTo(MANAGEMENT);
                        assertThat(port.getPort()).isEqualTo(MANAGEMENT_PORT);
                        assertThat(port.getTargetPort().getStrVal()).isEqualTo(MANAGEMENT);
                    });
        }

        List<NetworkPolicy> policies = Manifests.ofType(resources, NetworkPolicy.class);
        List<String> admitting = new ArrayList<>();
        for (NetworkPolicy policy : policies) {
            for (var rule : policy.getSpec().getIngress()) {
                boolean opensManagement = rule.getPorts() == null
                        || rule.getPorts().isEmpty()
                        || rule.getPorts().stream()
                                .anyMatch(port -> port.getPort().getIntVal() == MANAGEMENT_PORT);
                boolean fromMonitoring = rule.getFrom().stream()
                        .anyMatch(peer -> peer.getNamespaceSelector() != null
                                && "monitoring"
                                        .equals(peer.getNamespaceSelector()
                                                .getMatchLabels()
                                                .get("kubernetes.io/metadata.name")));
                if (opensManagement) {
                    admitting.add(policy.getMetadata().getName());
                    assertThat(rule.getFrom())
                            .as(
                                    "%s admits the management port only from Prometheus in the monitoring namespace",
                                    policy.getMetadata().getName())
                            .isNotEmpty()
                            .allSatisfy(peer -> {
                                assertThat(peer.getIpBlock()).isNull();
                                assertThat(peer.getNamespaceSelector().getMatchLabels())
                                        .containsExactly(Map.entry("kubernetes.io/metadata.name", "monitoring"));
                                assertThat(peer.getPodSelector().getMatchLabels())
                                        .containsExactly(Map.entry("app.kubernetes.io/name", "prometheus"));
                            });
                    assertThat(rule.getPorts())
                            .extracting(port -> port.getPort().getIntVal())
                            .containsOnly(MANAGEMENT_PORT);
                } else if (!policy.getMetadata().getName().equals("console")) {
                    // the console, without a management port, is scraped on its own
                    assertThat(fromMonitoring)
                            .as("%s opens no service's own port to the monitoring namespace", policy)
                            .isFalse();
                }
            }
        }
        assertThat(admitting).containsExactly("zhengce-monitoring");
        NetworkPolicy monitoring = policies.stream()
                .filter(policy -> policy.getMetadata().getName().equals("zhengce-monitoring"))
                .findFirst()
                .orElseThrow();
        assertThat(monitoring.getSpec().getPodSelector().getMatchExpressions())
                .singleElement()
                .satisfies(selects -> {
                    assertThat(selects.getKey()).isEqualTo("app.kubernetes.io/name");
                    assertThat(selects.getOperator()).isEqualTo("In");
                    assertThat(selects.getValues()).containsExactlyInAnyOrderElementsOf(MANAGED);
                });
    }

    /** Reporters' tips go through the console to intake: the console is told where intake is and may reach it. */
    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production"})
    void theConsoleReachesIntakeForTheReportersTipsAndNothingElseOfIntakeIsOpened(String directory) throws IOException {
        List<HasMetadata> resources = rendered(directory);
        ConfigMap console = Manifests.ofType(resources, ConfigMap.class).stream()
                .filter(map -> map.getMetadata().getName().equals("console"))
                .findFirst()
                .orElseThrow();
        assertThat(console.getData()).containsEntry("INTAKE_URL", "http://intake-service:8181");

        List<NetworkPolicy> policies = Manifests.ofType(resources, NetworkPolicy.class);
        NetworkPolicy consolePolicy = policies.stream()
                .filter(policy -> policy.getMetadata().getName().equals("console"))
                .findFirst()
                .orElseThrow();
        assertThat(consolePolicy.getSpec().getEgress()).anySatisfy(rule -> {
            assertThat(rule.getTo())
                    .singleElement()
                    .satisfies(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                            .containsExactly(Map.entry("app.kubernetes.io/name", "intake-service")));
            assertThat(rule.getPorts())
                    .extracting(port -> port.getPort().getIntVal())
                    .containsExactly(8181);
        });
        NetworkPolicy intake = policies.stream()
                .filter(policy -> policy.getMetadata().getName().equals("intake-service"))
                .findFirst()
                .orElseThrow();
        List<String> podsAdmitted = intake.getSpec().getIngress().stream()
                .flatMap(rule -> rule.getFrom().stream())
                .filter(peer -> peer.getNamespaceSelector() == null && peer.getPodSelector() != null)
                .map(peer -> peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))
                .toList();
        assertThat(podsAdmitted)
                .as("the only pods of the namespace intake admits")
                .containsExactly("console");
    }

    /** The services' and the registry's production profiles put the actuator on the port the manifests probe and scrape. */
    @Test
    void theServicesProductionProfilesServeTheActuatorOnTheManagementPort() throws IOException {
        for (String service : List.of(
                "intake-service", "scoring-service", "referral-service", "notification-service", "schema-registry")) {
            String yml =
                    Files.readString(REPOSITORY.resolve(service).resolve("src/main/resources/" + service + ".yml"));
            String production = Stream.of(yml.split("(?m)^---$"))
                    .filter(document -> document.contains("on-profile: production") && document.contains("management:"))
                    .collect(Collectors.joining());
            assertThat(production)
                    .as("%s's production profile", service)
                    .containsPattern(
                            "(?m)^management:\\n  server:\\n    port: \\$\\{MANAGEMENT_PORT:" + MANAGEMENT_PORT + "}");
        }
    }

    @Test
    void alertsAndDashboardNameOnlyMetersTheServicesRegister() throws IOException {
        List<HasMetadata> resources = rendered("base");
        String dashboard = Manifests.ofType(resources, ConfigMap.class).stream()
                .filter(map -> map.getMetadata().getName().equals("zhengce-dashboard"))
                .findFirst()
                .orElseThrow()
                .getData()
                .get("zhengce-platform.json");
        String queries =
                dashboard + Manifests.ofKind(resources, "PrometheusRule").get(0).getAdditionalProperties();
        String sources = meterSources();
        Matcher metric = PLATFORM_METRIC.matcher(queries);
        Set<String> meters = new TreeSet<>();
        while (metric.find()) {
            meters.add(metric.group(1)
                    .replaceAll("(_seconds)?(_total|_bucket|_count|_sum)?$", "")
                    .replace('_', '.'));
        }

        assertThat(meters).contains("intake.events", "intake.ledger.unpublished", "notification.delivery.latency");
        assertThat(meters)
                .as("meters the services register (a quoted name in their sources)")
                .allMatch(meter -> sources.contains("\"" + meter + "\""));
    }

    /** A Prometheus name of one of the platform's own meters. */
    private static final Pattern PLATFORM_METRIC =
            Pattern.compile("\\b((?:intake|scoring|referral|notification|platform)_[a-z_]+)");

    private static String meterSources() throws IOException {
        StringBuilder text = new StringBuilder();
        for (String module : List.of(
                "intake-service", "scoring-service", "referral-service", "notification-service", "platform-kit")) {
            try (Stream<Path> files = Files.walk(REPOSITORY.resolve(module).resolve("src/main/java"))) {
                for (Path file :
                        files.filter(path -> path.toString().endsWith(".java")).toList()) {
                    text.append(Files.readString(file));
                }
            }
        }
        return text.toString();
    }

    private static void probe(String what, Probe probe, String path, String port) {
        assertThat(probe).as("%s probe %s", what, path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(what).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).as(what).isEqualTo(port);
    }

    private static Map<String, PodTemplateSpec> templates(List<HasMetadata> resources) {
        Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
        Manifests.ofType(resources, Deployment.class)
                .forEach(d ->
                        templates.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
        Manifests.ofType(resources, StatefulSet.class)
                .forEach(s ->
                        templates.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
        return templates;
    }

    private static List<String> names(List<? extends HasMetadata> resources) {
        return resources.stream()
                .map(resource -> resource.getMetadata().getName())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }
}
