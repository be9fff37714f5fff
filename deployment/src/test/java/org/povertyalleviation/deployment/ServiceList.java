package org.povertyalleviation.deployment;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.povertyalleviation.platform.infra.PlatformServices;
import org.povertyalleviation.platform.infra.PlatformServices.Service;

/**
 * What follows from services/services.yaml, rendered: the parts of files between {@code services-list:begin} and
 * {@code services-list:end} lines, two files whole, and the umbrella chart's schema. ServiceListTest compares them
 * with the repository; templates/sync-services.sh writes them ({@code -Dservices.sync=true}).
 */
final class ServiceList {

    static final String BEGIN = "services-list:begin";
    static final String END = "services-list:end";
    static final String GENERATED = "Generated from services/services.yaml by templates/sync-services.sh: edit the list, not this file.";

    /** A renderer of one region: the services and the begin line's indentation give the lines in between. */
    private interface Region extends BiFunction<List<Service>, String, String> {
    }

    private final Path repository;
    private final List<Service> services;

    ServiceList(Path repository) {
        this(repository, PlatformServices.read(repository.resolve(PlatformServices.FILE)));
    }

    ServiceList(Path repository, List<Service> services) {
        this.repository = repository;
        this.services = services;
    }

    List<Service> services() {
        return services;
    }

    /** Every derived file as it should read: repository-relative path → content. */
    Map<String, String> expected() {
        Map<String, String> files = new LinkedHashMap<>();
        regions().forEach((file, renderers) -> files.put(file, replaceRegions(file, read(file), renderers)));
        files.put("k8s/postgres/databases.yaml", databases());
        files.put("k8s/kafka/dead-letter-topics.yaml", deadLetterTopics());
        files.put("k8s/kafka/users.yaml", kafkaUsers());
        files.put(UMBRELLA_SCHEMA, umbrellaSchema(read(UMBRELLA_SCHEMA)));
        // Every deployable's chart validates its values with the library's one schema.
        String deployableSchema = read(DEPLOYABLE_SCHEMA);
        deployables().forEach(chart -> files.put("helm/" + chart + "/values.schema.json", deployableSchema));
        return files;
    }

    /** Files whose content differs from {@link #expected()}. */
    List<String> stale() {
        List<String> stale = new ArrayList<>();
        expected().forEach((file, content) -> {
            boolean same = Files.isRegularFile(repository.resolve(file))
                    && (file.endsWith(".json") ? tree(content).equals(tree(read(file))) : content.equals(read(file)));
            if (!same) {
                stale.add(file);
            }
        });
        return stale;
    }

