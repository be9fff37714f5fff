package org.povertyalleviation.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;

/**
 * TLS to PostgreSQL: by default both drivers of every pod that reaches the database (the services' R2DBC, the migration
 * Jobs' JDBC) require TLS and check the server's certificate and name against the CA from a Secret, mounted as a file.
 */
class ChartDatabaseTlsTest {

    private static final String CA_FILE = "/etc/poverty-platform/postgres-ca/ca.crt";

    @Test
    void byDefaultEveryDatabaseClientVerifiesTheServerAgainstTheClustersCa() {
        List<HasMetadata> resources = Charts.parse(Charts.render("poverty-platform"));
        List<PodSpec> clients = databaseClients(resources);
        assertThat(clients).as("the services' pods and their migration Jobs").hasSize(2 * (Charts.SERVICES.size() - 2));

        for (PodSpec pod : clients) {
            Container container = pod.getContainers().get(0);
            Map<String, EnvVar> env = ChartPlatformTest.env(container);
            assertThat(env.get("DATABASE_JDBC_URL").getValue()).endsWith("?sslmode=verify-full&sslrootcert=" + CA_FILE);
            if (env.containsKey("DATABASE_R2DBC_URL")) {
                assertThat(env.get("DATABASE_R2DBC_URL").getValue()).endsWith("?sslMode=verify-full&sslRootCert=" + CA_FILE);
            }
            assertThat(pod.getVolumes()).filteredOn(volume -> volume.getSecret() != null).singleElement().satisfies(volume -> {
                assertThat(volume.getName()).isEqualTo("postgres-ca");
                assertThat(volume.getSecret().getSecretName()).isEqualTo("poverty-postgres-ca");
                assertThat(volume.getSecret().getItems()).singleElement().satisfies(item -> {
                    assertThat(item.getKey()).isEqualTo("ca.crt");
                    assertThat(item.getPath()).isEqualTo("ca.crt");
                });
            });
            assertThat(container.getVolumeMounts()).anySatisfy(mount -> {
                assertThat(mount.getName()).isEqualTo("postgres-ca");
                assertThat(CA_FILE).startsWith(mount.getMountPath() + "/");
                assertThat(mount.getReadOnly()).isTrue();
            });
        }
        assertThat(Charts.named(resources, Deployment.class, "gateway").getSpec().getTemplate().getSpec().getVolumes())
                .as("no database, no CA").noneSatisfy(volume -> assertThat(volume.getName()).isEqualTo("postgres-ca"));
    }

    @Test
    void anotherCaSecretIsMountedAndAModeWithoutVerificationMountsNone() {
        String ownCa = Charts.valuesFile("global: { platform: { postgres: { caSecret: { name: county-db-ca, key: root.pem } } } }\n");
        for (PodSpec pod : databaseClients(Charts.parse(Charts.render("poverty-platform", ownCa)))) {
            assertThat(pod.getVolumes()).filteredOn(volume -> volume.getSecret() != null).singleElement().satisfies(volume -> {
                assertThat(volume.getSecret().getSecretName()).isEqualTo("county-db-ca");
                assertThat(volume.getSecret().getItems().get(0).getKey()).isEqualTo("root.pem");
                assertThat(volume.getSecret().getItems().get(0).getPath()).isEqualTo("ca.crt");
            });
        }

        // The small county's example: TLS without checking the certificate (sslMode require).
        for (PodSpec pod : databaseClients(Charts.parse(Charts.render("poverty-platform", ChartPlatformTest.EXAMPLE)))) {
            Map<String, EnvVar> env = ChartPlatformTest.env(pod.getContainers().get(0));
            assertThat(env.get("DATABASE_JDBC_URL").getValue()).endsWith("?sslmode=require").doesNotContain("sslrootcert");
            assertThat(pod.getVolumes()).noneSatisfy(volume -> assertThat(volume.getName()).isEqualTo("postgres-ca"));
        }
    }

    private static List<PodSpec> databaseClients(List<HasMetadata> resources) {
        return java.util.stream.Stream.concat(
                        Charts.ofType(resources, Deployment.class).stream().map(deployment -> deployment.getSpec().getTemplate().getSpec()),
                        Charts.ofType(resources, Job.class).stream().map(job -> job.getSpec().getTemplate().getSpec()))
                .filter(pod -> ChartPlatformTest.env(pod.getContainers().get(0)).containsKey("DATABASE_JDBC_URL"))
                .toList();
    }
}
