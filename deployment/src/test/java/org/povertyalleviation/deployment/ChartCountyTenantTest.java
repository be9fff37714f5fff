package org.povertyalleviation.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The county-tenant chart: one release onboards one county; uninstalling suspends it. */
class ChartCountyTenantTest {

    static final String WEN = "counties/wen-county.yaml";

    private static List<HasMetadata> render(String... valuesFiles) {
        return Charts.parse(Charts.render("county-tenant", valuesFiles));
    }

    @Test
    void theOnboardingRequestCarriesTheCountyItsTownshipsAndVillages() throws Exception {
        ConfigMap onboarding = Charts.named(render(WEN), ConfigMap.class, "county-621222-onboarding");

        JsonNode request = new ObjectMapper().readTree(onboarding.getData().get("request.json"));
        assertThat(request.get("nameZh").asText()).isEqualTo("文县");
        assertThat(request.get("nameEn").asText()).isEqualTo("Wen County");
        assertThat(request.get("firstAdministrator").get("email").asText()).isEqualTo("wen-admin@example.org");
        assertThat(request.get("firstAdministrator").get("username").asText()).isEqualTo("wen-admin");
        // exactly the fields of the registry's OnboardCountyRequest
        assertThat(request.fieldNames()).toIterable().containsExactlyInAnyOrder("nameZh", "nameEn", "firstAdministrator", "villagesCsv");
        List<String> lines = request.get("villagesCsv").asText().lines().toList();
        assertThat(lines.get(0)).isEqualTo("township_code,township_name,village_code,village_name,poor,latitude,longitude");
        assertThat(lines).hasSize(8)
                .contains("621222101,城关镇,621222101201,上坝村,true,32.94,104.68", "621222102,碧口镇,621222102202,白果村,false,,");
        assertThat(onboarding.getData().get("villages.csv").strip()).isEqualTo(request.get("villagesCsv").asText());
        assertThat(onboarding.getData().get("partners.yaml")).contains("partner-taobao", "/counties/621222", "requests-per-second: 100");
    }

