package org.povertyalleviation.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** helm lint of every chart under helm/ (the tenant chart with the example county: its defaults carry no county). */
class ChartLintTest {

    static final java.util.List<String> CHARTS = Charts.ALL;

    @ParameterizedTest
    @FieldSource("CHARTS")
    void lints(String chart) {
        // helm lint takes no values file: the tenant chart, whose defaults carry no county, is linted with the
        // example county merged into its values.yaml, and a deployable (no issuer by default) with its standalone values.
        var directory = chart.equals("county-tenant") ? Charts.withValues(chart, "counties/wen-county.yaml")
                : Charts.SERVICES.contains(chart) ? Charts.withValues(chart, "helm/" + chart + "/ci/standalone-values.yaml")
                : Charts.chart(chart);
        LintResult result = new Helm(directory).lint().strict().call();

        assertThat(result.getMessages()).noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void theTenantChartsDefaultsAloneDoNotLintForTheyCarryNoCounty() {
        LintResult result = new Helm(Charts.chart("county-tenant")).lint().call();

        assertThat(result.isFailed()).isTrue();
        assertThat(String.join("\n", result.getMessages())).contains("/county/code");
    }

    @Test
    void everyChartDirectoryIsCovered() throws Exception {
        try (var charts = Files.list(Charts.repository().resolve("helm"))) {
            assertThat(charts.filter(dir -> Files.exists(dir.resolve("Chart.yaml"))).map(dir -> dir.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(Charts.ALL);
        }
    }

    @Test
    void everyServiceChartOnlyIncludesTheLibrary() throws Exception {
        for (String service : Charts.SERVICES) {
            var templates = Charts.repository().resolve("helm").resolve(service).resolve("templates");
            try (var files = Files.list(templates)) {
                assertThat(files).singleElement().satisfies(file ->
                        assertThat(Files.readString(file).strip()).isEqualTo("{{- include \"platform-library.all\" . }}"));
            }
        }
    }
}