    /** Writes the stale files; returns them. */
    List<String> write() {
        List<String> stale = stale();
        Map<String, String> expected = expected();
        for (String file : stale) {
            try {
                Files.createDirectories(repository.resolve(file).getParent());
                Files.writeString(repository.resolve(file), expected.get(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stale;
    }

    // ---------------------------------------------------------------- the regions

    private static final String UMBRELLA_SCHEMA = "helm/poverty-platform/values.schema.json";
    static final String DEPLOYABLE_SCHEMA = "helm/platform-library/deployable.values.schema.json";

    /** The charts built on platform-library: the gateway, every listed service, the portal. */
    List<String> deployables() {
        List<String> charts = new ArrayList<>(List.of("gateway"));
        services.forEach(s -> charts.add(s.name()));
        charts.add("portal");
        return charts;
    }

    private Map<String, List<Region>> regions() {
        Map<String, List<Region>> regions = new LinkedHashMap<>();
        regions.put("pom.xml", List.of(each(s -> "<module>services/" + s.name() + "</module>")));
        regions.put("devstack/pom.xml", List.of(
                each(s -> """
                        <dependency>
                          <groupId>org.povertyalleviation</groupId>
                          <artifactId>%1$s</artifactId>
                          <version>${project.version}</version>
                          <type>pom</type>
                        </dependency>""".formatted(s.name())),
                each(s -> """
                        <artifactItem>
                          <groupId>org.povertyalleviation</groupId>
                          <artifactId>%1$s</artifactId>
                          <version>${project.version}</version>
                          <destFileName>%1$s.jar</destFileName>
                        </artifactItem>""".formatted(s.name()))));
        regions.put("gateway/src/main/resources/application.yml", List.of(each(s -> s.name() + ":\n"
                + "  uri: ${" + s.urlVariable() + ":http://127.0.0.1:" + s.port() + "}\n"
                + "  timeout: " + s.timeout()
                + (s.maxRequestBody() == null ? "" : "\n  max-request-body: " + s.maxRequestBody())
                + (s.uploads().isEmpty() ? "" : "\n  uploads:" + s.uploads().entrySet().stream()
                        .map(upload -> "\n    - { path: \"" + upload.getKey() + "\", max-request-body: " + upload.getValue() + " }")
                        .collect(Collectors.joining()))
                + (s.publicPaths().isEmpty() ? "" : "\n  public-paths: [" + s.publicPaths().stream()
                        .map(path -> '"' + path + '"').collect(Collectors.joining(", ")) + "]")
                + (s.readPosts().isEmpty() ? "" : "\n  read-posts: [" + s.readPosts().stream()
                        .map(path -> '"' + path + '"').collect(Collectors.joining(", ")) + "]"))));
        regions.put("helm/gateway/values.yaml", List.of(each(s -> s.urlVariable() + ": " + serviceUrl(s))));
        regions.put("helm/poverty-platform/Chart.yaml", List.of(each(s -> """
                - name: %1$s
                  version: 0.1.0
                  repository: file://../%1$s""".formatted(s.name()))));
        regions.put("helm/poverty-platform/values.yaml", List.of(each(s -> """
                # %2$s: %3$s (helm/%1$s/values.yaml has every setting).
                %1$s:
                  image:
                    # Repository of its image (Jib), without registry host (see global.image.repositoryPrefix).
                    repository: poverty-platform/%1$s
                    # Empty: global.image.tag.
                    tag: ""
                  # Its database roles and the Secrets with their passwords.
                  database:
                    name: %4$s
                    appUser: %4$s_app
                    appPasswordSecret: { name: %1$s-db-app, key: password }
                    ownerUser: %4$s_owner
                    ownerPasswordSecret: { name: %1$s-db-owner, key: password }
                """.formatted(s.name(), capitalised(s.name()), s.summary(), s.database()))));
        regions.put("helm/poverty-platform/templates/NOTES.txt", List.of(
                each(s -> String.format("%-20s%-31s%s", s.name(), serviceUrl(s), s.summary()).stripTrailing()),
                (list, indent) -> "{{- range $service := list "
                        + list.stream().map(s -> '"' + s.name() + '"').collect(Collectors.joining(" ")) + " }}\n"));
        regions.put("k8s/postgres/cluster.yaml", List.of(each(s -> role(s, "owner") + "\n" + role(s, "app"))));
        Region names = each(s -> "- " + s.name());
        regions.put("k8s/network-policies/gateway-to-services.yaml", List.of(names, names));
        regions.put("k8s/network-policies/services-to-data.yaml", List.of(names, names));
        regions.put("k8s/data-network-policies/postgres.yaml", List.of(names));
        regions.put("k8s/kafka/kafka-cluster.yaml", List.of(names));
        return regions;
    }

    private static String serviceUrl(Service s) {
        return "http://" + s.name() + ":" + s.port();
    }

    private static String role(Service s, String kind) {
        String comment = kind.equals("owner") ? s.name() + " migrations (Flyway)"
                : s.name() + " at run time; row-level security applies (no BYPASSRLS)";
        return """
                - name: %s_%s
                  ensure: present
                  comment: %s
                  login: true
                  superuser: false
                  createdb: false
                  createrole: false
                  replication: false
                  bypassrls: false
                  inherit: true
                  passwordSecret:
                    name: %s-db-%s""".formatted(s.database(), kind, comment, s.name(), kind);
    }

    /** One block per service, each line indented like the begin marker. */
    private static Region each(Function<Service, String> block) {
        return (list, indent) -> list.stream().map(block)
                .flatMap(text -> text.lines().map(line -> line.isEmpty() ? "" : indent + line))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private String replaceRegions(String file, String content, List<Region> renderers) {
        List<String> lines = content.lines().toList();
        StringBuilder out = new StringBuilder();
        int region = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            out.append(line).append('\n');
            if (!line.contains(BEGIN)) {
                continue;
            }
            if (region >= renderers.size()) {
                throw new IllegalStateException(file + ": more " + BEGIN + " lines than the " + renderers.size() + " expected");
            }
            String indent = line.substring(0, line.length() - line.stripLeading().length());
            // A template comment (NOTES.txt) stands at the line's start; its lines are indented as the text around it.
            out.append(renderers.get(region++).apply(services, line.stripLeading().startsWith("{{") ? "  " : indent));
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).contains(END)) {
                end++;
            }
            if (end == lines.size()) {
                throw new IllegalStateException(file + ": " + BEGIN + " on line " + (i + 1) + " has no " + END);
            }
            i = end - 1;
        }
        if (region != renderers.size()) {
            throw new IllegalStateException(file + ": " + region + " " + BEGIN + " lines, " + renderers.size() + " expected");
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- whole files

    private String databases() {
        StringBuilder out = new StringBuilder("""
                # One database per service (CloudNativePG's Database resource, CNPG 1.25 or later), owned by the service's owner
                # role from cluster.yaml. Deleting a Database resource keeps the database (databaseReclaimPolicy: retain): a
                # county's data is never dropped by removing a manifest.
                # %s
                """.formatted(GENERATED));
        String separator = "";
        for (Service s : services) {
            out.append(separator).append("""
                    apiVersion: postgresql.cnpg.io/v1
                    kind: Database
                    metadata:
                      name: %s
                      labels:
                        app.kubernetes.io/part-of: poverty-platform
                    spec:
                      name: %s
                      owner: %s_owner
                      cluster:
                        name: poverty-postgres
                      ensure: present
                      databaseReclaimPolicy: retain
                      encoding: UTF8
                    """.formatted(s.name(), s.database(), s.database()));
            separator = "---\n";
        }
        return out.toString();
    }

    private String deadLetterTopics() {
        StringBuilder out = new StringBuilder("""
                # Dead-letter topics, error.<topic>.<consumer-group> (docs/events/README.md; platform-defaults.properties: three
                # attempts, then the dead letter; a malformed event at once). One per consumer group that has a dead letter: the
                # groups are the bindings in each listed service's application.yml, plus platform-core's countyStatus (group: the
                # service's name), with platform.county-copy.enabled its county copy's two consumers and with
                # platform.household-copy.enabled its household copy's consumer. The gateway's
                # countyStatus is anonymous and has none (enable-dlq: false).
                # %s
                #
                # 12 partitions like the source topics: the binder writes a dead letter to the partition the record came from, so
                # a dead-letter topic needs at least as many partitions as its source. Kept 30 days: long enough to inspect and
                # replay (kafka-console-consumer, or a replay job), short enough that stale poison does not pile up.
                """.formatted(GENERATED));
        String separator = "";
        for (Service s : services) {
            Path config = repository.resolve("services/" + s.name() + "/src/main/resources/application.yml");
            for (KustomizeBasesTest.DeadLetter deadLetter : KustomizeBasesTest.deadLetters(KustomizeBasesTest.single(config))) {
                out.append(separator).append("""
                        # %s's %s
                        apiVersion: kafka.strimzi.io/v1beta2
                        kind: KafkaTopic
                        metadata:
                          name: %s
                          labels:
                            strimzi.io/cluster: poverty-kafka
                            app.kubernetes.io/part-of: poverty-platform
                            poverty-platform/topic-role: dead-letter
                        spec:
                          topicName: %s
                          partitions: 12
                          replicas: 3
                          config:
                            min.insync.replicas: 2
                            cleanup.policy: delete
                            retention.ms: 2592000000
                        """.formatted(s.name(), deadLetter.binding(), deadLetter.topic(), deadLetter.topic()));
                separator = "---\n";
            }
        }
        return out.toString();
    }

    /** The gateway, whose only Kafka client is its countyStatus consumer, and the operators' replay tool. */
    static final String GATEWAY = "gateway";
    static final String REPLAY_USER = "dead-letter-replay";

    /** One Kafka user's ACLs: topics written, topics read, consumer groups (a name ending in '.' is a prefix). */
    record KafkaAccess(String user, java.util.SortedSet<String> writes, java.util.SortedSet<String> reads, java.util.SortedSet<String> groups) {
    }

    /**
     * What each deployable may do on Kafka, derived: it writes the topics of the types it produces (docs/events/README.md's
     * table) and its own dead-letter topics, and reads the topics its consumer bindings name, in their groups (an
     * anonymous group is the binder's anonymous.&lt;uuid&gt;, one per replica: the prefix). Nothing else.
     */
    List<KafkaAccess> kafkaAccess() {
        List<org.povertyalleviation.platform.contracts.EventCatalogue.Entry> catalogue =
                org.povertyalleviation.platform.contracts.EventCatalogue.entries();
        List<KafkaAccess> users = new ArrayList<>();
        Map<String, Path> configs = new LinkedHashMap<>();
        configs.put(GATEWAY, repository.resolve("gateway/src/main/resources/application.yml"));
        services.forEach(s -> configs.put(s.name(), repository.resolve("services/" + s.name() + "/src/main/resources/application.yml")));
        configs.forEach((user, config) -> {
            java.util.SortedSet<String> writes = new java.util.TreeSet<>();
            java.util.SortedSet<String> reads = new java.util.TreeSet<>();
            java.util.SortedSet<String> groups = new java.util.TreeSet<>();
            catalogue.stream().filter(entry -> entry.producer().equals(user)).forEach(entry -> writes.add(entry.topic()));
            for (KustomizeBasesTest.ConsumerBinding binding : KustomizeBasesTest.consumerBindings(KustomizeBasesTest.single(config))) {
                reads.add(binding.destination());
                groups.add(binding.group().isBlank() ? "anonymous." : binding.group());
                if (binding.deadLetter() != null) {
                    writes.add(binding.deadLetter());
                }
            }
            users.add(new KafkaAccess(user, writes, reads, groups));
        });
        // The replay (docs/events/README.md's runbook) puts a dead letter back on its original topic, which no
        // consumer may write: its own user, which operators use, never a service.
        java.util.SortedSet<String> streams = new java.util.TreeSet<>();
        catalogue.forEach(entry -> streams.add(entry.topic()));
        users.add(new KafkaAccess(REPLAY_USER, streams, new java.util.TreeSet<>(List.of("error.")),
                new java.util.TreeSet<>(List.of(REPLAY_USER))));
        return users;
    }

    private String kafkaUsers() {
        StringBuilder out = new StringBuilder("""
                # One Kafka user per deployable that uses Kafka, authenticated with SCRAM-SHA-512 (k8s/kafka/kafka-cluster.yaml's
                # listeners) and allowed only what it does (authorization: simple, deny by default): write the topics of the event
                # types it produces (docs/events/README.md's table) and its own dead-letter topics; read the topics its consumer
                # bindings name, in its own consumer groups (its application.yml and platform-core's defaults). Plus the operators'
                # dead-letter-replay user. Each password is the Secret <user>-kafka (key password), which the operator creates here
                # and in the workload namespace, where the charts pass it to the binder (docs/operations.md).
                # %s
                """.formatted(GENERATED));
        String separator = "";
        for (KafkaAccess access : kafkaAccess()) {
            StringBuilder acls = new StringBuilder();
            access.writes().forEach(topic -> acls.append(acl("topic", topic, "Write", "Describe")));
            access.reads().forEach(topic -> acls.append(acl("topic", topic, "Read", "Describe")));
            access.groups().forEach(group -> acls.append(acl("group", group, "Read")));
            out.append(separator).append("""
                    apiVersion: kafka.strimzi.io/v1beta2
                    kind: KafkaUser
                    metadata:
                      name: %1$s
                      labels:
                        strimzi.io/cluster: poverty-kafka
                        app.kubernetes.io/part-of: poverty-platform
                    spec:
                      authentication:
                        type: scram-sha-512
                        password:
                          valueFrom:
                            secretKeyRef:
                              name: %1$s-kafka
                              key: password
                      authorization:
                        type: simple
                        acls:
                    """.formatted(access.user())).append(acls);
            separator = "---\n";
        }
        return out.toString();
    }

    private static String acl(String type, String name, String... operations) {
        return """
                      - resource:
                          type: %s
                          name: %s
                          patternType: %s
                        operations: [%s]
                """.formatted(type, name, name.endsWith(".") ? "prefix" : "literal", String.join(", ", operations));
    }

    // ---------------------------------------------------------------- the umbrella's schema

    /**
     * Every listed service required and described; a service's own entry (extra required settings, such as the
     * county registry's Keycloak client) is kept, a new one gets the standard entry, an unlisted one goes.
     */
    private String umbrellaSchema(String current) {
        ObjectNode schema = (ObjectNode) tree(current);
        ObjectNode properties = (ObjectNode) schema.get("properties");
        List<String> listed = services.stream().map(Service::name).toList();
        ObjectNode rebuilt = JSON.createObjectNode();
        ArrayNode required = JSON.createArrayNode();
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) properties::fields) {
            String name = entry.getKey();
            if (name.equals("portal")) {
                listed.forEach(service -> rebuilt.set(service, properties.has(service) ? properties.get(service) : standardEntry(service)));
            }
            if (!listed.contains(name) && (!looksLikeService(entry.getValue()) || name.equals("gateway") || name.equals("portal"))) {
                rebuilt.set(name, entry.getValue());
            }
        }
        for (JsonNode name : schema.get("required")) {
            if (name.asText().equals("portal")) {
                listed.forEach(required::add);
            }
            if (!listed.contains(name.asText()) && rebuilt.has(name.asText())) {
                required.add(name);
            }
        }
        schema.set("required", required);
        schema.set("properties", rebuilt);
        return pretty(schema);
    }

    private static boolean looksLikeService(JsonNode entry) {
        return entry.path("properties").has("database");
    }

    private ObjectNode standardEntry(String service) {
        Service s = services.stream().filter(candidate -> candidate.name().equals(service)).findFirst().orElseThrow();
        ObjectNode entry = JSON.createObjectNode();
        entry.put("type", "object");
        entry.put("description", capitalised(s.name()) + ": " + s.summary() + " (helm/" + s.name() + "/values.yaml)");
        entry.putArray("required").add("image").add("database");
        ObjectNode properties = entry.putObject("properties");
        properties.putObject("image").put("$ref", "#/definitions/image");
        properties.putObject("secretEnv").put("type", "object").putObject("additionalProperties").put("$ref", "#/definitions/secretRef");
        ObjectNode env = properties.putObject("env").put("type", "object");
        env.putObject("additionalProperties").putArray("type").add("string").add("number").add("boolean");
        properties.putObject("database").put("$ref", "#/definitions/database");
        return entry;
    }

    // ---------------------------------------------------------------- helpers

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two-space indentation, one array item per line, as the schema files are written. */
    private static String pretty(JsonNode node) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter() {
            @Override
            public DefaultPrettyPrinter createInstance() {
                return this;
            }

            @Override
            public void writeObjectFieldValueSeparator(com.fasterxml.jackson.core.JsonGenerator g) throws IOException {
                g.writeRaw(": ");
            }
        };
        printer.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        printer.indentObjectsWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        try {
            return JSON.writer(printer).writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String capitalised(String name) {
        String words = name.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private String read(String file) {
        try {
            return Files.readString(repository.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
