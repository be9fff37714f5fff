package org.povertyalleviation.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.contracts.EventCatalogue;
import org.povertyalleviation.platform.infra.PlatformServices;

/**
 * The cluster prerequisites under {@code k8s/} (Kustomize bases for Strimzi, CloudNativePG, the Keycloak operator,
 * namespaces and network policies): every file parses, every kustomization lists exactly the files there are,
 * Kubernetes' own kinds parse strictly into fabric8's model, and the operators' resources say what the platform
 * needs — derived where possible from the platform's own files (the event catalogue, the services' bindings, the
 * services themselves, the charts under helm/, the test realm), so that a new topic, consumer group, service or
 * chart fails here until k8s/ has it.
 */
class KustomizeBasesTest {

    static final Path REPO = repositoryRoot();
    static final Path K8S = REPO.resolve("k8s");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    static final ObjectMapper JSON = new ObjectMapper();
    static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    static final String WORKLOAD_NAMESPACE = "poverty-platform";
    static final String DATA_NAMESPACE = "poverty-data";

    /** The operators' kinds the bases may use (apiVersion → kinds); anything else unknown to fabric8 is a mistake. */
    static final Map<String, Set<String>> CUSTOM_KINDS = Map.of(
            "kafka.strimzi.io/v1beta2", Set.of("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser"),
            "postgresql.cnpg.io/v1", Set.of("Cluster", "Database"),
            "k8s.keycloak.org/v2alpha1", Set.of("Keycloak", "KeycloakRealmImport"));

    /** One document of one manifest file, with the namespace its kustomization puts it in. */
    record Manifest(Path file, JsonNode node, String namespace) {
        String apiVersion() { return node.path("apiVersion").asText(); }
        String kind() { return node.path("kind").asText(); }
        String name() { return node.path("metadata").path("name").asText(); }
        JsonNode spec() { return node.path("spec"); }
        String label(String key) { return node.path("metadata").path("labels").path(key).asText(null); }
        @Override public String toString() { return kind() + " " + name() + " (" + K8S.relativize(file) + ")"; }
    }

    // ---------------------------------------------------------------- files and kustomizations

    @Test
    void everyYamlFileUnderK8sParsesAndEveryManifestNamesItself() {
        List<Path> files = yamlFiles();
        assertThat(files).as("k8s/ has manifests").hasSizeGreaterThan(5);
        for (Path file : files) {
            List<JsonNode> documents = documents(file);
            assertThat(documents).as("%s has at least one document", file).isNotEmpty();
            if (isKustomization(file)) {
                continue;
            }
            for (JsonNode document : documents) {
                assertThat(document.isObject()).as("%s: a document is a mapping", file).isTrue();
                assertThat(document.path("apiVersion").asText()).as("%s: apiVersion", file).isNotBlank();
                assertThat(document.path("kind").asText()).as("%s: kind", file).isNotBlank();
                assertThat(document.path("metadata").path("name").asText()).as("%s: metadata.name", file)
                        .matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?").hasSizeLessThanOrEqualTo(253);
            }
        }
    }

