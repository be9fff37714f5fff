package org.povertyalleviation.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The umbrella chart poverty-platform, rendered by Helm with its defaults and with the small-county example. */
class ChartPlatformTest {

    static final String EXAMPLE = "helm/poverty-platform/examples/small-county.yaml";

    private static List<HasMetadata> render(String... valuesFiles) {
        return Charts.parse(Charts.render("poverty-platform", valuesFiles));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", EXAMPLE})
    void everyServiceIsDeployedWithItsServiceHpaPdbAndNetworkPolicy(String valuesFile) {
        List<HasMetadata> resources = valuesFile.isEmpty() ? render() : render(valuesFile);

        assertThat(Charts.ofType(resources, Deployment.class)).extracting(deployment -> deployment.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Charts.SERVICES);
        for (String service : Charts.SERVICES) {
            Map<String, String> selector = Charts.named(resources, Deployment.class, service).getSpec().getSelector().getMatchLabels();
            assertThat(Charts.named(resources, Service.class, service).getSpec().getSelector()).isEqualTo(selector);
            HorizontalPodAutoscaler hpa = Charts.named(resources, HorizontalPodAutoscaler.class, service);
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(service);
            assertThat(hpa.getSpec().getMinReplicas()).isPositive().isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
            assertThat(Charts.named(resources, PodDisruptionBudget.class, service).getSpec().getSelector().getMatchLabels())
                    .isEqualTo(selector);
            NetworkPolicy policy = Charts.named(resources, NetworkPolicy.class, service);
            assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isEqualTo(selector);
            // Callers reach the http port; only the scraper (with a ServiceMonitor) and health checks reach Actuator's.
            assertThat(policy.getSpec().getIngress()).allSatisfy(rule -> assertThat(rule.getPorts()).hasSize(1));
            var management = policy.getSpec().getIngress().stream()
                    .filter(rule -> rule.getPorts().get(0).getPort().equals(new IntOrString("management"))).toList();
            assertThat(management).singleElement().satisfies(rule -> assertThat(rule.getFrom()).allSatisfy(peer -> {
                boolean prometheus = peer.getNamespaceSelector() != null && "monitoring".equals(
                        peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
                boolean healthCheck = peer.getPodSelector() != null && peer.getNamespaceSelector() == null
                        && "true".equals(peer.getPodSelector().getMatchLabels().get("poverty-platform/health-check"));
                assertThat(prometheus || healthCheck).as(peer.toString()).isTrue();
            }));
            assertThat(Charts.named(resources, Service.class, service).getSpec().getPorts())
                    .extracting(port -> port.getName()).containsExactly("http", "management");
        }
    }

    @Test
    void actuatorSharingThePortUsersReachIsRefused() {
        String samePort = Charts.valuesFile("gateway: { managementPort: 8080 }\n");
        assertThatThrownBy(() -> Charts.render("poverty-platform", samePort))
                .hasMessageContaining("managementPort must differ from port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", EXAMPLE})
    void everyDeploymentHasProbesResourcesTheRestrictedProfileZeroUnavailableAndTopologySpread(String valuesFile) {
        List<Deployment> deployments = Charts.ofType(valuesFile.isEmpty() ? render() : render(valuesFile), Deployment.class);

        assertThat(deployments).hasSize(Charts.SERVICES.size()).allSatisfy(deployment -> {
            assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString(0));
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getTopologySpreadConstraints()).isNotEmpty().allSatisfy(spread ->
                    assertThat(spread.getLabelSelector().getMatchLabels()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels()));
            assertThat(pod.getTopologySpreadConstraints()).extracting(spread -> spread.getTopologyKey()).contains("kubernetes.io/hostname");
            Container container = pod.getContainers().get(0);
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            // Probes on Actuator's own port: the http port serves no health or metrics.
            assertThat(List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe()))
                    .allSatisfy(probe -> assertThat(probe.getHttpGet().getPort()).isEqualTo(new IntOrString("management")));
            assertThat(container.getPorts()).extracting(port -> port.getName() + ":" + port.getContainerPort())
                    .contains("management:9090").doesNotContain("http:9090");
            assertThat(env(container).get("MANAGEMENT_SERVER_PORT").getValue()).isEqualTo("9090");
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
            PodSecurity.assertRestricted(pod);
            assertThat(pod.getVolumes()).anySatisfy(volume -> {
                assertThat(volume.getName()).isEqualTo("tmp");
                assertThat(volume.getEmptyDir()).isNotNull();
            });
            assertThat(container.getVolumeMounts()).anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
            assertThat(env(container)).containsKey("PORT").containsKey("JAVA_TOOL_OPTIONS");
        });
    }

    @Test
    void secretsAreReferencedNeverRendered() {
        for (List<HasMetadata> resources : List.of(render(), render(EXAMPLE))) {
            assertThat(Charts.ofType(resources, Secret.class)).isEmpty();
            for (Deployment deployment : Charts.ofType(resources, Deployment.class)) {
                for (EnvVar variable : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
                    if (variable.getName().matches(".*(PASSWORD|SECRET|_KEY|_KEY_ID)$")) {
                        assertThat(variable.getValue()).as(variable.getName()).isNull();
                        assertThat(variable.getValueFrom().getSecretKeyRef().getName()).as(variable.getName()).isNotBlank();
                    }
                }
            }
        }
    }

    @Test
    void eachServiceIsWiredToTheExternalSystemsInTheValues() {
        List<HasMetadata> resources = render(EXAMPLE);
        Map<String, EnvVar> gateway = env(container(resources, "gateway"));
        Map<String, EnvVar> counties = env(container(resources, "county-registry"));
        Map<String, EnvVar> households = env(container(resources, "household-registry"));

        assertThat(gateway.get("JAVA_TOOL_OPTIONS").getValue()).contains("-XX:+UseParallelGC");
        assertThat(counties.get("JAVA_TOOL_OPTIONS").getValue()).doesNotContain("UseParallelGC").contains("-XX:MaxRAMPercentage=75");
        assertThat(gateway.get("SPRING_DATA_REDIS_HOST").getValue()).isEqualTo("redis.poverty-data.svc");
        assertThat(gateway.get("SPRING_DATA_REDIS_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo("redis");
        assertThat(gateway.get("COUNTY_REGISTRY_URL").getValue()).isEqualTo("http://county-registry:8081");
        assertThat(gateway.get("PORTAL_ORIGIN").getValue()).isEqualTo("https://portal.wenxian.example.org");
        assertThat(gateway.get("PLATFORM_ISSUER_URI").getValue()).isEqualTo("https://id.wenxian.example.org/realms/poverty-platform");
        assertThat(counties.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI").getValue())
                .isEqualTo("http://keycloak-service.poverty-data.svc:8080/realms/poverty-platform/protocol/openid-connect/certs");
        assertThat(gateway).doesNotContainKey("DATABASE_R2DBC_URL");
        assertThat(counties.get("DATABASE_R2DBC_URL").getValue())
                .isEqualTo("r2dbc:postgresql://poverty-postgres-rw.poverty-data.svc:5432/county_registry?sslMode=require");
        assertThat(counties.get("DATABASE_JDBC_URL").getValue())
                .isEqualTo("jdbc:postgresql://poverty-postgres-rw.poverty-data.svc:5432/county_registry?sslmode=require");
        assertThat(counties).as("the migration Job has the owner's (ChartMigrationsTest)").doesNotContainKey("DATABASE_OWNER_USER");
        assertThat(counties.get("DATABASE_APP_USER").getValue()).isEqualTo("county_registry_app");
        assertThat(counties.get("KEYCLOAK_CLIENT_SECRET").getValueFrom().getSecretKeyRef().getName()).isEqualTo("county-registry-keycloak-client");
        assertThat(counties.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS").getValue()).isEqualTo("poverty-kafka-kafka-bootstrap.poverty-data.svc:9093");
        assertThat(households).containsKeys("PII_ACTIVE_KEY_ID", "PII_ACTIVE_KEY", "PII_LOOKUP_KEY");
        // The import limits reach Spring as numbers it binds (a bare 1000000 in values would render as 1e+06).
        assertThat(households.get("HOUSEHOLDREGISTRY_IMPORTS_MAXROWS").getValue()).isEqualTo("1000000");
        assertThat(households.get("HOUSEHOLDREGISTRY_IMPORTS_PERPOD").getValue()).isEqualTo("2");
        assertThat(households.get("PII_ACTIVE_KEY").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("active-key");
        assertThat(container(resources, "gateway").getImage()).isEqualTo("poverty-platform/gateway:0.1.0");
    }

    @Test
    void eachReplicasPoolIsDerivedFromItsDatabasesBudgetAndTheMostPodsThatCanRunAtOnce() {
        List<HasMetadata> resources = render();

        // maxReplicas 6 plus the rolling update's extra pod, each with its pool and one migration connection.
        assertThat(env(container(resources, "household-registry")).get("DATABASE_POOL_MAX_SIZE").getValue()).isEqualTo("8");
        for (String service : List.of("county-registry", "shop-management", "supply-platform", "logistics-booking", "training", "crowdfunding")) {
            assertThat(env(container(resources, service)).get("DATABASE_POOL_MAX_SIZE").getValue()).as(service).isEqualTo("4");
        }
        assertThat(env(container(resources, "gateway"))).doesNotContainKey("DATABASE_POOL_MAX_SIZE");
        // A single replica without autoscaling (a small county's cluster) gets the budget's share, at most 20.
        String single = Charts.valuesFile("county-registry: { autoscaling: { enabled: false }, replicaCount: 1 }\n"
                + "household-registry: { autoscaling: { enabled: false }, replicaCount: 1 }\n");
        List<HasMetadata> small = render(single);
        assertThat(env(container(small, "county-registry")).get("DATABASE_POOL_MAX_SIZE").getValue()).isEqualTo("19");
        assertThat(env(container(small, "household-registry")).get("DATABASE_POOL_MAX_SIZE").getValue()).isEqualTo("20");
    }

    @Test
    void podsThatCouldHoldMoreConnectionsThanTheirDatabasesBudgetAreRefused() {
        String moreReplicas = Charts.valuesFile("county-registry: { autoscaling: { maxReplicas: 12 } }\n");
        assertThatThrownBy(() -> Charts.render("poverty-platform", moreReplicas))
                .hasMessageContaining("below database.minPoolSize (4)").hasMessageContaining("connectionBudget of at least 65");

        String fixedPool = Charts.valuesFile("shop-management: { database: { poolMaxSize: 10 } }\n");
        assertThatThrownBy(() -> Charts.render("poverty-platform", fixedPool))
                .hasMessageContaining("7 pods at most").hasMessageContaining("= 77 connections, above database.connectionBudget (40)");

        String raisedBudget = Charts.valuesFile("county-registry: { autoscaling: { maxReplicas: 12 }, database: { connectionBudget: 65 } }\n");
        assertThat(env(container(render(raisedBudget), "county-registry")).get("DATABASE_POOL_MAX_SIZE").getValue()).isEqualTo("4");
    }

    @Test
    void theGatewaysPartnerBudgetsAreMountedAsSpringConfiguration() {
        List<HasMetadata> resources = render(EXAMPLE);

        var config = Charts.named(resources, io.fabric8.kubernetes.api.model.ConfigMap.class, "gateway");
        assertThat(config.getData().get("application.yaml")).contains("partner-taobao").contains("requests-per-second: 100");
        assertThat(env(container(resources, "gateway")).get("SPRING_CONFIG_ADDITIONAL_LOCATION").getValue()).isEqualTo("optional:file:/config/");
    }

    @Test
    void theServiceMonitorIsRenderedOnlyWhenEnabled() {
        assertThat(Charts.ofType(render(), GenericKubernetesResource.class)).isEmpty();

        List<GenericKubernetesResource> monitors = Charts.ofType(render(EXAMPLE), GenericKubernetesResource.class).stream()
                .filter(resource -> "ServiceMonitor".equals(resource.getKind())).toList();
        assertThat(monitors).singleElement().satisfies(monitor -> {
            assertThat(monitor.getKind()).isEqualTo("ServiceMonitor");
            assertThat(monitor.getMetadata().getName()).isEqualTo("gateway");
            assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
            assertThat(String.valueOf(monitor.getAdditionalProperties().get("spec"))).contains("path=/actuator/prometheus", "port=management");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAlertRulesAreRenderedWithTheServiceMonitorAndReadOnlyTheirOwnServicesSeries() {
        List<GenericKubernetesResource> rules = Charts.ofType(render(EXAMPLE), GenericKubernetesResource.class).stream()
                .filter(resource -> "PrometheusRule".equals(resource.getKind())).toList();

        assertThat(rules).singleElement().satisfies(rule -> {
            assertThat(rule.getMetadata().getName()).isEqualTo("gateway");
            assertThat(rule.getMetadata().getLabels()).containsEntry("release", "prometheus");
            var groups = (List<Map<String, Object>>) ((Map<String, Object>) rule.getAdditionalProperties().get("spec")).get("groups");
            List<Map<String, Object>> alerts = groups.stream().flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream()).toList();
            assertThat(alerts).extracting(alert -> alert.get("alert")).containsExactly(
                    "ConsumerDeadLetters", "OutboxDeadEvents", "OutboxBehind", "OutboxPublishFailing", "HttpServerErrors");
            for (Map<String, Object> alert : alerts) {
                String expr = (String) alert.get("expr");
                // Every selector names the release's own series, nothing else's; the thresholds come from the values.
                assertThat(expr.split("\\{", -1)).as(expr).hasSizeGreaterThan(1);
                assertThat(expr.split("\\{", -1).length - 1).as(expr)
                        .isEqualTo(expr.split("\\{namespace=\"poverty-platform\", service=\"gateway\"", -1).length - 1);
                assertThat(((Map<String, String>) alert.get("labels")).get("severity")).isIn("warning", "critical");
                assertThat(((Map<String, String>) alert.get("annotations")).get("runbook")).startsWith("docs/");
            }
            assertThat(alerts.get(2).get("expr")).isEqualTo(
                    "max by (namespace, service) (outbox_oldest_unsent_age_seconds{namespace=\"poverty-platform\", service=\"gateway\"}) > 120");
            assertThat((String) alerts.get(4).get("expr")).contains("status=~\"5..\"").endsWith("> 0.05");
            // Prometheus' own templates reach it unrendered by Helm.
            assertThat(((Map<String, String>) alerts.get(0).get("annotations")).get("summary"))
                    .isEqualTo("gateway dead-lettered events of {{ $labels.topic }}");
        });

        String withoutScrape = Charts.valuesFile("shop-management: { prometheusRule: { enabled: true } }\n");
        assertThatThrownBy(() -> Charts.render("poverty-platform", withoutScrape))
                .hasMessageContaining("prometheusRule.enabled needs serviceMonitor.enabled");
    }

    @Test
    void helmTestAsksTheGatewaysHealthFromARestrictedPod() {
        Pod test = Charts.ofType(render(), Pod.class).stream()
                .filter(pod -> "test".equals(pod.getMetadata().getAnnotations().get("helm.sh/hook")))
                .findFirst().orElseThrow(() -> new AssertionError("no helm test pod"));

        PodSecurity.assertRestricted(test.getSpec());
        assertThat(test.getMetadata().getLabels()).containsEntry("poverty-platform/gateway-client", "true")
                .containsEntry("poverty-platform/health-check", "true");
        Container container = test.getSpec().getContainers().get(0);
        assertThat(env(container).get("GATEWAY").getValue()).isEqualTo("http://gateway:9090");
        assertThat(String.join(" ", container.getArgs())).contains("$GATEWAY/actuator/health").contains("\"status\":\"UP\"");
    }

    @Test
    void valuesMissingAnExternalEndpointOrASecretReferenceFailWithTheSchemasMessage() {
        String noBrokers = Charts.valuesFile("global: { platform: { kafka: { brokers: '' } } }\n");
        assertThatThrownBy(() -> Charts.render("poverty-platform", noBrokers))
                .hasMessageContaining("/global/platform/kafka/brokers");

        String noSecretKey = Charts.valuesFile("county-registry: { database: { appPasswordSecret: { name: db-app, key: null } } }\n");
        assertThatThrownBy(() -> Charts.render("poverty-platform", noSecretKey))
                .hasMessageContaining("/county-registry/database/appPasswordSecret");

        String inlinedSecret = Charts.valuesFile("household-registry: { secretEnv: { PII_LOOKUP_KEY: 'c2VjcmV0' } }\n");
        assertThatThrownBy(() -> Charts.render("poverty-platform", inlinedSecret))
                .hasMessageContaining("/household-registry/secretEnv/PII_LOOKUP_KEY");

        String badRepository = Charts.valuesFile("gateway: { image: { repository: 'Poverty Platform/gateway' } }\n");
        assertThatThrownBy(() -> Charts.render("poverty-platform", badRepository))
                .hasMessageContaining("/gateway/image/repository");
    }

    private static Container container(List<HasMetadata> resources, String service) {
        return Charts.named(resources, Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    static Map<String, EnvVar> env(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
    }
}
