package org.povertyalleviation.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/** The strict parser the chart tests rely on does catch what Kubernetes would refuse or silently drop. */
class ChartStrictParsingTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: sample
            spec:
              %s
              selector:
                matchLabels: { app: sample }
              template:
                metadata:
                  labels: { app: sample }
                spec:
                  containers:
                    - name: sample
                      image: sample:1
            """;

    @Test
    void aValidDeploymentParsesIntoItsModelClass() {
        assertThat(Charts.parseOne(DEPLOYMENT.formatted("replicas: 2"))).isInstanceOf(Deployment.class);
    }

    @Test
    void anUnknownFieldFails() {
        assertThatThrownBy(() -> Charts.parseOne(DEPLOYMENT.formatted("replicaz: 2"))).hasMessageContaining("replicaz");
    }

    @Test
    void aValueOfTheWrongTypeFails() {
        assertThatThrownBy(() -> Charts.parseOne(DEPLOYMENT.formatted("replicas: { two: 2 }")));
    }

    @Test
    void anUnknownKindFailsButTheKnownCustomResourcesParse() {
        assertThatThrownBy(() -> Charts.parseOne("apiVersion: apps/v1\nkind: Deploymnet\nmetadata: { name: x }\n"))
                .hasMessageContaining("Deploymnet");
        assertThat(Charts.parseOne("apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: { name: x }\nspec: {}\n"))
                .isInstanceOf(GenericKubernetesResource.class);
    }
}