    @Test
    void kustomizationsListOnlyExistingFilesAndEveryManifestIsReachableFromTheTop() {
        Path top = K8S.resolve("kustomization.yaml");
        assertThat(top).as("a top-level kustomization composes the bases").exists();
        Set<Path> listed = new LinkedHashSet<>();
        for (Path kustomization : yamlFiles().stream().filter(KustomizeBasesTest::isKustomization).toList()) {
            JsonNode k = single(kustomization);
            assertThat(k.path("kind").asText("Kustomization")).isEqualTo("Kustomization");
            for (JsonNode resource : k.path("resources")) {
                Path target = kustomization.getParent().resolve(resource.asText()).normalize();
                assertThat(target.startsWith(K8S)).as("%s: %s stays inside k8s/", kustomization, resource).isTrue();
                assertThat(Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml")))
                        .as("%s lists %s, which exists (a file, or a directory with a kustomization)", kustomization, resource)
                        .isTrue();
                listed.add(target);
            }
        }
        Set<Path> reachable = reachableFrom(K8S).keySet();
        for (Path manifest : yamlFiles().stream().filter(f -> !isKustomization(f)).toList()) {
            assertThat(listed).as("%s is listed by a kustomization", manifest).contains(manifest);
            assertThat(reachable).as("%s is part of k8s/kustomization.yaml (directly or through a base)", manifest)
                    .contains(manifest);
        }
    }

    // ---------------------------------------------------------------- Kubernetes' own kinds, strictly

    @Test
    void builtInKindsParseStrictlyAndEveryOtherKindIsAKnownOperatorResource() {
        for (Manifest manifest : manifests()) {
            Class<? extends KubernetesResource> type =
                    KUBERNETES.getRegisteredKubernetesResource(manifest.apiVersion(), manifest.kind());
            if (type == null) {
                assertThat(CUSTOM_KINDS.getOrDefault(manifest.apiVersion(), Set.of()))
                        .as("%s: %s is neither a Kubernetes kind fabric8 knows nor one of the operators' kinds",
                                manifest, manifest.apiVersion())
                        .contains(manifest.kind());
                continue;
            }
            assertThat(CUSTOM_KINDS).as("%s", manifest).doesNotContainKey(manifest.apiVersion());
            KubernetesResource parsed = parseStrictly(manifest.node(), type);
            assertThat(((HasMetadata) parsed).getMetadata().getName()).isEqualTo(manifest.name());
        }
    }

    @Test
    void strictParsingCatchesAMisspelledField() {
        ObjectNode policy = (ObjectNode) defaultDeny().node().deepCopy();
        ObjectNode spec = (ObjectNode) policy.get("spec");
        spec.set("podSelektor", spec.remove("podSelector"));
        assertThatThrownBy(() -> parseStrictly(policy, NetworkPolicy.class))
                .isInstanceOf(AssertionError.class).hasMessageContaining("podSelektor");
    }

    // ---------------------------------------------------------------- namespaces and network policies

    @Test
    void theWorkloadNamespaceEnforcesTheRestrictedProfile() {
        Namespace workload = namespace(WORKLOAD_NAMESPACE);
        for (String mode : List.of("enforce", "audit", "warn")) {
            assertThat(workload.getMetadata().getLabels())
                    .as("pod-security.kubernetes.io/%s on %s", mode, WORKLOAD_NAMESPACE)
                    .containsEntry("pod-security.kubernetes.io/" + mode, "restricted");
        }
        Namespace data = namespace(DATA_NAMESPACE);
        assertThat(data.getMetadata().getLabels().get("pod-security.kubernetes.io/enforce"))
                .as("the operators' namespace enforces a profile").isIn("baseline", "restricted");
        assertThat(data.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/warn", "restricted");
    }

    @Test
    void theWorkloadNamespaceDeniesEverythingByDefaultAndAllowsOnlyDns() {
        NetworkPolicy deny = parseStrictly(defaultDeny().node(), NetworkPolicy.class);
        assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        assertThat(deny.getSpec().getEgress()).isNullOrEmpty();

        List<NetworkPolicy> policies = networkPolicies(WORKLOAD_NAMESPACE);
        for (NetworkPolicy policy : policies) {
            boolean selectsEveryPod = policy.getSpec().getPodSelector() == null
                    || (isEmpty(policy.getSpec().getPodSelector().getMatchLabels())
                    && isEmpty(policy.getSpec().getPodSelector().getMatchExpressions()));
            if (!selectsEveryPod) {
                continue;
            }
            // A policy for every pod may only be the deny itself or DNS: anything wider undoes the default deny.
            assertThat(policy.getSpec().getIngress()).as("%s opens ingress to every pod", name(policy)).isNullOrEmpty();
            for (NetworkPolicyEgressRule rule : orEmpty(policy.getSpec().getEgress())) {
                assertThat(rule.getPorts()).as("%s: egress for every pod is DNS only", name(policy)).isNotEmpty()
                        .allSatisfy(port -> assertThat(port.getPort().getIntVal()).isEqualTo(53));
                assertThat(rule.getTo()).as("%s: egress for every pod names its peer", name(policy)).isNotEmpty();
            }
        }
        assertThat(policies).as("no rule admits every source").allSatisfy(policy ->
                orEmpty(policy.getSpec().getIngress()).forEach(rule ->
                        assertThat(rule.getFrom()).as("%s: ingress from anywhere", name(policy)).isNotEmpty()));
    }

    @Test
    void theGatewayReachesEveryServiceAndEveryServiceReachesPostgresKafkaAndKeycloak() {
        List<NetworkPolicy> policies = networkPolicies(WORKLOAD_NAMESPACE);
        Map<String, String> gateway = platformPod("gateway");
        assertThat(ingressSources(policies, gateway)).as("the ingress controller's namespace reaches the gateway")
                .anySatisfy(peer -> assertThat(peer.getNamespaceSelector()).isNotNull());
        for (String service : serviceModules()) {
            Map<String, String> pod = platformPod(service);
            assertThat(egressPeers(policies, gateway)).as("the gateway may call %s", service)
                    .anySatisfy(peer -> assertThat(selects(peer.getPodSelector(), pod)).isTrue());
            assertThat(ingressSources(policies, pod)).as("%s accepts the gateway", service)
                    .anySatisfy(peer -> assertThat(selects(peer.getPodSelector(), gateway)).isTrue());
            List<NetworkPolicyPeer> out = egressPeers(policies, pod);
            assertThat(out).as("%s may reach PostgreSQL", service).anySatisfy(peer ->
                    assertThat(peer.getPodSelector().getMatchLabels()).containsKey("cnpg.io/cluster"));
            assertThat(out).as("%s may reach Kafka", service).anySatisfy(peer ->
                    assertThat(peer.getPodSelector().getMatchLabels()).containsKey("strimzi.io/cluster"));
            assertThat(out).as("%s may reach Keycloak", service).anySatisfy(peer ->
                    assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("app", "keycloak"));
            assertThat(ingressSources(policies, pod)).as("%s accepts nothing from outside the namespace", service)
                    .allSatisfy(peer -> assertThat(peer.getNamespaceSelector()).isNull());
        }
        Set<String> clusters = names("Cluster");
        Set<String> kafkas = names("Kafka");
        for (NetworkPolicy policy : policies) {
            for (var peer : egressPeers(List.of(policy), null)) {
                Map<String, String> labels = peer.getPodSelector() == null ? Map.of() : peer.getPodSelector().getMatchLabels();
                if (labels != null && labels.containsKey("cnpg.io/cluster")) {
                    assertThat(clusters).as("%s names a CloudNativePG cluster of k8s/postgres", name(policy))
                            .contains(labels.get("cnpg.io/cluster"));
                }
                if (labels != null && labels.containsKey("strimzi.io/cluster")) {
                    assertThat(kafkas).as("%s names the Kafka cluster of k8s/kafka", name(policy))
                            .contains(labels.get("strimzi.io/cluster"));
                }
            }
        }
    }

    /**
     * The servers in poverty-data admit the platform's pods that use them and no other pod of the workload namespace:
     * PostgreSQL the services and their migration Jobs; Kafka's listener (Strimzi's policy from networkPolicyPeers) the
     * gateway and the services; Redis the gateway and the portal; Keycloak the platform's pods and the gateway's clients.
     */
    @Test
    void theDataNamespaceAdmitsToEachServerOnlyThePodsThatUseIt() {
        List<NetworkPolicy> data = networkPolicies(DATA_NAMESPACE);
        Map<String, String> postgres = Map.of("cnpg.io/cluster", "poverty-postgres", "cnpg.io/instanceRole", "primary");
        Map<String, String> keycloak = Map.of("app", "keycloak", "app.kubernetes.io/instance", "keycloak",
                "app.kubernetes.io/managed-by", "keycloak-operator");
        Map<String, String> redis = Map.of("app.kubernetes.io/name", "redis");
        Map<String, String> migration = Map.of("poverty-platform/database-migration", "true", "app.kubernetes.io/component", "database-migration");
        Map<String, String> tenantJob = Map.of("poverty-platform/gateway-client", "true");
        List<NetworkPolicyPeer> kafka = new ArrayList<>();
        ofKind("Kafka").get(0).spec().path("kafka").path("listeners").forEach(listener ->
                listener.path("networkPolicyPeers").forEach(peer -> kafka.add(JSON.convertValue(peer, NetworkPolicyPeer.class))));

        for (String service : serviceModules()) {
            Map<String, String> pod = platformPod(service);
            assertThat(admits(data, postgres, pod, 5432)).as("%s reaches PostgreSQL", service).isTrue();
            assertThat(admits(kafka, pod)).as("%s reaches Kafka", service).isTrue();
            assertThat(admits(data, keycloak, pod, 8080)).as("%s reaches Keycloak", service).isTrue();
            assertThat(admits(data, redis, pod, 6379)).as("%s does not reach Redis", service).isFalse();
        }
        assertThat(admits(data, postgres, migration, 5432)).as("the migration Jobs reach PostgreSQL").isTrue();
        assertThat(admits(kafka, migration) || admits(data, keycloak, migration, 8080) || admits(data, redis, migration, 6379))
                .as("the migration Jobs reach nothing else").isFalse();
        for (String browserFacing : List.of("gateway", "portal")) {
            Map<String, String> pod = platformPod(browserFacing);
            assertThat(admits(data, postgres, pod, 5432)).as("%s has no database", browserFacing).isFalse();
            assertThat(admits(data, redis, pod, 6379)).as("%s reaches Redis", browserFacing).isTrue();
            assertThat(admits(data, keycloak, pod, 8080)).as("%s reaches Keycloak", browserFacing).isTrue();
        }
        assertThat(admits(kafka, platformPod("gateway"))).as("the gateway reads county.events").isTrue();
        assertThat(admits(kafka, platformPod("portal"))).as("the portal has no Kafka").isFalse();
        assertThat(admits(data, keycloak, tenantJob, 8080)).as("the tenant Jobs get a token").isTrue();
        assertThat(admits(data, postgres, tenantJob, 5432) || admits(kafka, tenantJob)).as("and nothing else").isFalse();
        assertThat(admits(data, postgres, keycloak, 5432, DATA_NAMESPACE)).as("Keycloak's own database").isTrue();

        Set<Map<String, String>> servers = Set.of(postgres, keycloak, redis);
        for (NetworkPolicy policy : data) {
            assertThat(servers.stream().anyMatch(server -> selects(policy.getSpec().getPodSelector(), server)))
                    .as("%s selects a server's pods, never the whole namespace", name(policy)).isTrue();
            orEmpty(policy.getSpec().getIngress()).forEach(rule -> {
                assertThat(rule.getFrom()).as("%s: ingress from anywhere", name(policy)).isNotEmpty();
                assertThat(rule.getPorts()).as("%s: every port", name(policy)).isNotEmpty();
                rule.getFrom().forEach(peer -> assertThat(peer.getPodSelector()).as("%s: a whole namespace (%s)", name(policy), peer).isNotNull());
            });
        }
    }

    /** Whether a policy of the data namespace admits a pod of the workload namespace (or of {@code from}) to the server's port. */
    private static boolean admits(List<NetworkPolicy> policies, Map<String, String> server, Map<String, String> pod, int port, String... from) {
        String namespace = from.length == 0 ? WORKLOAD_NAMESPACE : from[0];
        for (NetworkPolicy policy : policies) {
            if (!selects(policy.getSpec().getPodSelector(), server)) {
                continue;
            }
            for (var rule : orEmpty(policy.getSpec().getIngress())) {
                boolean portOpen = rule.getPorts() == null || rule.getPorts().stream()
                        .anyMatch(p -> p.getPort() != null && p.getPort().getIntVal() != null && p.getPort().getIntVal() == port);
                if (portOpen && rule.getFrom().stream().anyMatch(peer -> admits(peer, pod, namespace))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether one of Strimzi's listener peers admits a pod of the workload namespace. */
    private static boolean admits(List<NetworkPolicyPeer> peers, Map<String, String> pod) {
        return peers.stream().anyMatch(peer -> admits(peer, pod, WORKLOAD_NAMESPACE));
    }

    private static boolean admits(NetworkPolicyPeer peer, Map<String, String> pod, String namespace) {
        boolean inNamespace = peer.getNamespaceSelector() == null ? namespace.equals(DATA_NAMESPACE)
                : selects(peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", namespace));
        boolean podMatches = peer.getPodSelector() == null || selects(peer.getPodSelector(), pod);
        return inNamespace && podMatches;
    }

    @Test
    void thePortalIsReachedByTheIngressControllerOnlyAndReachesOnlyTheGatewayKeycloakAndRedis() {
        List<NetworkPolicy> policies = networkPolicies(WORKLOAD_NAMESPACE);
        Map<String, String> portal = platformPod("portal");
        Map<String, String> gateway = platformPod("gateway");

        assertThat(ingressSources(policies, portal)).as("the ingress controller reaches the portal").isNotEmpty()
                .allSatisfy(peer -> {
                    assertThat(peer.getNamespaceSelector()).as("nothing in the namespace calls the portal").isNotNull();
                    assertThat(selects(peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", "ingress-nginx")))
                            .as("only the ingress controller's namespace").isTrue();
                });
        assertThat(ingressSources(policies, gateway)).as("the gateway accepts the portal")
                .anySatisfy(peer -> assertThat(peer.getNamespaceSelector() == null && selects(peer.getPodSelector(), portal)).isTrue());
        for (String service : serviceModules()) {
            assertThat(ingressSources(policies, platformPod(service))).as("%s is reached through the gateway, not by the portal", service)
                    .noneSatisfy(peer -> assertThat(selects(peer.getPodSelector(), portal)).isTrue());
        }

        List<NetworkPolicyPeer> out = egressPeers(policies, portal);
        assertThat(out).as("the portal may call the gateway").anySatisfy(peer ->
                assertThat(peer.getNamespaceSelector() == null && selects(peer.getPodSelector(), gateway)).isTrue());
        assertThat(out).as("the portal may reach Keycloak").anySatisfy(peer ->
                assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("app", "keycloak"));
        List<NetworkPolicyPeer> gatewaysRedis = redisPeers(egressPeers(policies, gateway));
        assertThat(gatewaysRedis).as("the gateway's Redis").isNotEmpty();
        assertThat(redisPeers(out)).as("the portal's Redis is the gateway's").containsExactlyInAnyOrderElementsOf(gatewaysRedis);
        assertThat(out).as("the portal reaches the gateway, Keycloak, Redis and DNS, nothing else").allSatisfy(peer -> {
            Map<String, String> labels = peer.getPodSelector() == null ? Map.of() : peer.getPodSelector().getMatchLabels();
            assertThat(selects(peer.getPodSelector(), gateway) || "keycloak".equals(labels.get("app"))
                    || redisPeers(List.of(peer)).size() == 1 || "kube-dns".equals(labels.get("k8s-app")))
                    .as("peer %s", peer).isTrue();
        });
    }

    @Test
    void everyChartBuiltOnTheLibraryHasItsPodsAdmittedAndReachesKeycloak() {
        List<NetworkPolicy> policies = networkPolicies(WORKLOAD_NAMESPACE);
        List<String> charts = libraryCharts();
        assertThat(charts).as("derived from helm/*/Chart.yaml").contains("gateway", "portal", "county-registry");
        for (String chart : charts) {
            Map<String, String> pod = platformPod(chart);
            assertThat(ingressSources(policies, pod)).as("a policy of k8s/ admits callers of %s", chart).isNotEmpty();
            assertThat(egressPeers(policies, pod)).as("%s may reach Keycloak", chart).anySatisfy(peer ->
                    assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("app", "keycloak"));
        }
    }

    // ---------------------------------------------------------------- Kafka

    @Test
    void kafkaRunsInKRaftModeWithControllerAndBrokerNodePools() {
        List<Manifest> kafkas = ofKind("Kafka");
        assertThat(kafkas).hasSize(1);
        Manifest kafka = kafkas.get(0);
        assertThat(kafka.node().path("metadata").path("annotations").path("strimzi.io/kraft").asText()).isEqualTo("enabled");
        assertThat(kafka.node().path("metadata").path("annotations").path("strimzi.io/node-pools").asText()).isEqualTo("enabled");
        assertThat(kafka.spec().path("zookeeper").isMissingNode()).as("no ZooKeeper").isTrue();
        assertThat(kafka.spec().path("kafka").path("listeners").size()).isPositive();
        assertThat(kafka.spec().path("kafka").path("config").path("auto.create.topics.enable").asBoolean(true)).isFalse();

        Set<String> roles = new TreeSet<>();
        int brokers = 0;
        for (Manifest pool : ofKind("KafkaNodePool")) {
            assertThat(pool.label("strimzi.io/cluster")).as("%s belongs to the Kafka cluster", pool).isEqualTo(kafka.name());
            assertThat(pool.namespace()).isEqualTo(kafka.namespace());
            pool.spec().path("roles").forEach(role -> roles.add(role.asText()));
            assertThat(pool.spec().path("replicas").asInt()).as("%s replicas", pool).isGreaterThanOrEqualTo(3);
            assertThat(pool.spec().path("storage").path("type").asText()).as("%s storage", pool).isNotBlank();
            if (contains(pool.spec().path("roles"), "broker")) {
                brokers += pool.spec().path("replicas").asInt();
            }
        }
        assertThat(roles).containsExactlyInAnyOrder("broker", "controller");
        assertThat(brokers).as("brokers for three replicas").isGreaterThanOrEqualTo(3);
    }

    @Test
    void kafkaAdmitsOnlyAuthenticatedUsersOverTlsAndAuthorizesByAcl() {
        Manifest kafka = ofKind("Kafka").get(0);
        JsonNode listeners = kafka.spec().path("kafka").path("listeners");
        assertThat(listeners.size()).isPositive();
        for (JsonNode listener : listeners) {
            assertThat(listener.path("authentication").path("type").asText()).as("listener %s", listener.path("name").asText())
                    .isEqualTo("scram-sha-512");
            assertThat(listener.path("tls").asBoolean()).as("listener %s: TLS", listener.path("name").asText()).isTrue();
        }
        assertThat(kafka.spec().path("kafka").path("authorization").path("type").asText()).isEqualTo("simple");
        assertThat(kafka.spec().path("kafka").path("authorization").path("superUsers").isMissingNode()).as("no super users").isTrue();
        assertThat(kafka.spec().path("entityOperator").has("userOperator")).as("the user operator reconciles users.yaml").isTrue();
    }

    /**
     * Each service's (and the gateway's) Kafka user may do exactly what its own files say it does: write the topics of
     * the types the catalogue says it produces and its own dead-letter topics, read the topics its bindings consume in
     * the groups they name. Read here from application.yml and docs/events/README.md, not from ServiceList's derivation.
     */
    @Test
    void everyDeployableOnKafkaHasAUserWhoseAclsAreExactlyWhatItProducesAndBinds() {
        Map<String, Manifest> users = ofKind("KafkaUser").stream().collect(Collectors.toMap(Manifest::name, user -> user));
        List<EventCatalogue.Entry> catalogue = EventCatalogue.entries();
        Map<String, Path> deployables = new LinkedHashMap<>();
        deployables.put("gateway", REPO.resolve("gateway/src/main/resources/application.yml"));
        serviceModules().forEach(service -> deployables.put(service, REPO.resolve("services/" + service + "/src/main/resources/application.yml")));

        for (var deployable : deployables.entrySet()) {
            String name = deployable.getKey();
            Manifest user = users.get(name);
            assertThat(user).as("a KafkaUser for %s", name).isNotNull();
            assertThat(user.label("strimzi.io/cluster")).isIn(names("Kafka"));
            assertThat(user.spec().path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
            assertThat(user.spec().path("authentication").path("password").path("valueFrom").path("secretKeyRef").path("name").asText())
                    .as("%s's password: the Secret the chart passes", name).isEqualTo(name + "-kafka");
            assertThat(user.spec().path("authorization").path("type").asText()).isEqualTo("simple");

            Set<String> expected = new TreeSet<>();
            catalogue.stream().filter(entry -> entry.producer().equals(name))
                    .forEach(entry -> expected.add("topic " + entry.topic() + " literal Write,Describe"));
            for (ConsumerBinding binding : consumerBindings(single(deployable.getValue()))) {
                expected.add("topic " + binding.destination() + " literal Read,Describe");
                expected.add(binding.group().isBlank() ? "group anonymous. prefix Read" : "group " + binding.group() + " literal Read");
                if (binding.deadLetter() != null) {
                    expected.add("topic " + binding.deadLetter() + " literal Write,Describe");
                }
            }
            assertThat(acls(user)).as("%s's ACLs", name).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(users.keySet()).as("no user for anything else but the operators' replay")
                .containsExactlyInAnyOrderElementsOf(concat(deployables.keySet(), List.of(ServiceList.REPLAY_USER)));
    }

    @Test
    void onlyTheProducerOfAnEventStreamMayWriteToItAndNoServiceMayReplay() {
        Map<String, Set<String>> producers = new TreeMap<>();
        EventCatalogue.entries().forEach(entry -> producers.computeIfAbsent(entry.topic(), topic -> new TreeSet<>()).add(entry.producer()));
        for (Manifest user : ofKind("KafkaUser")) {
            for (String acl : acls(user)) {
                String[] parts = acl.split(" ");
                if (parts[0].equals("topic") && parts[3].contains("Write") && producers.containsKey(parts[1])
                        && !user.name().equals(ServiceList.REPLAY_USER)) {
                    assertThat(producers.get(parts[1])).as("%s writes %s", user.name(), parts[1]).containsExactly(user.name());
                }
                if (parts[0].equals("topic") && parts[2].equals("prefix")) {
                    assertThat(user.name()).as("a topic prefix (%s)", acl).isEqualTo(ServiceList.REPLAY_USER);
                }
            }
        }
        Manifest replay = ofKind("KafkaUser").stream().filter(user -> user.name().equals(ServiceList.REPLAY_USER)).findFirst().orElseThrow();
        assertThat(acls(replay)).contains("topic error. prefix Read,Describe", "group dead-letter-replay literal Read")
                .allSatisfy(acl -> assertThat(acl).doesNotStartWith("topic error. prefix Write"));
    }

    /** A KafkaUser's ACLs as "type name patternType Operation,Operation". */
    static List<String> acls(Manifest user) {
        List<String> acls = new ArrayList<>();
        for (JsonNode acl : user.spec().path("authorization").path("acls")) {
            List<String> operations = new ArrayList<>();
            acl.path("operations").forEach(operation -> operations.add(operation.asText()));
            JsonNode resource = acl.path("resource");
            acls.add(resource.path("type").asText() + " " + resource.path("name").asText() + " "
                    + resource.path("patternType").asText("literal") + " " + String.join(",", operations));
        }
        return acls;
    }

    private static List<String> concat(Set<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void everyEventStreamOfTheCatalogueHasATopicPartitionedForCountyKeys() {
        Map<String, Manifest> topics = topics();
        Set<String> streams = eventStreams();
        assertThat(streams).as("docs/events/README.md names the topics").contains("county.events", "household.events");
        for (String stream : streams) {
            assertThat(topics).as("a KafkaTopic for %s", stream).containsKey(stream);
            assertThat(topics.get(stream).spec().path("partitions").asInt())
                    .as("%s: partitions to spread counties", stream).isGreaterThanOrEqualTo(12);
        }
        Set<String> kafkas = names("Kafka");
        for (Manifest topic : topics.values()) {
            JsonNode spec = topic.spec();
            assertThat(topic.label("strimzi.io/cluster")).as("%s: strimzi.io/cluster names a Kafka of k8s/kafka", topic)
                    .isIn(kafkas);
            assertThat(spec.path("partitions").asInt()).as("%s partitions", topic).isGreaterThanOrEqualTo(3);
            assertThat(spec.path("replicas").asInt()).as("%s replicas", topic).isEqualTo(3);
            assertThat(spec.path("config").path("min.insync.replicas").asInt()).as("%s min.insync.replicas", topic)
                    .isEqualTo(2);
            assertThat(spec.path("config").path("retention.ms").isMissingNode()).as("%s retention", topic).isFalse();
            String name = spec.path("topicName").asText(topic.name());
            assertThat(name).as("%s: metadata.name is the topic name", topic).isEqualTo(topic.name());
        }
        assertThat(topics.keySet()).as("topics are event streams or their dead letters").allSatisfy(name ->
                assertThat(streams.contains(name) || name.startsWith("error.")).isTrue());
    }

    @Test
    void everyConsumerGroupWithADeadLetterHasItsTopic() {
        Map<String, Manifest> topics = topics();
        Set<String> deadLetters = deadLetterTopics();
        assertThat(deadLetters).as("derived from the services' bindings")
                .contains("error.county.events.household-registry", "error.household.events.shop-management.household-copy")
                .noneMatch(name -> name.contains("gateway"));
        for (String deadLetter : deadLetters) {
            assertThat(topics).as("dead-letter topic %s", deadLetter).containsKey(deadLetter);
            String source = sourceOf(deadLetter, topics.keySet());
            assertThat(source).as("%s names an event stream", deadLetter).isNotNull();
            assertThat(topics.get(deadLetter).spec().path("partitions").asInt())
                    .as("%s: the binder writes to the source record's partition", deadLetter)
                    .isGreaterThanOrEqualTo(topics.get(source).spec().path("partitions").asInt());
        }
        Set<String> declared = topics.keySet().stream().filter(name -> name.startsWith("error.")).collect(Collectors.toSet());
        assertThat(declared).as("no dead-letter topic without a consumer group").isSubsetOf(deadLetters);
    }

    @Test
    void theDeadLetterDerivationSeesAServicesOwnGroupsAndThePlatformDefault() throws IOException {
        JsonNode yaml = YAML.readTree("""
                spring:
                  application: { name: sample }
                  cloud:
                    function: { definition: countyStatus;tally }
                    stream:
                      bindings:
                        tally-in-0: { destination: household.events, group: sample.tally }
                        quiet-in-0: { destination: shop.events, group: sample.quiet }
                      kafka:
                        bindings:
                          quiet-in-0: { consumer: { enable-dlq: false } }
                """);
        assertThat(deadLetterTopics(yaml)).containsExactlyInAnyOrder(
                "error.county.events.sample", "error.household.events.sample.tally");
    }

    // ---------------------------------------------------------------- PostgreSQL

    @Test
    void everyServiceHasItsDatabaseWithAnOwnerAndAnAppRoleWithoutBypassRls() {
        List<Manifest> clusters = ofKind("Cluster");
        assertThat(clusters).hasSize(1);
        Manifest cluster = clusters.get(0);
        assertThat(cluster.spec().path("instances").asInt()).isEqualTo(3);
        Map<String, JsonNode> roles = new LinkedHashMap<>();
        cluster.spec().path("managed").path("roles").forEach(role -> roles.put(role.path("name").asText(), role));
        Map<String, Manifest> databases = ofKind("Database").stream()
                .collect(Collectors.toMap(d -> d.spec().path("name").asText(), d -> d));

        assertThat(serviceModules()).contains("county-registry", "household-registry", "shop-management");
        for (String service : serviceModules()) {
            String database = service.replace('-', '_');
            assertThat(databases).as("a Database for %s", service).containsKey(database);
            Manifest db = databases.get(database);
            assertThat(db.spec().path("cluster").path("name").asText()).as("%s", db).isEqualTo(cluster.name());
            assertThat(db.namespace()).isEqualTo(cluster.namespace());
            assertThat(db.spec().path("owner").asText()).as("%s owner", db).isEqualTo(database + "_owner");
            assertThat(db.spec().path("databaseReclaimPolicy").asText("retain")).as("%s is kept when its manifest goes", db)
                    .isEqualTo("retain");
            for (String role : List.of(database + "_owner", database + "_app")) {
                assertThat(roles).as("managed role %s", role).containsKey(role);
                JsonNode spec = roles.get(role);
                assertThat(spec.path("login").asBoolean()).as("%s logs in", role).isTrue();
                assertThat(spec.path("passwordSecret").path("name").asText()).as("%s: password from a Secret", role).isNotBlank();
                assertThat(spec.has("password")).as("%s: no literal password", role).isFalse();
                assertThat(spec.path("superuser").asBoolean(false)).as("%s superuser", role).isFalse();
                assertThat(spec.path("bypassrls").asBoolean(false))
                        .as("%s must not bypass row-level security (county isolation)", role).isFalse();
            }
        }
        assertThat(ofKind("Secret")).as("Secrets are created outside Git, only referenced here").isEmpty();
    }

    // ---------------------------------------------------------------- Keycloak

    @Test
    void keycloakUsesTheCloudNativePgDatabaseAndReferencesItsCredentials() {
        List<Manifest> keycloaks = ofKind("Keycloak");
        assertThat(keycloaks).hasSize(1);
        JsonNode db = keycloaks.get(0).spec().path("db");
        assertThat(db.path("vendor").asText()).isEqualTo("postgres");
        assertThat(names("Cluster").stream().map(c -> c + "-rw")).as("the CloudNativePG primary's service")
                .contains(db.path("host").asText());
        Manifest cluster = ofKind("Cluster").get(0);
        Set<String> databases = ofKind("Database").stream().map(d -> d.spec().path("name").asText())
                .collect(Collectors.toCollection(TreeSet::new));
        databases.add(cluster.spec().path("bootstrap").path("initdb").path("database").asText());
        assertThat(databases).contains(db.path("database").asText());
        assertThat(db.path("usernameSecret").path("name").asText()).isNotBlank();
        assertThat(db.path("passwordSecret").path("name").asText()).isNotBlank();
        assertThat(db.has("password") || db.has("username")).as("no literal credentials").isFalse();
    }

    @Test
    void theRealmImportIsTheTestRealmWithClusterAddressesAndSecretsFromSecrets() throws IOException {
        List<Manifest> imports = ofKind("KeycloakRealmImport");
        assertThat(imports).hasSize(1);
        Manifest realmImport = imports.get(0);
        assertThat(realmImport.spec().path("keycloakCRName").asText()).isIn(names("Keycloak"));
        assertThat(realmImport.namespace()).isEqualTo(ofKind("Keycloak").get(0).namespace());

        JsonNode cluster = realmImport.spec().path("realm");
        JsonNode test = JSON.readTree(REPO.resolve(
                "platform/platform-test/src/main/resources/keycloak/poverty-platform-realm.json").toFile());
        assertThat(realmDifferences(test, cluster)).as("the cluster realm differs from the test realm only where allowed")
                .isEmpty();

        Set<String> placeholders = new TreeSet<>();
        realmImport.spec().path("placeholders").fields().forEachRemaining(entry -> {
            assertThat(entry.getValue().path("secret").path("name").asText()).as("placeholder %s from a Secret", entry.getKey())
                    .isNotBlank();
            placeholders.add(entry.getKey());
        });
        for (JsonNode client : cluster.path("clients")) {
            if (client.path("publicClient").asBoolean(false)) {
                assertThat(client.has("secret")).isFalse();
                client.path("redirectUris").forEach(uri -> assertThat(uri.asText()).startsWith("https://"));
                continue;
            }
            if (client.path("clientId").asText().equals("admin-permissions")) {
                // Keycloak's own client holding the realm's fine-grained admin permissions: nobody signs in with it.
                assertThat(client.has("secret")).isFalse();
                continue;
            }
            Matcher placeholder = Pattern.compile("\\$\\{([A-Z0-9_]+)}").matcher(client.path("secret").asText());
            assertThat(placeholder.matches()).as("client %s: its secret is a placeholder, never literal",
                    client.path("clientId").asText()).isTrue();
            assertThat(placeholders).contains(placeholder.group(1));
        }
        cluster.path("users").forEach(user -> {
            assertThat(user.path("username").asText()).as("only service accounts, no people").startsWith("service-account-");
            assertThat(user.has("credentials")).isFalse();
        });
        assertThat(cluster.toString()).doesNotContain("localhost", "127.0.0.1");
    }

    @Test
    void theRealmComparisonCatchesAChangedRole() throws IOException {
        JsonNode test = JSON.readTree(REPO.resolve(
                "platform/platform-test/src/main/resources/keycloak/poverty-platform-realm.json").toFile());
        ObjectNode changed = test.deepCopy();
        ((ObjectNode) changed.path("roles").path("realm").get(0)).put("name", "platform-admin");
        assertThat(realmDifferences(test, changed)).isNotEmpty();
        assertThat(realmDifferences(test, test.deepCopy())).isEmpty();
    }

    // ================================================================ helpers

    /** The realm without what legitimately differs in a cluster: the portal's addresses and the clients' secrets. */
    static List<String> realmDifferences(JsonNode test, JsonNode cluster) {
        JsonNode a = withoutClusterSpecifics(test);
        JsonNode b = withoutClusterSpecifics(cluster);
        List<String> differences = new ArrayList<>();
        diff("", a, b, differences);
        return differences;
    }

    static JsonNode withoutClusterSpecifics(JsonNode realm) {
        ObjectNode copy = realm.deepCopy();
        for (JsonNode client : copy.path("clients")) {
            ObjectNode c = (ObjectNode) client;
            c.remove(List.of("redirectUris", "webOrigins", "secret"));
            if (c.path("attributes").isObject()) {
                ((ObjectNode) c.get("attributes")).remove("post.logout.redirect.uris");
            }
        }
        return copy;
    }

    static void diff(String path, JsonNode a, JsonNode b, List<String> differences) {
        if (a.isObject() && b.isObject()) {
            Set<String> keys = new TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                diff(path + "/" + key, a.path(key), b.path(key), differences);
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                diff(path + "/" + i, a.get(i), b.get(i), differences);
            }
        } else if (!a.equals(b) && !(a.isValueNode() && b.isValueNode() && a.asText().equals(b.asText()))) {
            differences.add(path + ": " + a + " ≠ " + b);
        }
    }

    /** Parses into fabric8's model and fails on any field the model does not know (fabric8 keeps those aside). */
    static <T extends KubernetesResource> T parseStrictly(JsonNode node, Class<T> type) {
        T parsed = KUBERNETES.convertValue(node, type);
        List<String> unknown = new ArrayList<>();
        collectUnknownFields(parsed, type.getSimpleName(), unknown, new IdentityHashMap<>());
        if (!unknown.isEmpty()) {
            throw new AssertionError(node.path("kind").asText() + " " + node.path("metadata").path("name").asText()
                    + ": fields unknown to Kubernetes' schema: " + unknown);
        }
        return parsed;
    }

    static void collectUnknownFields(Object value, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object item : collection) {
                collectUnknownFields(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> collectUnknownFields(item, path + "." + key, unknown, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object result;
            try {
                result = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (result instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                }
                continue;
            }
            collectUnknownFields(result, path + "." + decapitalize(getter.getName().substring(3)), unknown, seen);
        }
    }

    static String decapitalize(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /** The topic names in the table of docs/events/README.md. */
    static Set<String> eventStreams() {
        String catalogue = read(REPO.resolve("docs/events/README.md"));
        Set<String> streams = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\|[^|]*\\|[^|]*\\|\\s*`([a-z0-9.-]+)`\\s*\\|").matcher(catalogue);
        while (row.find()) {
            streams.add(row.group(1));
        }
        return streams;
    }

    /** error.<destination>.<group> for every consumer binding with a group and a dead letter, in every deployable. */
    static Set<String> deadLetterTopics() {
        Set<String> topics = new TreeSet<>();
        List<Path> configs = new ArrayList<>();
        serviceModules().forEach(service -> configs.add(REPO.resolve("services/" + service + "/src/main/resources/application.yml")));
        configs.add(REPO.resolve("gateway/src/main/resources/application.yml"));
        for (Path config : configs) {
            topics.addAll(deadLetterTopics(single(config)));
        }
        return topics;
    }

    static Set<String> deadLetterTopics(JsonNode application) {
        return deadLetters(application).stream().map(DeadLetter::topic).collect(Collectors.toCollection(TreeSet::new));
    }

    /** A consumer binding's dead-letter topic; binding is its function (countyStatus, householdChanged). */
    record DeadLetter(String binding, String topic) {
    }

    /** The dead letters of one deployable's application.yml, in the order of its bindings (platform-core's first). */
    static List<DeadLetter> deadLetters(JsonNode application) {
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (ConsumerBinding binding : consumerBindings(application)) {
            if (binding.deadLetter() != null) {
                deadLetters.add(new DeadLetter(binding.function(), binding.deadLetter()));
            }
        }
        return deadLetters;
    }

    /**
     * A consumer binding: its function (countyStatus), the topic it reads, its group (empty: anonymous, one per
     * replica, named anonymous.&lt;uuid&gt; by the binder) and its dead-letter topic (null: none).
     */
    record ConsumerBinding(String function, String destination, String group, String deadLetter) {
    }

    /** The consumer bindings of one deployable's application.yml with platform-core's, in order (platform-core's first). */
    static List<ConsumerBinding> consumerBindings(JsonNode application) {
        JsonNode stream = application.path("spring").path("cloud").path("stream");
        Map<String, JsonNode> bindings = new LinkedHashMap<>();
        // platform-core's default (platform-defaults.properties): countyStatus on county.events, group = the service.
        ObjectNode countyStatus = JSON.createObjectNode()
                .put("destination", "county.events")
                .put("group", application.path("spring").path("application").path("name").asText());
        bindings.put("countyStatus-in-0", countyStatus);
        // platform-core's county copy (PlatformDefaults), for a service with platform.county-copy.enabled.
        if (application.path("platform").path("county-copy").path("enabled").asBoolean(false)) {
            String name = application.path("spring").path("application").path("name").asText();
            bindings.put("countyJoined-in-0", JSON.createObjectNode().put("destination", "county.events").put("group", name + ".county-copy"));
            bindings.put("villageRegistered-in-0", JSON.createObjectNode().put("destination", "village.events").put("group", name + ".village-copy"));
        }
        // platform-core's household copy (PlatformDefaults), for a service with platform.household-copy.enabled.
        if (application.path("platform").path("household-copy").path("enabled").asBoolean(false)) {
            String name = application.path("spring").path("application").path("name").asText();
            bindings.put("householdChanged-in-0", JSON.createObjectNode().put("destination", "household.events").put("group", name + ".household-copy"));
        }
        stream.path("bindings").fields().forEachRemaining(entry -> {
            ObjectNode merged = bindings.containsKey(entry.getKey())
                    ? ((ObjectNode) bindings.get(entry.getKey())).deepCopy() : JSON.createObjectNode();
            merged.setAll((ObjectNode) entry.getValue());
            bindings.put(entry.getKey(), merged);
        });
        List<ConsumerBinding> consumers = new ArrayList<>();
        bindings.forEach((name, binding) -> {
            if (!name.contains("-in-")) {
                return;
            }
            String group = binding.path("group").asText("");
            boolean dlq = stream.path("kafka").path("bindings").path(name).path("consumer").path("enable-dlq").asBoolean(true);
            String destination = binding.path("destination").asText();
            consumers.add(new ConsumerBinding(name.substring(0, name.indexOf("-in-")), destination, group,
                    !group.isBlank() && dlq ? "error." + destination + "." + group : null));
        });
        return consumers;
    }

    static String sourceOf(String deadLetter, Set<String> topics) {
        return topics.stream().filter(t -> !t.startsWith("error.") && deadLetter.startsWith("error." + t + "."))
                .findFirst().orElse(null);
    }

    /** The deployable services: services/services.yaml's list (ServiceListTest checks it names every module). */
    static List<String> serviceModules() {
        return PlatformServices.read(REPO.resolve(PlatformServices.FILE)).stream().map(PlatformServices.Service::name).toList();
    }

    /** The labels platform-library gives a chart's pods (the ones k8s/'s policies select on). */
    static Map<String, String> platformPod(String name) {
        return Map.of("app.kubernetes.io/name", name, "app.kubernetes.io/part-of", "poverty-platform");
    }

    static List<NetworkPolicyPeer> redisPeers(List<NetworkPolicyPeer> peers) {
        return peers.stream().filter(peer -> peer.getPodSelector() != null && peer.getPodSelector().getMatchLabels() != null
                && "redis".equals(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))).toList();
    }

    /** The deployable charts: every helm/<name> whose Chart.yaml depends on platform-library. */
    static List<String> libraryCharts() {
        try (Stream<Path> dirs = Files.list(REPO.resolve("helm"))) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("Chart.yaml")))
                    .filter(dir -> single(dir.resolve("Chart.yaml")).path("dependencies").findValuesAsText("name")
                            .contains("platform-library"))
                    .map(dir -> dir.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Manifest> topics() {
        Map<String, Manifest> topics = new LinkedHashMap<>();
        for (Manifest topic : ofKind("KafkaTopic")) {
            String name = topic.spec().path("topicName").asText(topic.name());
            assertThat(topics.put(name, topic)).as("topic %s declared once", name).isNull();
        }
        return topics;
    }

    static Namespace namespace(String name) {
        Manifest manifest = ofKind("Namespace").stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Namespace " + name + " in k8s/"));
        return parseStrictly(manifest.node(), Namespace.class);
    }

    static Manifest defaultDeny() {
        return ofKind("NetworkPolicy").stream()
                .filter(m -> WORKLOAD_NAMESPACE.equals(m.namespace()))
                .filter(m -> m.spec().path("podSelector").isEmpty())
                .filter(m -> m.spec().path("ingress").isMissingNode() && m.spec().path("egress").isMissingNode())
                .findFirst().orElseThrow(() -> new AssertionError("no default-deny NetworkPolicy in " + WORKLOAD_NAMESPACE));
    }

    static List<NetworkPolicy> networkPolicies(String namespace) {
        return ofKind("NetworkPolicy").stream().filter(m -> namespace.equals(m.namespace()))
                .map(m -> parseStrictly(m.node(), NetworkPolicy.class)).toList();
    }

    static List<NetworkPolicyPeer> ingressSources(
            List<NetworkPolicy> policies, Map<String, String> pod) {
        List<NetworkPolicyPeer> peers = new ArrayList<>();
        for (NetworkPolicy policy : policies) {
            if (selects(policy.getSpec().getPodSelector(), pod) && policy.getSpec().getIngress() != null) {
                policy.getSpec().getIngress().forEach(rule -> peers.addAll(rule.getFrom()));
            }
        }
        return peers;
    }

    /** Egress peers of the policies selecting the pod (every policy's when pod is null). */
    static List<NetworkPolicyPeer> egressPeers(
            List<NetworkPolicy> policies, Map<String, String> pod) {
        List<NetworkPolicyPeer> peers = new ArrayList<>();
        for (NetworkPolicy policy : policies) {
            if ((pod == null || selects(policy.getSpec().getPodSelector(), pod)) && policy.getSpec().getEgress() != null) {
                policy.getSpec().getEgress().forEach(rule -> peers.addAll(rule.getTo()));
            }
        }
        return peers;
    }

    /** Whether a label selector matches a pod's labels (matchLabels and the In/NotIn/Exists/DoesNotExist expressions). */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> required : selector.getMatchLabels().entrySet()) {
                if (!required.getValue().equals(labels.get(required.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (var expression : selector.getMatchExpressions()) {
                String value = labels.get(expression.getKey());
                boolean ok = switch (expression.getOperator()) {
                    case "In" -> value != null && expression.getValues().contains(value);
                    case "NotIn" -> value == null || !expression.getValues().contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> throw new AssertionError("unknown selector operator " + expression.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    static String name(NetworkPolicy policy) {
        return "NetworkPolicy " + policy.getMetadata().getName();
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    static boolean isEmpty(Collection<?> c) {
        return c == null || c.isEmpty();
    }

    static boolean isEmpty(Map<?, ?> m) {
        return m == null || m.isEmpty();
    }

    static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (item.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    static Set<String> names(String kind) {
        return ofKind(kind).stream().map(Manifest::name).collect(Collectors.toCollection(TreeSet::new));
    }

    static List<Manifest> ofKind(String kind) {
        return manifests().stream().filter(m -> m.kind().equals(kind)).toList();
    }

    /** Every document reachable from k8s/kustomization.yaml, in the namespace its nearest kustomization sets. */
    static List<Manifest> manifests() {
        List<Manifest> manifests = new ArrayList<>();
        reachableFrom(K8S).forEach((file, namespace) -> {
            for (JsonNode document : documents(file)) {
                String own = document.path("metadata").path("namespace").asText(null);
                manifests.add(new Manifest(file, document, namespace != null ? namespace : own));
            }
        });
        return manifests;
    }

    /** Manifest files reachable from the kustomization in a directory, with the namespace the kustomizations set. */
    static Map<Path, String> reachableFrom(Path directory) {
        Map<Path, String> files = new LinkedHashMap<>();
        collect(directory, null, files);
        return files;
    }

    static void collect(Path directory, String outerNamespace, Map<Path, String> files) {
        Path kustomization = directory.resolve("kustomization.yaml");
        if (!Files.isRegularFile(kustomization)) {
            return;
        }
        JsonNode k = single(kustomization);
        // An outer kustomization's namespace overrides an inner one's.
        String namespace = outerNamespace != null ? outerNamespace : k.path("namespace").asText(null);
        for (JsonNode resource : k.path("resources")) {
            Path target = directory.resolve(resource.asText()).normalize();
            if (Files.isDirectory(target)) {
                collect(target, namespace, files);
            } else if (Files.isRegularFile(target)) {
                files.put(target, namespace);
            }
        }
    }

    static List<Path> yamlFiles() {
        try (Stream<Path> walk = Files.walk(K8S)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isKustomization(Path file) {
        String name = file.getFileName().toString();
        return name.equals("kustomization.yaml") || name.equals("kustomization.yml");
    }

    static List<JsonNode> documents(Path file) {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            Iterator<JsonNode> iterator = YAML.readValues(parser, JsonNode.class);
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new AssertionError(file + " does not parse: " + e.getMessage(), e);
        }
        return documents;
    }

    static JsonNode single(Path file) {
        List<JsonNode> documents = documents(file);
        assertThat(documents).as("%s has one document", file).hasSize(1);
        return documents.get(0);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("k8s")) && Files.isDirectory(dir.resolve("services")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside the repository: " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
