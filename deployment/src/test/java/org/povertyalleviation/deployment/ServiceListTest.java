package org.povertyalleviation.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyalleviation.platform.infra.PlatformServices;
import org.povertyalleviation.platform.infra.PlatformServices.Service;

/**
 * services/services.yaml is the one list of services: every deployable module is on it, and every file derived from
 * it (ServiceList) says what the list says. Run templates/sync-services.sh after changing the list; with
 * -Dservices.sync=true this test writes the derived files instead of failing.
 */
class ServiceListTest {

    static final Path REPO = KustomizeBasesTest.REPO;

    @Test
    void everyDerivedFileAgreesWithTheList() {
        ServiceList list = new ServiceList(REPO);
        if (Boolean.getBoolean("services.sync")) {
            System.out.println("services/services.yaml: rewrote " + list.write());
        }
        assertThat(list.stale()).as("files that disagree with services/services.yaml: run templates/sync-services.sh").isEmpty();
    }

    @Test
    void theListNamesEveryServiceModuleAndNothingElse() throws IOException {
        List<String> modules;
        try (Stream<Path> dirs = Files.list(REPO.resolve("services"))) {
            modules = dirs.filter(dir -> Files.isRegularFile(dir.resolve("src/main/resources/application.yml")))
                    .map(dir -> dir.getFileName().toString()).sorted().toList();
        }
        assertThat(new ServiceList(REPO).services().stream().map(Service::name).sorted().toList()).isEqualTo(modules);
        for (Service service : new ServiceList(REPO).services()) {
            String config = Files.readString(REPO.resolve("services/" + service.name() + "/src/main/resources/application.yml"));
            assertThat(config).as("%s's application.yml: its port is the list's", service.name())
                    .contains("${PORT:" + service.port() + "}");
            assertThat(REPO.resolve("helm/" + service.name() + "/Chart.yaml")).as("%s has its chart", service.name()).exists();
            assertThat(Files.readString(REPO.resolve("helm/" + service.name() + "/values.yaml")))
                    .as("helm/%s/values.yaml: its port is the list's", service.name()).contains("\nport: " + service.port() + "\n");
        }
    }

    /** A service added to a copy of the repository's derived files appears in every one of them. */
    @Test
    void aServiceAddedToTheListReachesEveryDerivedFile(@TempDir Path copy) throws IOException {
        ServiceList real = new ServiceList(REPO);
        Map<String, String> before = real.expected();
        Files.createDirectories(copy.resolve(ServiceList.DEPLOYABLE_SCHEMA).getParent());
        Files.copy(REPO.resolve(ServiceList.DEPLOYABLE_SCHEMA), copy.resolve(ServiceList.DEPLOYABLE_SCHEMA));
        for (String file : before.keySet()) {
            Files.createDirectories(copy.resolve(file).getParent());
            Files.writeString(copy.resolve(file), before.get(file));
        }
        for (Service service : real.services()) {
            Path config = Path.of("services", service.name(), "src/main/resources/application.yml");
            Files.createDirectories(copy.resolve(config).getParent());
            Files.copy(REPO.resolve(config), copy.resolve(config));
        }
        Service added = new Service("market-days", 8097, "the villages' market days", "30s", "2MB",
                List.of("/trace/**"), List.of());
        Path config = copy.resolve("services/market-days/src/main/resources/application.yml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                spring:
                  application: { name: market-days }
                  cloud:
                    stream:
                      bindings:
                        marketDays-in-0: { destination: shop.events, group: market-days.stalls }
                platform:
                  county-copy: { enabled: true }
                """);
        ServiceList extended = new ServiceList(copy, Stream.concat(real.services().stream(), Stream.of(added)).toList());

        assertThat(extended.stale()).as("every derived file changes, and the new chart gets the schema")
                .containsAll(real.expected().keySet().stream().filter(file -> !file.endsWith("/values.schema.json")
                        || file.contains("poverty-platform")).toList())
                .contains("helm/market-days/values.schema.json");
        extended.write();
        assertThat(extended.stale()).isEmpty();
        assertThat(Files.readString(copy.resolve("pom.xml"))).contains("<module>services/market-days</module>");
        assertThat(Files.readString(copy.resolve("devstack/pom.xml"))).contains("<destFileName>market-days.jar</destFileName>");
        assertThat(Files.readString(copy.resolve("gateway/src/main/resources/application.yml")))
                .contains("    market-days:\n      uri: ${MARKET_DAYS_URL:http://127.0.0.1:8097}\n      timeout: 30s\n"
                        + "      max-request-body: 2MB\n      public-paths: [\"/trace/**\"]\n");
        assertThat(Files.readString(copy.resolve("helm/gateway/values.yaml"))).contains("  MARKET_DAYS_URL: http://market-days:8097\n");
        assertThat(Files.readString(copy.resolve("helm/poverty-platform/Chart.yaml"))).contains("repository: file://../market-days");
        assertThat(Files.readString(copy.resolve("helm/poverty-platform/values.yaml"))).contains("ownerUser: market_days_owner");
        assertThat(Files.readString(copy.resolve("helm/poverty-platform/values.schema.json"))).contains("\"market-days\"");
        assertThat(Files.readString(copy.resolve("helm/poverty-platform/templates/NOTES.txt"))).contains("http://market-days:8097");
        assertThat(Files.readString(copy.resolve("k8s/postgres/databases.yaml"))).contains("name: market_days\n");
        assertThat(Files.readString(copy.resolve("k8s/postgres/cluster.yaml"))).contains("- name: market_days_app");
        assertThat(Files.readString(copy.resolve("k8s/kafka/dead-letter-topics.yaml")))
                .contains("topicName: error.shop.events.market-days.stalls", "topicName: error.county.events.market-days.county-copy");
        assertThat(Files.readString(copy.resolve("k8s/kafka/users.yaml")))
                .as("its Kafka user reads shop.events in its group and writes its dead letters, nothing it does not produce")
                .contains("  name: market-days\n", "name: market-days.stalls\n", "name: error.shop.events.market-days.stalls\n");
        assertThat(Files.readString(copy.resolve("k8s/network-policies/gateway-to-services.yaml"))).contains("- market-days");
        assertThat(Files.readString(copy.resolve("k8s/network-policies/services-to-data.yaml"))).contains("- market-days");

        extended = new ServiceList(copy, real.services());
        extended.write();
        for (String file : real.expected().keySet()) {
            assertThat(Files.readString(copy.resolve(file))).as("%s: removing it again restores the file", file)
                    .isEqualTo(before.get(file));
        }
    }

    @Test
    void aMistakeInTheListIsNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("services.yaml");
        Files.writeString(file, """
                services:
                  - { name: one, port: 8081, summary: first, gateway: { timeout: 5s } }
                  - { name: two, port: 8081, summary: second, gateway: { timeout: 5s } }
                """);
        assertThatThrownBy(() -> PlatformServices.read(file)).hasMessageContaining("two: port 8081 is another service's");
        Files.writeString(file, "services:\n  - { name: one, port: 8081, summary: first, gateway: { timeout: soon } }\n");
        assertThatThrownBy(() -> PlatformServices.read(file)).hasMessageContaining("one.gateway.timeout");
        Files.writeString(file, "services:\n  - { name: one, port: 8081, summary: first, gateway: { timeout: 5s }, colour: red }\n");
        assertThatThrownBy(() -> PlatformServices.read(file)).hasMessageContaining("one: unknown field colour");
    }
}