    @Test
    void aPostInstallAndUpgradeJobOnboardsTheCountyWithAPut() {
        List<HasMetadata> resources = render(WEN);
        Job onboard = Charts.named(resources, Job.class, "county-621222-onboard");

        assertThat(onboard.getMetadata().getAnnotations()).containsEntry("helm.sh/hook", "post-install,post-upgrade");
        PodSecurity.assertRestricted(onboard.getSpec().getTemplate().getSpec());
        assertThat(onboard.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("poverty-platform/gateway-client", "true");
        Container container = onboard.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, io.fabric8.kubernetes.api.model.EnvVar> env = ChartPlatformTest.env(container);
        assertThat(env.get("COUNTY").getValue()).isEqualTo("621222");
        assertThat(env.get("REGISTRY").getValue()).isEqualTo("http://gateway:8080/api/county-registry");
        assertThat(env.get("TOKEN_URL").getValue())
                .isEqualTo("http://keycloak-service.poverty-data.svc:8080/realms/poverty-platform/protocol/openid-connect/token");
        assertThat(env.get("CLIENT_SECRET").getValue()).isNull();
        assertThat(env.get("CLIENT_SECRET").getValueFrom().getSecretKeyRef().getName()).isEqualTo("platform-onboarding-client");
        assertThat(container.getCommand()).containsExactly("sh", "/onboarding/onboard.sh");
        String script = Charts.named(resources, ConfigMap.class, "county-621222-onboarding").getData().get("onboard.sh");
        assertThat(script).contains("-X PUT", "@/onboarding/request.json", "$REGISTRY/counties/$COUNTY\"", "(not logged)");
        assertThat(Charts.ofType(resources, Secret.class)).isEmpty();
    }

    @Test
    void uninstallingSuspendsTheCountyInsteadOfDeletingIt() {
        List<HasMetadata> resources = render(WEN);
        Job suspend = Charts.named(resources, Job.class, "county-621222-suspend");

        assertThat(suspend.getMetadata().getAnnotations()).containsEntry("helm.sh/hook", "pre-delete");
        PodSecurity.assertRestricted(suspend.getSpec().getTemplate().getSpec());
        assertThat(suspend.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand()).containsExactly("sh", "/onboarding/suspend.sh");
        String script = Charts.named(resources, ConfigMap.class, "county-621222-onboarding").getData().get("suspend.sh");
        assertThat(script).contains("-X PUT", "$REGISTRY/counties/$COUNTY/suspension").doesNotContain("DELETE \"").doesNotContain("-X DELETE");
    }

    @Test
    void aCsvCanStandInForTheTownshipList() {
        String csv = Charts.valuesFile("""
                county:
                  code: "621223"
                  nameZh: 宕昌县
                  nameEn: Tanchang County
                  villagesCsv: |
                    township_code,township_name,village_code,village_name,poor
                    621223101,城关镇,621223101201,鹿仁村,true
                firstAdministrator: { email: tanchang-admin@example.org }
                """);
        ConfigMap onboarding = Charts.named(render(csv), ConfigMap.class, "county-621223-onboarding");

        assertThat(onboarding.getData().get("request.json")).contains("621223101201", "admin-621223");
    }

    @Test
    void withoutAnyValuesTheChartRefusesForTheCountyCodeIsMissing() {
        assertThatThrownBy(() -> Charts.render("county-tenant")).hasMessageContaining("/county/code");

        String noCode = Charts.valuesFile("""
                county: { nameZh: 文县, nameEn: Wen County, townships: [ { code: "621222101", name: 城关镇, villages: [ { code: "621222101201", name: 上坝村 } ] } ] }
                firstAdministrator: { email: wen-admin@example.org }
                """);
        assertThatThrownBy(() -> Charts.render("county-tenant", List.of(noCode), Map.of()))
                .hasMessageContaining("/county/code")
                .hasMessageNotContaining("/county/nameZh");
    }

    @ParameterizedTest
    @ValueSource(strings = {"621200", "62122", "6212220", "62122A", "620000"})
    void aMalformedCountyCodeFailsWithTheSchemasMessage(String code) {
        String values = Charts.valuesFile("county: { code: \"" + code + "\" }\n");

        assertThatThrownBy(() -> Charts.render("county-tenant", List.of(Charts.repository().resolve(WEN).toString(), values), Map.of()))
                .hasMessageContaining("/county/code")
                .hasMessageContaining("does not match pattern");
    }

    @Test
    void anUnquotedCodeIsRefusedRatherThanReadAsANumber() {
        assertThatThrownBy(() -> Charts.render("county-tenant", List.of(WEN), Map.of("county.code", 621222)))
                .hasMessageContaining("/county/code");
    }

    @Test
    void villagesOfAnotherCountyOrTownshipAndAMismatchedCityAreRefused() {
        String otherTownship = Charts.valuesFile("""
                county:
                  townships:
                    - { code: "621224101", name: 城关镇, villages: [ { code: "621224101201", name: 某村 } ] }
                """);
        assertThatThrownBy(() -> Charts.render("county-tenant", List.of(WEN, otherTownship), Map.of()))
                .hasMessageContaining("township 621224101 is not in county 621222");

        String otherVillage = Charts.valuesFile("""
                county:
                  townships:
                    - { code: "621222101", name: 城关镇, villages: [ { code: "621222102201", name: 某村 } ] }
                """);
        assertThatThrownBy(() -> Charts.render("county-tenant", List.of(WEN, otherVillage), Map.of()))
                .hasMessageContaining("village 621222102201 is not in township 621222101");

        String otherCity = Charts.valuesFile("county: { city: \"621100\" }\n");
        assertThatThrownBy(() -> Charts.render("county-tenant", List.of(WEN, otherCity), Map.of()))
                .hasMessageContaining("county.city 621100 does not match county.code 621222");
    }
}
