package org.povertyalleviation.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Each deployable's chart installed alone: every ci/*-values.yaml renders and parses strictly, the platform's
 * systems default to k8s/'s in-cluster names (platform-library.platformDefaults, kept once), and the one schema
 * (helm/platform-library/deployable.values.schema.json) refuses a misspelt or unknown value at any level.
 */
class ChartStandaloneTest {

    static final List<String> DEPLOYABLES = Charts.SERVICES;

    /** chart → its ci values files (repository-relative). */
    static List<String[]> ciValues() throws IOException {
        List<String[]> pairs = new ArrayList<>();
        for (String chart : DEPLOYABLES) {
            Path ci = Charts.repository().resolve("helm/" + chart + "/ci");
            try (Stream<Path> files = Files.list(ci)) {
                files.filter(file -> file.getFileName().toString().endsWith("-values.yaml")).sorted()
                        .forEach(file -> pairs.add(new String[] {chart, Charts.repository().relativize(file).toString()}));
            }
        }
        return pairs;
    }

    @Test
    void everyCiValuesFileRendersAndParsesStrictly() throws IOException {
        List<String[]> pairs = ciValues();
        assertThat(pairs.stream().map(pair -> pair[0]).distinct()).as("every deployable has ci values")
                .containsExactlyInAnyOrderElementsOf(DEPLOYABLES);
        for (String[] pair : pairs) {
            List<HasMetadata> resources = Charts.parse(Charts.render(pair[0], pair[1]));
            assertThat(Charts.named(resources, Deployment.class, pair[0])).as("%s with %s", pair[0], pair[1]).isNotNull();
        }
    }

    @ParameterizedTest
    @FieldSource("DEPLOYABLES")
    void aloneItIsWiredToTheInClusterDefaults(String chart) {
        List<HasMetadata> resources = Charts.parse(Charts.render(chart, "helm/" + chart + "/ci/standalone-values.yaml"));
        Map<String, EnvVar> env = Charts.named(resources, Deployment.class, chart).getSpec().getTemplate().getSpec()
                .getContainers().get(0).getEnv().stream().collect(Collectors.toMap(EnvVar::getName, variable -> variable));

        assertThat(env.get("PLATFORM_ISSUER_URI").getValue()).isEqualTo("https://auth.example.org/realms/poverty-platform");
        if (env.containsKey("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS")) {
            assertThat(env.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS").getValue())
                    .isEqualTo("poverty-kafka-kafka-bootstrap.poverty-data.svc:9093");
        }
        if (env.containsKey("DATABASE_R2DBC_URL")) {
            assertThat(env.get("DATABASE_R2DBC_URL").getValue())
                    .isEqualTo("r2dbc:postgresql://poverty-postgres-rw.poverty-data.svc:5432/" + chart.replace('-', '_')
                            + "?sslMode=verify-full&sslRootCert=/etc/poverty-platform/postgres-ca/ca.crt");
        }
    }

    @ParameterizedTest
    @FieldSource("DEPLOYABLES")
    void withoutTheIssuerItDoesNotRender(String chart) {
        assertThatThrownBy(() -> Charts.render(chart)).hasMessageContaining("global.platform.issuerUri is required");
    }

    @Test
    void everyDeployableChartCarriesTheLibrarysSchema() throws IOException {
        String schema = Files.readString(Charts.repository().resolve(ServiceList.DEPLOYABLE_SCHEMA));
        for (String chart : DEPLOYABLES) {
            assertThat(Files.readString(Charts.repository().resolve("helm/" + chart + "/values.schema.json"))).as(chart).isEqualTo(schema);
        }
    }

    @Test
    void theSchemaRefusesUnknownValuesAtEveryLevel() {
        String standalone = "helm/shop-management/ci/standalone-values.yaml";
        for (String typo : List.of("replicas: 3", "image: { repository: x, tga: v1 }", "autoscaling: { enabled: true, maxReplica: 9 }",
                "global: { platform: { kafka: { broker: x } } }", "database: { name: shop_management, appUser: a, ownerUser: o, "
                        + "appPasswordSecret: { name: a, key: p }, ownerPasswordSecret: { name: o, key: p, value: secret } }")) {
            String values = Charts.valuesFile(typo + "\n");
            assertThatThrownBy(() -> Charts.render("shop-management", List.of(standalone, values), Map.of()))
                    .as(typo).hasMessageContaining("additional properties");
        }
        String throughTheUmbrella = Charts.valuesFile("shop-management: { replicas: 3 }\n");
        assertThatThrownBy(() -> Charts.render("poverty-platform", throughTheUmbrella)).hasMessageContaining("replicas");
        String badUse = Charts.valuesFile("uses: [issuer, kafka, databse]\n");
        assertThatThrownBy(() -> Charts.render("shop-management", List.of(standalone, badUse), Map.of())).hasMessageContaining("/uses/2");
    }
}
