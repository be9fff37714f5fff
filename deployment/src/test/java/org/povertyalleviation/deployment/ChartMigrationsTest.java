package org.povertyalleviation.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

/**
 * Migrations run as a Job before the rollout, as the database's owner; the service's pods hold only the app role's
 * credentials and do not migrate.
 */
class ChartMigrationsTest {

    private final List<HasMetadata> resources = Charts.parse(Charts.render("poverty-platform", ChartPlatformTest.EXAMPLE));

    @Test
    void noServicePodHoldsTheOwnersPasswordOrMigrates() {
        for (Deployment deployment : Charts.ofType(resources, Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            Map<String, EnvVar> env = ChartPlatformTest.env(container);
            assertThat(env.keySet()).as("%s's environment", name).noneMatch(variable -> variable.startsWith("DATABASE_OWNER"));
            assertThat(container.getEnv()).as("%s references no owner Secret", name).noneMatch(variable ->
                    variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null
                            && variable.getValueFrom().getSecretKeyRef().getName().endsWith("-db-owner"));
            assertThat(container.getEnvFrom()).as("%s: no whole Secret in the environment", name).isNullOrEmpty();
            assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes()).as("%s mounts no Secret but PostgreSQL's CA", name)
                    .allSatisfy(volume -> assertThat(volume.getSecret() == null || volume.getName().equals("postgres-ca")).isTrue());
            if (env.containsKey("DATABASE_R2DBC_URL")) {
                assertThat(env.get("SPRING_FLYWAY_ENABLED").getValue()).as("%s does not migrate", name).isEqualTo("false");
                assertThat(env.get("DATABASE_APP_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo(name + "-db-app");
            }
        }
    }

    @Test
    void eachServiceWithADatabaseIsMigratedByAHookJobThatHelmRunsBeforeItsDeployment() {
        List<String> withDatabase = Charts.ofType(resources, Deployment.class).stream()
                .filter(deployment -> ChartPlatformTest.env(container(deployment)).containsKey("DATABASE_R2DBC_URL"))
                .map(deployment -> deployment.getMetadata().getName()).toList();
        assertThat(withDatabase).as("every service, not the gateway or the portal").contains("county-registry", "crowdfunding")
                .doesNotContain("gateway", "portal").hasSize(Charts.SERVICES.size() - 2);
        assertThat(Charts.ofType(resources, Job.class).stream().map(job -> job.getMetadata().getName())
                .filter(name -> name.endsWith("-migrations")))
                .containsExactlyInAnyOrderElementsOf(withDatabase.stream().map(name -> name + "-migrations").toList());

        for (String service : withDatabase) {
            Deployment deployment = Charts.named(resources, Deployment.class, service);
            Job job = Charts.named(resources, Job.class, service + "-migrations");
            Map<String, String> annotations = job.getMetadata().getAnnotations();
            // Helm applies a release's pre-install/pre-upgrade hooks and waits for them to succeed before it applies
            // the release's resources, the Deployment among them; a failed Job stops the upgrade.
            assertThat(List.of(annotations.get("helm.sh/hook").split(","))).as(service).contains("pre-install", "pre-upgrade");
            assertThat(deployment.getMetadata().getAnnotations()).as("%s's Deployment is no hook", service)
                    .satisfiesAnyOf(none -> assertThat(none).isNull(), some -> assertThat(some).doesNotContainKey("helm.sh/hook"));
            assertThat(annotations.get("helm.sh/hook-delete-policy")).contains("before-hook-creation").doesNotContain("hook-failed");

            PodSpec pod = job.getSpec().getTemplate().getSpec();
            PodSecurity.assertRestricted(pod);
            assertThat(pod.getRestartPolicy()).isEqualTo("Never");
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            assertThat(pod.getServiceAccountName()).as("a pre-install hook runs before the chart's ServiceAccount exists").isNull();
            Container migrations = pod.getContainers().get(0);
            assertThat(migrations.getImage()).as("the service's own image").isEqualTo(container(deployment).getImage());
            assertThat(migrations.getCommand()).last().isEqualTo("org.povertyalleviation.platform.DatabaseMigration");
            Map<String, EnvVar> env = ChartPlatformTest.env(migrations);
            Map<String, EnvVar> served = ChartPlatformTest.env(container(deployment));
            assertThat(env.get("DATABASE_OWNER_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo(service + "-db-owner");
            assertThat(env.get("DATABASE_OWNER_USER").getValue()).isEqualTo(service.replace('-', '_') + "_owner");
            assertThat(env.get("DATABASE_JDBC_URL").getValue()).as("the database the pods use").isEqualTo(served.get("DATABASE_JDBC_URL").getValue());
            assertThat(env.get("DATABASE_APP_USER").getValue()).isEqualTo(served.get("DATABASE_APP_USER").getValue());
            assertThat(env).as("the Job needs the app role's name only").doesNotContainKey("DATABASE_APP_PASSWORD");

            // Not a pod of the service: its Service, PDB and NetworkPolicy never select the Job's pod.
            Map<String, String> labels = job.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(KustomizeBasesTest.selects(new io.fabric8.kubernetes.api.model.LabelSelector(null,
                    Charts.named(resources, Service.class, service).getSpec().getSelector()), labels)).isFalse();
            assertThat(KustomizeBasesTest.selects(Charts.named(resources, PodDisruptionBudget.class, service).getSpec().getSelector(), labels)).isFalse();
            assertThat(KustomizeBasesTest.selects(Charts.named(resources, NetworkPolicy.class, service).getSpec().getPodSelector(), labels)).isFalse();

            // k8s/network-policies let it reach PostgreSQL, and nothing but PostgreSQL and DNS.
            List<NetworkPolicy> policies = KustomizeBasesTest.networkPolicies(KustomizeBasesTest.WORKLOAD_NAMESPACE);
            assertThat(KustomizeBasesTest.egressPeers(policies, labels)).as("%s's migrations reach", service)
                    .anySatisfy(peer -> assertThat(peer.getPodSelector().getMatchLabels()).containsKey("cnpg.io/cluster"))
                    .allSatisfy(peer -> assertThat(peer.getPodSelector().getMatchLabels()).containsAnyOf(
                            Map.entry("cnpg.io/cluster", "poverty-postgres"), Map.entry("k8s-app", "kube-dns")));
        }
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }
}
