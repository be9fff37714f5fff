package org.povertyalleviation.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The county administrators' portal in the umbrella chart: wired to the gateway, Keycloak and Redis (and to nothing
 * else), exposed at its own host through platform-library's Ingress, reached by the ingress controller only, and
 * announcing the address the realm's portal client redirects to. The generic checks (probes, limits, restricted
 * profile, HPA, PDB, NetworkPolicy) cover it with every other service in ChartPlatformTest.
 */
class ChartPortalTest {

    private static List<HasMetadata> render(String valuesFile) {
        return Charts.parse(valuesFile.isEmpty() ? Charts.render("poverty-platform") : Charts.render("poverty-platform", valuesFile));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|https://portal.example.org",
            ChartPlatformTest.EXAMPLE + "|https://portal.wenxian.example.org"})
    void thePortalCallsTheGatewayAndKnowsItsPublicAddress(String valuesFile, String publicUrl) {
        List<HasMetadata> resources = render(valuesFile);
        Map<String, EnvVar> portal = ChartPlatformTest.env(container(resources, "portal"));
        Service gateway = Charts.named(resources, Service.class, "gateway");

        assertThat(portal.get("GATEWAY_URL").getValue()).as("the gateway's Service in this release")
                .isEqualTo("http://" + gateway.getMetadata().getName() + ":" + gateway.getSpec().getPorts().get(0).getPort())
                .isEqualTo("http://gateway:8080");
        assertThat(portal.get("PORTAL_PUBLIC_URL").getValue()).isEqualTo(publicUrl);
        assertThat(portal.get("PORTAL_CLIENT_ID").getValue()).isEqualTo("portal");
        assertThat(portal.get("PORTAL_SECURE_COOKIE").getValue()).as("the session cookie over HTTPS only").isEqualTo("true");
        assertThat(ChartPlatformTest.env(container(resources, "gateway")).get("PORTAL_ORIGIN").getValue())
                .as("the gateway's CORS origin is the portal's address").isEqualTo(publicUrl);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ChartPlatformTest.EXAMPLE})
    void thePortalSharesTheGatewaysIssuerAndRedisAndHasNoDatabaseOrKafka(String valuesFile) {
        List<HasMetadata> resources = render(valuesFile);
        Map<String, EnvVar> portal = ChartPlatformTest.env(container(resources, "portal"));
        Map<String, EnvVar> gateway = ChartPlatformTest.env(container(resources, "gateway"));

        for (String name : List.of("PLATFORM_ISSUER_URI", "SPRING_DATA_REDIS_HOST", "SPRING_DATA_REDIS_PORT", "SPRING_DATA_REDIS_PASSWORD")) {
            assertThat(portal).as("the portal's %s", name).containsKey(name);
            assertThat(portal.get(name)).as("%s as the gateway has it", name).isEqualTo(gateway.get(name));
        }
        assertThat(portal.get("SPRING_DATA_REDIS_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo("redis");
        assertThat(portal.keySet()).as("no database, no Kafka, no confidential client").noneMatch(name ->
                name.startsWith("DATABASE_") || name.contains("KAFKA") || name.contains("R2DBC") || name.contains("FLYWAY")
                        || name.startsWith("KEYCLOAK_"));
        assertThat(portal).doesNotContainKeys("COUNTY_REGISTRY_URL", "HOUSEHOLD_REGISTRY_URL", "SHOP_MANAGEMENT_URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ChartPlatformTest.EXAMPLE})
    void thePortalRunsTheJibImageOnPort8090AsTheImagesUser(String valuesFile) {
        List<HasMetadata> resources = render(valuesFile);
        Container container = container(resources, "portal");
        PodSpec pod = Charts.named(resources, Deployment.class, "portal").getSpec().getTemplate().getSpec();

        assertThat(container.getImage()).startsWith("poverty-platform/portal:");
        assertThat(container.getPorts()).extracting(port -> port.getName() + ":" + port.getContainerPort())
                .containsExactly("http:8090", "management:9090");
        assertThat(ChartPlatformTest.env(container).get("PORT").getValue()).isEqualTo("8090");
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
        assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(65532L);
        assertThat(Charts.named(resources, Service.class, "portal").getSpec().getPorts())
                .extracting(port -> port.getName() + ":" + port.getPort() + "->" + port.getTargetPort().getStrVal())
                .containsExactly("http:8090->http", "management:9090->management");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|portal.example.org|portal-tls",
            ChartPlatformTest.EXAMPLE + "|portal.wenxian.example.org|portal-wenxian-tls"})
    void thePortalIsExposedAtItsOwnHostThroughAnIngressEndingTls(String valuesFile, String host, String tlsSecret) {
        List<HasMetadata> resources = render(valuesFile);
        Ingress ingress = Charts.named(resources, Ingress.class, "portal");
        String publicUrl = ChartPlatformTest.env(container(resources, "portal")).get("PORTAL_PUBLIC_URL").getValue();

        assertThat(URI.create(publicUrl).getHost()).isEqualTo(host);
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getHost()).isEqualTo(host);
            assertThat(rule.getHttp().getPaths()).singleElement().satisfies(path -> {
                assertThat(path.getPath()).isEqualTo("/");
                assertThat(path.getPathType()).isEqualTo("Prefix");
                IngressBackend backend = path.getBackend();
                assertThat(backend.getService().getName()).isEqualTo("portal");
                assertThat(backend.getService().getPort().getName()).isEqualTo("http");
            });
        });
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getHosts()).containsExactly(host);
            assertThat(tls.getSecretName()).isEqualTo(tlsSecret);
        });
        assertThat(ingress.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "portal");
        assertThat(Charts.ofType(resources, Ingress.class)).as("the gateway's Ingress is off unless enabled").hasSize(1);
    }

    @Test
    void theExamplesTlsCertificateComesFromCertManager() {
        Ingress ingress = Charts.named(render(ChartPlatformTest.EXAMPLE), Ingress.class, "portal");

        assertThat(ingress.getMetadata().getAnnotations()).containsEntry("cert-manager.io/cluster-issuer", "letsencrypt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ChartPlatformTest.EXAMPLE})
    void onlyTheIngressControllerReachesThePortalAndThePortalReachesTheGateway(String valuesFile) {
        List<HasMetadata> resources = render(valuesFile);
        NetworkPolicy portal = Charts.named(resources, NetworkPolicy.class, "portal");
        NetworkPolicy gateway = Charts.named(resources, NetworkPolicy.class, "gateway");

        // The ingress controller reaches the http port; the management port is the scraper's and health checks' (ChartPlatformTest).
        assertThat(portal.getSpec().getIngress()).filteredOn(rule -> rule.getPorts().get(0).getPort().getStrVal().equals("http"))
                .singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).singleElement().satisfies(peer -> {
                assertThat(peer.getNamespaceSelector().getMatchLabels()).containsExactly(Map.entry("kubernetes.io/metadata.name", "ingress-nginx"));
                assertThat(peer.getPodSelector().getMatchLabels()).containsExactly(Map.entry("app.kubernetes.io/name", "ingress-nginx"));
            });
            assertThat(rule.getPorts()).singleElement().satisfies(port -> assertThat(port.getPort().getStrVal()).isEqualTo("http"));
        });
        List<NetworkPolicyPeer> gatewayCallers = gateway.getSpec().getIngress().stream().flatMap(rule -> rule.getFrom().stream()).toList();
        assertThat(gatewayCallers).as("the gateway admits the portal").anySatisfy(peer -> {
            assertThat(peer.getNamespaceSelector()).isNull();
            assertThat(peer.getPodSelector().getMatchLabels()).containsExactly(Map.entry("app.kubernetes.io/name", "portal"));
        });
        for (String service : Charts.SERVICES.stream().filter(name -> !name.equals("gateway") && !name.equals("portal")).toList()) {
            assertThat(Charts.named(resources, NetworkPolicy.class, service).getSpec().getIngress())
                    .as("%s is reached through the gateway, not by the portal", service)
                    .flatExtracting(rule -> rule.getFrom())
                    .noneSatisfy(peer -> assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "portal"));
        }
    }

    @Test
    void theRealmsPortalClientRedirectsToTheChartsDefaultAddress() throws IOException {
        Map<String, EnvVar> portal = ChartPlatformTest.env(container(render(""), "portal"));
        String publicUrl = portal.get("PORTAL_PUBLIC_URL").getValue();
        JsonNode realmImport = new ObjectMapper(new YAMLFactory())
                .readTree(Charts.repository().resolve("k8s/keycloak/realm-import.yaml").toFile());

        JsonNode client = null;
        for (JsonNode candidate : realmImport.path("spec").path("realm").path("clients")) {
            if (candidate.path("clientId").asText().equals(portal.get("PORTAL_CLIENT_ID").getValue())) {
                client = candidate;
            }
        }
        assertThat(client).as("the realm import has the client PORTAL_CLIENT_ID names").isNotNull();
        assertThat(client.path("publicClient").asBoolean()).isTrue();
        assertThat(client.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
        assertThat(client.path("redirectUris")).extracting(JsonNode::asText).containsExactly(publicUrl + "/*");
        assertThat(client.path("webOrigins")).extracting(JsonNode::asText).containsExactly(publicUrl);
        assertThat(client.path("attributes").path("post.logout.redirect.uris").asText()).isEqualTo(publicUrl + "/*");
    }

    @Test
    void theLibrarysIngressServesTheGatewayWhenEnabled() {
        List<HasMetadata> resources = Charts.parse(Charts.render("poverty-platform", List.of(),
                Map.of("gateway.ingress.enabled", true, "gateway.ingress.host", "api.wenxian.example.org")));

        Ingress gateway = Charts.named(resources, Ingress.class, "gateway");
        assertThat(gateway.getSpec().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getHost()).isEqualTo("api.wenxian.example.org");
            assertThat(rule.getHttp().getPaths().get(0).getBackend().getService().getName()).isEqualTo("gateway");
        });
        assertThat(gateway.getSpec().getTls()).singleElement().satisfies(tls -> assertThat(tls.getSecretName()).isEqualTo("gateway-tls"));
    }

    @Test
    void withoutItsIngressThePortalStillRendersForAnotherWayIn() {
        List<HasMetadata> resources = Charts.parse(Charts.render("poverty-platform", List.of(), Map.of("portal.ingress.enabled", false)));

        assertThat(Charts.ofType(resources, Ingress.class)).isEmpty();
        assertThat(Charts.named(resources, Service.class, "portal").getSpec().getPorts().get(0).getPort()).isEqualTo(8090);
    }

    @Test
    void anAddressThatIsNotTheIngressHostOrTheGatewaysPortalOriginFails() {
        String otherHost = Charts.valuesFile("portal: { env: { PORTAL_PUBLIC_URL: 'https://portal.other.example.org' } }\n");
        assertThatThrownBy(() -> Charts.render("poverty-platform", otherHost))
                .hasMessageContaining("portal.env.PORTAL_PUBLIC_URL (https://portal.other.example.org)")
                .hasMessageContaining("portal.ingress.host");

        String otherOrigin = Charts.valuesFile("gateway: { env: { PORTAL_ORIGIN: 'https://portal.other.example.org' } }\n");
        assertThatThrownBy(() -> Charts.render("poverty-platform", otherOrigin))
                .hasMessageContaining("gateway.env.PORTAL_ORIGIN (https://portal.other.example.org)");
    }

    @Test
    void thePortalsValuesAreCheckedByTheSchema() {
        String withKafka = Charts.valuesFile("portal: { uses: [issuer, redis, kafka] }\n");
        assertThatThrownBy(() -> Charts.render("poverty-platform", withKafka)).hasMessageContaining("/portal/uses");

        String plainHttp = Charts.valuesFile("portal: { env: { PORTAL_PUBLIC_URL: 'http://portal.example.org' } }\n");
        assertThatThrownBy(() -> Charts.render("poverty-platform", plainHttp)).hasMessageContaining("/portal/env/PORTAL_PUBLIC_URL");

        String noGateway = Charts.valuesFile("portal: { env: { GATEWAY_URL: '' } }\n");
        assertThatThrownBy(() -> Charts.render("poverty-platform", noGateway)).hasMessageContaining("/portal/env/GATEWAY_URL");

        String hostWithScheme = Charts.valuesFile("portal: { ingress: { host: 'https://portal.example.org' } }\n");
        assertThatThrownBy(() -> Charts.render("poverty-platform", hostWithScheme)).hasMessageContaining("/portal/ingress/host");

        String misspelled = Charts.valuesFile("portal: { ingress: { tls: { secret: portal-tls } } }\n");
        assertThatThrownBy(() -> Charts.render("poverty-platform", misspelled)).hasMessageContaining("/portal/ingress/tls");
    }

    private static Container container(List<HasMetadata> resources, String service) {
        return Charts.named(resources, Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0);
    }
}
