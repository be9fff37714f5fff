package org.povertyalleviation.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import org.junit.jupiter.api.Test;

/** The notes Helm prints after an install (a client-side dry run: no cluster). */
class ChartNotesTest {

    private static String notes(String chart, String release, String... valuesFiles) {
        InstallCommand install = new Helm(Charts.chart(chart)).install().withName(release).withNamespace("poverty-platform")
                .dryRun().withDryRunOption(DryRun.CLIENT).clientOnly();
        for (String file : valuesFiles) {
            install = install.withValuesFile(Charts.repository().resolve(file));
        }
        String output = install.call().getOutput();
        return output.substring(output.indexOf("NOTES:"));
    }

    @Test
    void thePlatformsNotesNameTheSecretsToCreateAndTheHealthTest() {
        String notes = notes("poverty-platform", "platform", ChartPlatformTest.EXAMPLE);

        assertThat(notes).contains("county-registry-db-owner/password", "household-registry-pii/lookup-key (PII_LOOKUP_KEY)",
                "county-registry-keycloak-client/client-secret", "redis/password", "helm test platform -n poverty-platform",
                "https://id.wenxian.example.org/realms/poverty-platform",
                "helm install county-621222 helm/county-tenant -n poverty-platform -f counties/wen-county.yaml");
    }

    @Test
    void thePlatformsNotesGiveThePortalsAddressItsCertificateAndTheRealmsRedirect() {
        String example = notes("poverty-platform", "platform", ChartPlatformTest.EXAMPLE);
        String defaults = notes("poverty-platform", "platform");

        assertThat(example).contains("portal              http://portal:8090",
                "The portal (county administrators): https://portal.wenxian.example.org",
                "host portal.wenxian.example.org, class nginx, TLS with the certificate in the Secret portal-wenxian-tls",
                "(cert-manager creates and renews it)",
                "redirect URIs https://portal.wenxian.example.org/*", "rollout status deployment/portal");
        assertThat(defaults).contains("The portal (county administrators): https://portal.example.org",
                "create secret tls portal-tls", "redirect URIs https://portal.example.org/*");
    }

    @Test
    void theTenantsNotesSayWhatToDoWithThePartnerGrantsAndBudgetsTheApiCannotTake() {
        String notes = notes("county-tenant", "county-621222", ChartCountyTenantTest.WEN);

        assertThat(notes).contains("County 621222 (文县, Wen County)", "wen-admin <wen-admin@example.org>",
                "service-account-partner-taobao to the Keycloak group /counties/621222",
                "gateway.config.gateway.rate-limits.clients.partner-taobao", "requests-per-second: 100, burst: 200");
    }
}
